package org.crampcare.server;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the embedded Jetty 12 (ee10) the servers run on.
 *
 * <p>Stopping is graceful and owned by the caller ({@link CdsHooksServer#close}): Jetty registers
 * no JVM shutdown hook of its own (two stops racing at JVM exit left threads behind and took
 * seconds), calls in flight get up to {@link #GRACE} to finish while new ones are refused with 503,
 * and an idle server stops at once.
 */
final class Jetty {
  private static final Logger LOG = LoggerFactory.getLogger(Jetty.class);

  /** How long calls in flight may take to finish when the server stops. */
  static final java.time.Duration GRACE = java.time.Duration.ofSeconds(5);

  private Jetty() {}

  /**
   * Starts Jetty with one servlet context.
   *
   * @param name a name for the threads, for example {@code crampcare-fhir}
   * @param host the interface to bind, for example {@code 127.0.0.1}
   * @param port the port, or 0 for a free one
   * @param context the servlets to serve
   * @throws ServerStartException if Jetty cannot start, for example because the port is taken
   */
  static Server start(String name, String host, int port, ServletContextHandler context) {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName(name);
    threads.setDaemon(true);
    // Idle pool threads end at once; waiting longer only delays the exit.
    threads.setStopTimeout(100);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    GracefulHandler graceful = new GracefulHandler();
    graceful.setHandler(context);
    server.setHandler(graceful);
    // The grace period is applied in stop(), to the calls only: Jetty's own graceful stop would
    // also wait for idle keep-alive connections (a FHIR client's pool) to close, for seconds.
    server.setStopTimeout(0);
    server.setStopAtShutdown(false);
    try {
      server.start();
    } catch (Exception e) {
      stop(server);
      throw new ServerStartException(
          "could not start " + name + " on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return server;
  }

  /** Returns the port Jetty listens on. */
  static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /**
   * Stops Jetty: new calls get 503 at once, calls in flight get up to {@link #GRACE} to finish,
   * then the connections close and the threads end. Never throws.
   */
  static void stop(Server server) {
    GracefulHandler graceful = server.getDescendant(GracefulHandler.class);
    if (graceful != null && server.isStarted()) {
      try {
        graceful.shutdown().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        LOG.warn("Calls still running after {} s; stopping anyway", GRACE.toSeconds());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        LOG.warn("Graceful stop failed: {}", String.valueOf(e.getCause()));
      }
    }
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
