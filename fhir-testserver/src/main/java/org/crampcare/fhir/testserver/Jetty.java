package org.crampcare.fhir.testserver;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and stops the embedded Jetty 12 (ee10) a standalone test server runs on. */
final class Jetty {
  private static final Logger LOG = LoggerFactory.getLogger(Jetty.class);

  private Jetty() {}

  /**
   * Starts Jetty with one servlet context.
   *
   * @param name a name for the threads, for example {@code crampcare-fhir}
   * @param host the interface to bind, for example {@code 127.0.0.1}
   * @param port the port, or 0 for a free one
   * @param context the servlets to serve
   * @throws IllegalStateException if Jetty cannot start, for example because the port is taken
   */
  static Server start(String name, String host, int port, ServletContextHandler context) {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName(name);
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.setStopAtShutdown(true);
    try {
      server.start();
    } catch (Exception e) {
      stop(server);
      throw new IllegalStateException(
          "could not start " + name + " on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return server;
  }

  /** Returns the port Jetty listens on. */
  static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** Stops Jetty, waiting for it to finish; never throws. */
  static void stop(Server server) {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Stopping is best effort: the caller is shutting down anyway.
      LOG.warn("Jetty did not stop cleanly: {}", e.toString());
    }
  }
}
