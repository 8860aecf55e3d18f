package org.crampcare.server;

import static com.google.common.base.Preconditions.checkArgument;

import ca.uhn.fhir.context.FhirContext;
import com.google.common.collect.ImmutableList;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import org.crampcare.recommendation.RuleBook;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/**
 * The CDS Hooks service on its own embedded Jetty 12, optionally with an {@link
 * InProcessFhirServer} at {@code /fhir} on the same port, so the whole EHR loop runs on one
 * machine:
 *
 * <pre>{@code
 * try (CdsHooksServer server =
 *     CdsHooksServer.builder(ctx).port(8080).withFhirServer(InProcessFhirServer.builder(ctx)).start()) {
 *   server.fhirServer().orElseThrow().load(samplePatientBundle);
 *   // GET http://127.0.0.1:8080/cds-services
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class CdsHooksServer implements AutoCloseable {
  private final Server jetty;
  private final String baseUrl;
  private final CdsHooksServlet servlet;
  private final Optional<InProcessFhirServer> fhirServer;

  private CdsHooksServer(
      Server jetty,
      String baseUrl,
      CdsHooksServlet servlet,
      Optional<InProcessFhirServer> fhirServer) {
    this.jetty = jetty;
    this.baseUrl = baseUrl;
    this.servlet = servlet;
    this.fhirServer = fhirServer;
  }

  /**
   * Returns a builder.
   *
   * @param ctx the application's shared R4 context
   * @throws IllegalArgumentException if the context is not R4
   */
  public static Builder builder(FhirContext ctx) {
    return new Builder(CdsHooksServlet.builder(ctx));
  }

  /** Returns the server's root URL, for example {@code http://127.0.0.1:8080}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Returns the discovery URL, {@code <baseUrl>/cds-services}. */
  public String servicesUrl() {
    return baseUrl + CdsHooksServlet.PATH;
  }

  /** Returns the port the server listens on. */
  public int port() {
    return Jetty.port(jetty);
  }

  /** Returns the FHIR server on the same port, when started with one; it stops with this server. */
  public Optional<InProcessFhirServer> fhirServer() {
    return fhirServer;
  }

  /** Returns the feedback received, oldest first. */
  public ImmutableList<CdsFeedback> feedback() {
    return servlet.feedback();
  }

  /** Stops the server (and the FHIR server on it). */
  @Override
  public void close() {
    Jetty.stop(jetty);
  }

  /** Configures and starts a {@link CdsHooksServer}; not thread-safe. */
  public static final class Builder {
    private final CdsHooksServlet.Builder servlet;
    private String host = "127.0.0.1";
    private int port;
    private InProcessFhirServer.@Nullable Builder fhir;

    private Builder(CdsHooksServlet.Builder servlet) {
      this.servlet = servlet;
    }

    /** Sets the interface to bind; default {@code 127.0.0.1} (loopback only). */
    public Builder host(String host) {
      checkArgument(!host.isBlank(), "host must not be blank");
      this.host = host;
      return this;
    }

    /**
     * Sets the port; default 0, a free port.
     *
     * @throws IllegalArgumentException if not within 0..65535
     */
    public Builder port(int port) {
      checkArgument(port >= 0 && port <= 65_535, "port must be within 0..65535, got %s", port);
      this.port = port;
      return this;
    }

    /** Sets the clock that gives "now" for each assessment; default the system clock in UTC. */
    public Builder clock(Clock clock) {
      servlet.clock(clock);
      return this;
    }

    /** Restricts the {@code fhirServer} URLs the service will call (see the servlet's builder). */
    public Builder allowFhirServers(Predicate<URI> allowed) {
      servlet.allowFhirServers(allowed);
      return this;
    }

    /** Sets how many calls may assess at once (see the servlet's builder). */
    public Builder maxConcurrentAssessments(int max) {
      servlet.maxConcurrentAssessments(max);
      return this;
    }

    /** Sets the rule book the cards come from (see the servlet's builder). */
    public Builder ruleBook(RuleBook ruleBook) {
      servlet.ruleBook(ruleBook);
      return this;
    }

    /**
     * Also serves an {@link InProcessFhirServer} configured by {@code fhir} at {@code /fhir} on the
     * same port; its host and port settings are ignored.
     */
    public Builder withFhirServer(InProcessFhirServer.Builder fhir) {
      this.fhir = fhir;
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws ServerStartException if Jetty cannot start, for example because the port is taken
     */
    public CdsHooksServer start() {
      CdsHooksServlet cds = servlet.build();
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      cds.register(context);
      FhirEndpoint endpoint = null;
      if (fhir != null) {
        endpoint = fhir.endpoint();
        context.addServlet(new ServletHolder(endpoint.servlet()), InProcessFhirServer.PATH + "/*");
      }
      Server jetty = Jetty.start("crampcare-cds", host, port, context);
      String base = "http://" + InProcessFhirServer.urlHost(host) + ":" + Jetty.port(jetty);
      Optional<InProcessFhirServer> attached =
          endpoint == null
              ? Optional.empty()
              : Optional.of(
                  InProcessFhirServer.attached(endpoint, base + InProcessFhirServer.PATH));
      return new CdsHooksServer(jetty, base, cds, attached);
    }
  }
}
