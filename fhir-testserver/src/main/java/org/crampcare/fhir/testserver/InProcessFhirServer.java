package org.crampcare.fhir.testserver;

import static com.google.common.base.Preconditions.checkArgument;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * A real FHIR R4 REST server in the same process, for tests and demos: HAPI's {@code RestfulServer}
 * on embedded Jetty 12, backed by an in-memory store.
 *
 * <p>Unlike HAPI's {@code HashMapResourceProvider}, it really implements search: every token,
 * reference, date, string and uri parameter R4 defines for a type ({@code _id}, {@code subject},
 * {@code patient}, {@code code}, {@code status}, {@code clinical-status}, {@code date}, {@code
 * authoredon}, {@code identifier}...), {@code _lastUpdated}, date prefixes ({@code ge}, {@code le},
 * {@code gt}, {@code lt}, {@code eq}, {@code ne}, {@code sa}, {@code eb}) and {@code _count} with
 * next links. Parameters it cannot honour are rejected with 400, never ignored.
 *
 * <p>Writes: create (with {@code If-None-Exist}), update (also conditional), delete, and
 * transaction Bundles at the base URL, all or nothing: {@code ifNoneExist} conditional creates,
 * conditional {@code PUT}s, {@code urn:uuid} references resolved to the assigned ids, conditional
 * references, and (by default) referential integrity; on any failure nothing is written and the
 * client gets an OperationOutcome with a 4xx status. No history is kept.
 *
 * <pre>{@code
 * try (InProcessFhirServer fhir = InProcessFhirServer.start(ctx)) {
 *   fhir.load(bundle);
 *   IGenericClient client = ctx.newRestfulGenericClient(fhir.baseUrl());
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class InProcessFhirServer implements AutoCloseable {
  /** The path the FHIR endpoint is served at. */
  public static final String PATH = "/fhir";

  /**
   * The resource types served unless {@link Builder#resourceTypes} adds more: what CrampCare reads
   * and writes, and what patient records (Synthea, US Core) commonly hold, so their transaction
   * Bundles load as they are. Each type served costs HAPI a model scan at first start (about
   * 0.1-0.3 s), so not all 146 R4 types are served by default.
   */
  public static final ImmutableSet<String> DEFAULT_RESOURCE_TYPES =
      ImmutableSet.of(
          "Patient",
          "Practitioner",
          "PractitionerRole",
          "Organization",
          "Location",
          "Encounter",
          "Observation",
          "Condition",
          "AllergyIntolerance",
          "Procedure",
          "DiagnosticReport",
          "MedicationRequest",
          "MedicationStatement",
          "Medication",
          "CarePlan",
          "CareTeam",
          "Goal",
          "CommunicationRequest",
          "ServiceRequest",
          "Task",
          "RequestGroup",
          "Provenance",
          "Device",
          "RiskAssessment",
          "DetectedIssue",
          "Immunization",
          "DocumentReference",
          "RelatedPerson",
          "Coverage",
          "Specimen",
          "MedicationDispense",
          "MedicationAdministration",
          "QuestionnaireResponse",
          "ImagingStudy",
          "Claim",
          "ExplanationOfBenefit");

  private final FhirEndpoint endpoint;
  private final @Nullable Server jetty;
  private final String baseUrl;

  private InProcessFhirServer(FhirEndpoint endpoint, @Nullable Server jetty, String baseUrl) {
    this.endpoint = endpoint;
    this.jetty = jetty;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts a server on a free loopback port with the defaults.
   *
   * @param ctx the R4 context
   * @throws IllegalStateException if Jetty cannot start
   */
  public static InProcessFhirServer start(FhirContext ctx) {
    return builder(ctx).start();
  }

  /**
   * Returns a builder.
   *
   * @param ctx the shared R4 context
   * @throws IllegalArgumentException if the context is not R4
   */
  public static Builder builder(FhirContext ctx) {
    checkArgument(
        ctx.getVersion().getVersion() == FhirVersionEnum.R4,
        "the FHIR context must be R4, got %s",
        ctx.getVersion().getVersion());
    return new Builder(ctx);
  }

  /**
   * A server not yet listening: its servlet, to mount at {@link #PATH} on a Jetty someone else owns
   * (for example the CDS Hooks server, so that the whole EHR loop runs on one port), and the server
   * it becomes once its URL is known.
   */
  public static final class Mountable {
    private final FhirEndpoint endpoint;

    private Mountable(FhirEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    /** Returns the FHIR REST servlet, to serve at {@code PATH + "/*"}. */
    public jakarta.servlet.http.HttpServlet servlet() {
      return endpoint.servlet();
    }

    /**
     * Returns the server as mounted; closing it does nothing, the owner of the Jetty stops it.
     *
     * @param baseUrl where the servlet is reachable, for example {@code http://127.0.0.1:8080/fhir}
     */
    public InProcessFhirServer mountedAt(String baseUrl) {
      checkArgument(!baseUrl.isBlank(), "baseUrl must not be blank");
      return new InProcessFhirServer(endpoint, null, baseUrl);
    }
  }

  /** Returns the base URL, for example {@code http://127.0.0.1:43121/fhir}. */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Loads a Bundle into the store, all or nothing, without going through HTTP.
   *
   * <p>A transaction or batch Bundle is executed as a transaction. Any other Bundle (collection,
   * searchset, document) is loaded entry by entry: a resource with an id is put at that id, one
   * without is created; {@code urn:uuid} fullUrls are resolved as in a transaction.
   *
   * @param bundle the bundle
   * @return the {@code Type/id} of each entry written or matched, in entry order
   * @throws ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException with the HTTP status a
   *     client would get, if the bundle cannot be loaded
   */
  public ImmutableList<String> load(Bundle bundle) {
    if (bundle.getType() == Bundle.BundleType.TRANSACTION
        || bundle.getType() == Bundle.BundleType.BATCH) {
      return ids(endpoint.store().transaction(bundle.getEntry()));
    }
    List<BundleEntryComponent> entries = new ArrayList<>();
    for (BundleEntryComponent e : bundle.getEntry()) {
      if (e.hasResource()) {
        entries.add(entry(e.getResource(), e.getFullUrl()));
      }
    }
    return ids(endpoint.store().transaction(entries));
  }

  /**
   * Loads resources into the store, all or nothing: a resource with an id is put at that id, one
   * without is created.
   *
   * @param resources R4 resources
   * @return the {@code Type/id} of each, in order
   * @throws ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException if they cannot be
   *     loaded, for example because a reference points to nothing
   */
  public ImmutableList<String> load(List<? extends IBaseResource> resources) {
    List<BundleEntryComponent> entries = new ArrayList<>();
    for (IBaseResource r : resources) {
      entries.add(entry((Resource) r, null));
    }
    return ids(endpoint.store().transaction(entries));
  }

  private static BundleEntryComponent entry(Resource resource, @Nullable String fullUrl) {
    BundleEntryComponent entry = new BundleEntryComponent().setResource(resource);
    if (fullUrl != null) {
      entry.setFullUrl(fullUrl);
    }
    if (resource.getIdElement().hasIdPart()) {
      entry
          .getRequest()
          .setMethod(HTTPVerb.PUT)
          .setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    } else {
      entry.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
    }
    return entry;
  }

  private static ImmutableList<String> ids(List<ResourceStore.Outcome> outcomes) {
    return outcomes.stream()
        .map(o -> o.type() + "/" + o.id())
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Returns copies of every stored resource of a type, in the order they were first written.
   *
   * @param type an R4 resource class, for example {@code Observation.class}
   */
  public <T extends IBaseResource> ImmutableList<T> resources(Class<T> type) {
    String name = endpoint.servlet().getFhirContext().getResourceType(type);
    return endpoint.store().all(name).stream()
        .map(type::cast)
        .collect(ImmutableList.toImmutableList());
  }

  /** Returns a copy of the current version of a resource, if it exists. */
  public <T extends IBaseResource> Optional<T> read(Class<T> type, String id) {
    String name = endpoint.servlet().getFhirContext().getResourceType(type);
    return endpoint.store().read(name, id).map(type::cast);
  }

  /** Returns the number of stored resources, over all types. */
  public int resourceCount() {
    return endpoint.store().size();
  }

  /**
   * Returns the most recent requests received over HTTP (at most 1000), oldest first, with their
   * {@code Authorization} headers.
   */
  public ImmutableList<RecordedRequest> requests() {
    return endpoint.access().recorded();
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    endpoint.access().clear();
  }

  /** Removes every stored resource. */
  public void clear() {
    endpoint.store().clear();
  }

  /**
   * Stops the server. A {@linkplain Mountable mounted} server is stopped with the Jetty it is
   * mounted on, and this method does nothing.
   */
  @Override
  public void close() {
    if (jetty != null) {
      Jetty.stop(jetty);
    }
  }

  /** Configures and starts an {@link InProcessFhirServer}; not thread-safe. */
  public static final class Builder {
    private final FhirContext ctx;
    private String host = "127.0.0.1";
    private int port;
    private Optional<String> bearerToken = Optional.empty();
    private int pageSize = 50;
    private boolean referentialIntegrity = true;
    private Clock clock = Clock.systemUTC();
    private final Set<String> resourceTypes = new LinkedHashSet<>(DEFAULT_RESOURCE_TYPES);

    private Builder(FhirContext ctx) {
      this.ctx = ctx;
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

    /**
     * Requires {@code Authorization: Bearer <token>} on every request except {@code /metadata};
     * others get 401. Default: no token required.
     */
    public Builder requireBearerToken(String token) {
      checkArgument(!token.isBlank(), "bearer token must not be blank");
      this.bearerToken = Optional.of(token);
      return this;
    }

    /**
     * Sets the default search page size (a client's {@code _count} overrides it, up to 500);
     * default 50.
     */
    public Builder pageSize(int pageSize) {
      checkArgument(pageSize >= 1, "pageSize must be at least 1, got %s", pageSize);
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Whether a write whose relative reference ({@code Patient/1}) points to no stored resource
     * fails, as on most real servers; default true. Turn it off to load partial extracts.
     */
    public Builder referentialIntegrity(boolean enforce) {
      this.referentialIntegrity = enforce;
      return this;
    }

    /**
     * Serves these resource types too, beside {@link #DEFAULT_RESOURCE_TYPES}; writes of a type not
     * served are rejected with 400.
     *
     * @throws IllegalArgumentException naming the first type that is not an R4 resource type
     */
    public Builder resourceTypes(String... types) {
      for (String type : types) {
        checkArgument(
            ctx.getResourceTypes().contains(type), "'%s' is not an R4 resource type", type);
        resourceTypes.add(type);
      }
      return this;
    }

    /** Sets the clock for {@code meta.lastUpdated}; default the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Builds the server without starting a Jetty for it, to mount on another; its host and port
     * settings are ignored.
     */
    public Mountable mountable() {
      return new Mountable(endpoint());
    }

    private FhirEndpoint endpoint() {
      return new FhirEndpoint(
          ctx,
          new ResourceStore(ctx, clock, referentialIntegrity, resourceTypes),
          new AccessInterceptor(bearerToken),
          pageSize,
          resourceTypes);
    }

    /**
     * Starts the server.
     *
     * @throws IllegalStateException if Jetty cannot start, for example because the port is taken
     */
    public InProcessFhirServer start() {
      FhirEndpoint endpoint = endpoint();
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      context.addServlet(new ServletHolder(endpoint.servlet()), PATH + "/*");
      Server jetty = Jetty.start("crampcare-fhir", host, port, context);
      String base = "http://" + urlHost(host) + ":" + Jetty.port(jetty) + PATH;
      return new InProcessFhirServer(endpoint, jetty, base);
    }
  }

  /** Returns the host for URLs: a wildcard bind is reached through loopback. */
  private static String urlHost(String host) {
    if (host.equals("0.0.0.0") || host.equals("::")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
