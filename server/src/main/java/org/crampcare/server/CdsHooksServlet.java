package org.crampcare.server;

import static com.google.common.base.Preconditions.checkArgument;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.recommendation.RuleBook;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CrampCare CDS Hooks 2.0 service as one jakarta servlet, to mount at {@value #PATH} on any
 * servlet container (or start with {@link CdsHooksServer}).
 *
 * <ul>
 *   <li>{@code GET /cds-services}: discovery, one service {@code crampcare-patient-view} on the
 *       {@code patient-view} hook, with prefetch templates for the patient, recent Observations,
 *       active Conditions, MedicationRequests and MedicationStatements;
 *   <li>{@code POST /cds-services/crampcare-patient-view}: cards. Uses the prefetch when given (a
 *       {@code null} value means "known not to exist"), otherwise fetches from {@code fhirServer}
 *       with the bearer token in {@code fhirAuthorization}. Answers 400 with a reason for a bad
 *       request, 412 when the data can be had neither way, 422 when the record cannot be assessed
 *       (no birth date, for example);
 *   <li>{@code POST /cds-services/crampcare-patient-view/feedback}: accepted and kept in memory
 *       (the last 1000 items, no patient data), answered {@code {"received": n}};
 *   <li>CORS for the configured browser origins only.
 * </ul>
 *
 * <p>Every service and feedback call (and discovery, unless configured otherwise) needs {@code
 * Authorization: Bearer} and a JWT signed (ES384 or RS384) by a key of a {@linkplain TrustedIssuer
 * trusted EHR}, addressed ({@code aud}) to the endpoint called, unexpired, recent and not seen
 * before; anything else is 401 naming the failed check. {@code fhirServer} is fetched only when it
 * is on the {@linkplain AllowedFhirServer allow-list} (default empty), without following redirects.
 * A service call must be {@code application/json} (else 415) and within the size limit (else 413);
 * a call that cannot get its turn to assess in time is 503 with {@code Retry-After}. See {@code
 * docs/cds-hooks.md}.
 *
 * <p>Errors are JSON {@code {"error": "reason"}}; reasons name fields and checks, never patient
 * data or tokens. Thread-safe.
 */
public final class CdsHooksServlet extends HttpServlet {
  /** The path the service is mounted at. */
  public static final String PATH = "/cds-services";

  private static final long serialVersionUID = 1L;

  /** A request attribute: the body was read (all of it, or up to the size limit). */
  private static final String BODY_READ = "org.crampcare.server.bodyRead";

  private static final Logger LOG = LoggerFactory.getLogger(CdsHooksServlet.class);
  private static final String JSON = "application/json;charset=UTF-8";

  /** The path (under {@value #PATH}) of the feedback counts: no patient or card identifiers. */
  static final String FEEDBACK_SUMMARY = "crampcare-feedback-summary";

  private static final ImmutableSet<String> SERVICE_IDS =
      ImmutableSet.of(PatientViewService.ID, OrderService.SELECT_ID, OrderService.SIGN_ID);

  private final transient PatientViewService patientView;
  private final transient OrderService orders;
  private final transient FeedbackLog feedback;
  private final transient ClientTokens tokens;
  // Set at build, or by CdsHooksServer once it knows its own URL.
  private volatile @Nullable String audienceBase;
  private final boolean tokenForDiscovery;
  private final ImmutableSet<String> allowedOrigins;
  private final int maxRequestBytes;

  private CdsHooksServlet(
      Builder b, PatientViewService patientView, OrderService orders, FeedbackLog feedback) {
    this.patientView = patientView;
    this.orders = orders;
    this.feedback = feedback;
    this.tokens =
        // Tokens are judged by the real time, whatever clock the assessments use.
        new ClientTokens(
            b.trusted, Clock.systemUTC(), b.clockSkew, b.maxTokenAge, b.replayCacheSize);
    this.audienceBase = b.audienceBase == null ? null : trimSlash(b.audienceBase.toString());
    this.tokenForDiscovery = b.tokenForDiscovery;
    this.allowedOrigins = ImmutableSet.copyOf(b.allowedOrigins);
    this.maxRequestBytes = b.maxRequestBytes;
  }

  /**
   * Returns a builder.
   *
   * @param ctx the application's shared R4 context
   * @throws IllegalArgumentException if the context is not R4
   */
  public static Builder builder(FhirContext ctx) {
    checkArgument(
        ctx.getVersion().getVersion() == FhirVersionEnum.R4,
        "the FHIR context must be R4, got %s",
        ctx.getVersion().getVersion());
    return new Builder(ctx);
  }

  /** Mounts this servlet on a Jetty ee10 context at {@value #PATH}. */
  public void register(ServletContextHandler context) {
    ServletHolder holder = new ServletHolder("crampcare-cds-hooks", this);
    context.addServlet(holder, PATH);
    context.addServlet(holder, PATH + "/*");
  }

  /** Returns the feedback received, oldest first (at most the last 1000 items). */
  public ImmutableList<CdsFeedback> feedback() {
    return feedback.items();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String method = request.getMethod();
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    try {
      boolean corsAllowed = cors(request, response);
      if (method.equals("OPTIONS")) {
        if (!corsAllowed) {
          throw new CdsRequestException(403, "origin is not allowed to call this service");
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        return;
      }
      String base = audienceBase;
      if (base == null) {
        throw new CdsRequestException(503, "the service is starting; retry shortly");
      }
      String endpoint = base + PATH + path;
      if (path.isEmpty()) {
        requireMethod(method, "GET");
        if (tokenForDiscovery) {
          authenticate(request, endpoint);
        }
        List<CdsJson.Service> services = new ArrayList<>();
        services.add(patientView.descriptor());
        services.addAll(orders.descriptors());
        write(response, 200, new CdsJson.Services(services));
      } else if (path.equals("/" + PatientViewService.ID)) {
        requireMethod(method, "POST");
        authenticate(request, endpoint);
        write(response, 200, patientView.call(body(request)));
      } else if (path.equals("/" + OrderService.SELECT_ID)
          || path.equals("/" + OrderService.SIGN_ID)) {
        requireMethod(method, "POST");
        authenticate(request, endpoint);
        write(response, 200, orders.call(path.substring(1), body(request)));
      } else if (path.endsWith("/feedback") && SERVICE_IDS.contains(serviceOf(path))) {
        requireMethod(method, "POST");
        authenticate(request, endpoint);
        int received = feedback.accept(serviceOf(path), body(request));
        write(response, 200, new CdsJson.FeedbackAck(received));
      } else if (path.equals("/" + FEEDBACK_SUMMARY)) {
        requireMethod(method, "GET");
        authenticate(request, endpoint);
        write(response, 200, feedback.summary());
      } else {
        throw new CdsRequestException(
            404, "no CDS service at " + PATH + path + "; see GET " + PATH);
      }
    } catch (CdsRequestException e) {
      String reason = String.valueOf(e.getMessage());
      if (e.status() == 405) {
        response.setHeader("Allow", reason.substring(reason.lastIndexOf(' ') + 1));
      }
      // The reason names the check or field, never the token or patient data.
      LOG.debug("Refused {} {}: {} {}", method, path, e.status(), reason);
      e.headers().forEach(response::setHeader);
      if (request.getAttribute(BODY_READ) == null && request.getContentLengthLong() != 0) {
        // Refused before its body was read (a bad token, a wrong type): Jetty will close the
        // connection rather than read an unwanted body, so the client is told not to reuse it;
        // otherwise its next call on that connection fails with no response at all.
        response.setHeader("Connection", "close");
      }
      write(response, e.status(), new CdsJson.Error(reason));
    } catch (RuntimeException e) {
      LOG.error("CDS Hooks request {} {} failed", method, path, e);
      write(response, 500, new CdsJson.Error("internal error; see the service's log"));
    }
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new CdsRequestException(
          405, "method " + method + " is not allowed here; use " + allowed);
    }
  }

  /** The service id of a {@code /{id}/feedback} path. */
  private static String serviceOf(String path) {
    return path.substring(1, path.length() - "/feedback".length());
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Sets the public base URL when the builder had none (the server's own, once started). */
  void defaultAudienceBase(String base) {
    if (audienceBase == null) {
      audienceBase = trimSlash(base);
    }
  }

  /** Verifies the CDS client's JWT for a call to the endpoint; 401 naming the failed check. */
  private void authenticate(HttpServletRequest request, String endpoint) {
    tokens.verify(Optional.ofNullable(request.getHeader("Authorization")), endpoint);
  }

  /**
   * Answers CORS for a configured origin only: the origin echoed, fixed methods and headers.
   * Returns whether the request's origin (if any) is allowed; a request without Origin is not a
   * browser's cross-origin call.
   */
  private boolean cors(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader("Vary", "Origin");
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    if (!allowedOrigins.contains(origin)) {
      return false;
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
    response.setHeader("Access-Control-Max-Age", "600");
    return true;
  }

  private byte[] body(HttpServletRequest request) throws IOException {
    String type = request.getContentType();
    if (type == null
        || !type.toLowerCase(Locale.ROOT).split(";", 2)[0].trim().equals("application/json")) {
      throw new CdsRequestException(
          415,
          "Content-Type must be application/json, got "
              + (type == null ? "none" : "'" + type + "'"));
    }
    long declared = request.getContentLengthLong();
    if (declared > maxRequestBytes) {
      throw tooLarge(maxRequestBytes);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
    byte[] buffer = new byte[8192];
    try (InputStream in = request.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        if (out.size() > maxRequestBytes) {
          throw tooLarge(maxRequestBytes);
        }
      }
    }
    request.setAttribute(BODY_READ, Boolean.TRUE);
    return out.toByteArray();
  }

  private static CdsRequestException tooLarge(int max) {
    return new CdsRequestException(413, "request body is larger than " + max + " bytes");
  }

  private static void write(HttpServletResponse response, int status, Object body)
      throws IOException {
    response.setStatus(status);
    response.setContentType(JSON);
    try (OutputStream out = response.getOutputStream()) {
      CdsJson.MAPPER.writeValue(out, body);
    }
  }

  /** Configures a {@link CdsHooksServlet}; not thread-safe. */
  public static final class Builder {
    private final FhirContext ctx;
    private Clock clock = Clock.systemUTC();
    private final List<AllowedFhirServer> fhirServers = new ArrayList<>();
    private int maxConcurrentAssessments = Runtime.getRuntime().availableProcessors();
    private Duration queueTimeout = Duration.ofSeconds(10);
    private RuleBook ruleBook = RuleBook.builtIn();
    private final List<TrustedIssuer> trusted = new ArrayList<>();
    private @Nullable URI audienceBase;
    private boolean tokenForDiscovery = true;
    private final List<String> allowedOrigins = new ArrayList<>();
    private int maxRequestBytes = CdsJson.MAX_REQUEST_BYTES;
    private Duration clockSkew = Duration.ofSeconds(60);
    private Duration maxTokenAge = Duration.ofMinutes(5);
    private int replayCacheSize = 100_000;
    // CdsHooksServer supplies its own URL as the audience base when none is set.
    boolean audienceFromServer;

    private Builder(FhirContext ctx) {
      this.ctx = ctx;
    }

    /** Sets the clock that gives "now" for each assessment; default the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Trusts a CDS client (an EHR): its tokens are accepted when signed by one of its keys. At
     * least one is required; a call without a valid token gets 401.
     */
    public Builder trust(TrustedIssuer issuer) {
      this.trusted.add(issuer);
      return this;
    }

    /**
     * Sets the service's public base URL, as the EHR calls it (for example {@code
     * https://cds.example.org}): a token's {@code aud} must be this plus the endpoint's path.
     * Required.
     */
    public Builder audienceBaseUrl(URI base) {
      this.audienceBase = base;
      return this;
    }

    /** Sets whether discovery ({@code GET /cds-services}) needs a token too; default yes. */
    public Builder requireTokenForDiscovery(boolean required) {
      this.tokenForDiscovery = required;
      return this;
    }

    /**
     * Allows a FHIR server to be fetched from when a call names it in {@code fhirServer}; any other
     * gets 412 and no connection. Default: none (calls must bring their prefetch).
     */
    public Builder allowFhirServer(AllowedFhirServer server) {
      this.fhirServers.add(server);
      return this;
    }

    /** Allows browser calls from the origin (for example {@code https://ehr.example.org}). */
    public Builder allowOrigin(String origin) {
      checkArgument(
          origin.startsWith("https://") || origin.startsWith("http://"),
          "allowed origin '%s' is not an http(s) origin",
          origin);
      this.allowedOrigins.add(origin);
      return this;
    }

    /** Sets the largest request body accepted; larger gets 413. Default 8 MB. */
    public Builder maxRequestBytes(int bytes) {
      checkArgument(bytes > 0, "maxRequestBytes must be positive, got %s", bytes);
      this.maxRequestBytes = bytes;
      return this;
    }

    /** Sets the clock difference tolerated on {@code exp} and {@code iat}; default 60 s. */
    public Builder clockSkew(Duration skew) {
      checkArgument(!skew.isNegative(), "clockSkew must not be negative, got %s", skew);
      this.clockSkew = skew;
      return this;
    }

    /** Sets how old a token's {@code iat} may be; default 5 minutes. */
    public Builder maxTokenAge(Duration age) {
      checkArgument(
          !age.isNegative() && !age.isZero(), "maxTokenAge must be positive, got %s", age);
      this.maxTokenAge = age;
      return this;
    }

    /**
     * Sets how many unexpired {@code jti} values are remembered against replay; default 100,000.
     */
    public Builder replayCacheSize(int size) {
      checkArgument(size > 0, "replayCacheSize must be positive, got %s", size);
      this.replayCacheSize = size;
      return this;
    }

    /**
     * Sets how many calls may assess at once; later calls wait in arrival order, at most {@link
     * #queueTimeout}. The assessment is CPU-bound, so more than the number of cores only adds
     * waiting inside the CPU scheduler. Default: the number of available processors; 0 means no
     * limit.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxConcurrentAssessments(int max) {
      checkArgument(max >= 0, "maxConcurrentAssessments must not be negative, got %s", max);
      this.maxConcurrentAssessments = max;
      return this;
    }

    /** Sets how long a call may wait for its turn to assess before it gets 503; default 10 s. */
    public Builder queueTimeout(Duration timeout) {
      checkArgument(
          !timeout.isNegative() && !timeout.isZero(),
          "queueTimeout must be positive, got %s",
          timeout);
      this.queueTimeout = timeout;
      return this;
    }

    /**
     * Sets the rule book the cards come from: disabled rules, thresholds, own rules and texts;
     * default {@link RuleBook#builtIn()}.
     */
    public Builder ruleBook(RuleBook ruleBook) {
      this.ruleBook = ruleBook;
      return this;
    }

    /**
     * Builds the servlet (and the FHIR importer, assessor and exporter behind it).
     *
     * @throws IllegalStateException if no CDS client is trusted or the audience base URL is unset
     */
    public CdsHooksServlet build() {
      if (trusted.isEmpty()) {
        throw new IllegalStateException(
            "no trusted CDS client: call trust(...) with each EHR's issuer and JWK Set; the service"
                + " answers no call without a verified token");
      }
      if (audienceBase == null && !audienceFromServer) {
        throw new IllegalStateException(
            "no audience base URL: call audienceBaseUrl(...) with the URL EHRs call this service at");
      }
      List<AllowedFhirServer> servers = List.copyOf(fhirServers);
      Predicate<URI> allowed = uri -> servers.stream().anyMatch(a -> a.allows(uri));
      FeedbackLog feedback = new FeedbackLog(1_000, clock);
      // One pipeline and one record fetcher (with its own FHIR context) for every service.
      CrampCareFhir pipeline = CrampCareFhir.create(ctx, ruleBook);
      PatientRecord record = new PatientRecord(ctx, allowed);
      return new CdsHooksServlet(
          this,
          new PatientViewService(
              ctx, clock, pipeline, record, maxConcurrentAssessments, queueTimeout, ruleBook),
          new OrderService(ctx, clock, pipeline, record, ruleBook, feedback),
          feedback);
    }
  }
}
