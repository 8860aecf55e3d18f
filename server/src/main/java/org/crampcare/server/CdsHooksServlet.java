package org.crampcare.server;

import static com.google.common.base.Preconditions.checkArgument;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import com.google.common.collect.ImmutableList;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.crampcare.recommendation.RuleBook;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
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
 *   <li>CORS for browser-based CDS clients: {@code OPTIONS} preflight and {@code
 *       Access-Control-Allow-*} headers on every answer.
 * </ul>
 *
 * <p>Errors are JSON {@code {"error": "reason"}}; reasons name fields, never patient data. The
 * service does not verify the CDS client's JWT: put it behind a gateway that does before exposing
 * it beyond a trusted network. Thread-safe.
 */
public final class CdsHooksServlet extends HttpServlet {
  /** The path the service is mounted at. */
  public static final String PATH = "/cds-services";

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CdsHooksServlet.class);
  private static final String JSON = "application/json;charset=UTF-8";

  private final transient PatientViewService patientView;
  private final transient FeedbackLog feedback;

  private CdsHooksServlet(PatientViewService patientView, FeedbackLog feedback) {
    this.patientView = patientView;
    this.feedback = feedback;
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
    cors(request, response);
    String method = request.getMethod();
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    try {
      if (method.equals("OPTIONS")) {
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        return;
      }
      if (path.isEmpty()) {
        requireMethod(method, "GET");
        write(response, 200, new CdsJson.Services(List.of(patientView.descriptor())));
      } else if (path.equals("/" + PatientViewService.ID)) {
        requireMethod(method, "POST");
        write(response, 200, patientView.call(body(request)));
      } else if (path.equals("/" + PatientViewService.ID + "/feedback")) {
        requireMethod(method, "POST");
        int received = feedback.accept(PatientViewService.ID, body(request));
        write(response, 200, new CdsJson.FeedbackAck(received));
      } else {
        throw new CdsRequestException(
            404, "no CDS service at " + PATH + path + "; see GET " + PATH);
      }
    } catch (CdsRequestException e) {
      String reason = String.valueOf(e.getMessage());
      if (e.status() == 405) {
        response.setHeader("Allow", reason.substring(reason.lastIndexOf(' ') + 1));
      }
      LOG.debug("Refused {} {}: {} {}", method, path, e.status(), reason);
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

  private static void cors(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    String requested = request.getHeader("Access-Control-Request-Headers");
    response.setHeader(
        "Access-Control-Allow-Headers",
        requested == null || requested.isBlank() ? "Authorization, Content-Type" : requested);
    response.setHeader("Access-Control-Max-Age", "86400");
    response.addHeader("Vary", "Access-Control-Request-Headers");
  }

  private static byte[] body(HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > CdsJson.MAX_REQUEST_BYTES) {
      throw tooLarge();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
    byte[] buffer = new byte[8192];
    try (InputStream in = request.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        if (out.size() > CdsJson.MAX_REQUEST_BYTES) {
          throw tooLarge();
        }
      }
    }
    return out.toByteArray();
  }

  private static CdsRequestException tooLarge() {
    return new CdsRequestException(
        413, "request body is larger than " + CdsJson.MAX_REQUEST_BYTES + " bytes");
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
    private Predicate<URI> allowedFhirServers = uri -> true;
    private int maxConcurrentAssessments = Runtime.getRuntime().availableProcessors();
    private RuleBook ruleBook = RuleBook.builtIn();

    private Builder(FhirContext ctx) {
      this.ctx = ctx;
    }

    /** Sets the clock that gives "now" for each assessment; default the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Restricts the {@code fhirServer} URLs the service will call; others get 412. Default: any
     * http or https URL. Production deployments should allow only their EHRs' servers.
     */
    public Builder allowFhirServers(Predicate<URI> allowed) {
      this.allowedFhirServers = allowed;
      return this;
    }

    /**
     * Sets how many calls may assess at once; later calls wait in arrival order. The assessment is
     * CPU-bound, so more than the number of cores only adds waiting inside the CPU scheduler.
     * Default: the number of available processors; 0 means no limit.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxConcurrentAssessments(int max) {
      checkArgument(max >= 0, "maxConcurrentAssessments must not be negative, got %s", max);
      this.maxConcurrentAssessments = max;
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

    /** Builds the servlet (and the FHIR importer, assessor and exporter behind it). */
    public CdsHooksServlet build() {
      return new CdsHooksServlet(
          new PatientViewService(
              ctx, clock, allowedFhirServers, maxConcurrentAssessments, ruleBook),
          new FeedbackLog(1_000, clock));
    }
  }
}
