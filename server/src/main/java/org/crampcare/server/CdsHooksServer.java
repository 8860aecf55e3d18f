package org.crampcare.server;

import static com.google.common.base.Preconditions.checkArgument;

import ca.uhn.fhir.context.FhirContext;
import com.google.common.collect.ImmutableList;
import jakarta.servlet.Servlet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.crampcare.recommendation.RuleBook;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * The CDS Hooks service on its own embedded Jetty 12, optionally with other servlets mounted on the
 * same port (for a demo, the in-process FHIR server of {@code crampcare-fhir-testserver}, so that
 * the whole EHR loop runs on one machine):
 *
 * <pre>{@code
 * InProcessFhirServer.Mountable fhir = InProcessFhirServer.builder(ctx).mountable();
 * try (CdsHooksServer server =
 *     CdsHooksServer.builder(ctx).port(8080).mount("/fhir", fhir.servlet()).start()) {
 *   fhir.mountedAt(server.baseUrl() + "/fhir").load(samplePatientBundle);
 *   // GET http://127.0.0.1:8080/cds-services
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class CdsHooksServer implements AutoCloseable {
  private static final Pattern MOUNT_PATH = Pattern.compile("/[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  private final Server jetty;
  private final String baseUrl;
  private final CdsHooksServlet servlet;

  private CdsHooksServer(Server jetty, String baseUrl, CdsHooksServlet servlet) {
    this.jetty = jetty;
    this.baseUrl = baseUrl;
    this.servlet = servlet;
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

  /** Returns the feedback received, oldest first. */
  public ImmutableList<CdsFeedback> feedback() {
    return servlet.feedback();
  }

  /**
   * Stops the server, and every servlet mounted on it: new calls are refused with 503, calls in
   * flight get up to five seconds to finish, an idle server stops at once. The server registers no
   * JVM shutdown hook: an application that must stop it on SIGTERM calls this from its own hook.
   */
  @Override
  public void close() {
    Jetty.stop(jetty);
  }

  /** Returns the host for URLs: a wildcard bind is reached through loopback. */
  private static String urlHost(String host) {
    if (host.equals("0.0.0.0") || host.equals("::")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Configures and starts a {@link CdsHooksServer}; not thread-safe. */
  public static final class Builder {
    private final CdsHooksServlet.Builder servlet;
    private String host = "127.0.0.1";
    private int port;
    private final Map<String, Servlet> mounted = new LinkedHashMap<>();

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

    /** Allows a FHIR server to be fetched from (see the servlet's builder); default none. */
    public Builder allowFhirServer(AllowedFhirServer server) {
      servlet.allowFhirServer(server);
      return this;
    }

    /** Trusts a CDS client's tokens (see the servlet's builder); at least one is required. */
    public Builder trust(TrustedIssuer issuer) {
      servlet.trust(issuer);
      return this;
    }

    /**
     * Sets the public base URL tokens are addressed to (see the servlet's builder); default the
     * server's own URL, {@link #baseUrl()}.
     */
    public Builder audienceBaseUrl(URI base) {
      servlet.audienceBaseUrl(base);
      return this;
    }

    /** Sets whether discovery needs a token too (see the servlet's builder); default yes. */
    public Builder requireTokenForDiscovery(boolean required) {
      servlet.requireTokenForDiscovery(required);
      return this;
    }

    /** Allows browser calls from the origin (see the servlet's builder). */
    public Builder allowOrigin(String origin) {
      servlet.allowOrigin(origin);
      return this;
    }

    /** Sets the largest request body accepted (see the servlet's builder). */
    public Builder maxRequestBytes(int bytes) {
      servlet.maxRequestBytes(bytes);
      return this;
    }

    /** Sets the clock difference tolerated on tokens (see the servlet's builder). */
    public Builder clockSkew(Duration skew) {
      servlet.clockSkew(skew);
      return this;
    }

    /** Sets how old a token's iat may be (see the servlet's builder). */
    public Builder maxTokenAge(Duration age) {
      servlet.maxTokenAge(age);
      return this;
    }

    /** Sets how many token ids are remembered against replay (see the servlet's builder). */
    public Builder replayCacheSize(int size) {
      servlet.replayCacheSize(size);
      return this;
    }

    /** Sets how long a call may wait to assess before 503 (see the servlet's builder). */
    public Builder queueTimeout(Duration timeout) {
      servlet.queueTimeout(timeout);
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
     * Also serves {@code servlet} at {@code path} and below on the same port; it stops with the
     * server. The CDS Hooks paths cannot be taken.
     *
     * @param path a path such as {@code /fhir}: a slash, then letters, digits or {@code -_.}
     * @throws IllegalArgumentException if the path is malformed, taken, or under {@code
     *     /cds-services}
     */
    public Builder mount(String path, Servlet servlet) {
      checkArgument(
          MOUNT_PATH.matcher(path).matches(),
          "mount path '%s' must be a slash followed by letters, digits or -_. (for example /fhir)",
          path);
      checkArgument(
          !path.equals(CdsHooksServlet.PATH) && !path.startsWith(CdsHooksServlet.PATH + "/"),
          "mount path '%s' is the CDS Hooks service's own",
          path);
      checkArgument(!mounted.containsKey(path), "mount path '%s' is already taken", path);
      mounted.put(path, servlet);
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws ServerStartException if Jetty cannot start, for example because the port is taken
     */
    public CdsHooksServer start() {
      servlet.audienceFromServer = true;
      CdsHooksServlet cds = servlet.build();
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      cds.register(context);
      mounted.forEach((path, s) -> context.addServlet(new ServletHolder(s), path + "/*"));
      Server jetty = Jetty.start("crampcare-cds", host, port, context);
      String base = "http://" + urlHost(host) + ":" + Jetty.port(jetty);
      cds.defaultAudienceBase(base);
      return new CdsHooksServer(jetty, base, cds);
    }
  }
}
