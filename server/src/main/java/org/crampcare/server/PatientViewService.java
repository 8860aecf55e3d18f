package org.crampcare.server;

import ca.uhn.fhir.context.FhirContext;
import com.google.common.collect.ImmutableList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.FhirMappingException;
import org.crampcare.fhir.ImportResult;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.RuleBook;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code crampcare-patient-view} service: the patient's record in (prefetch or FHIR server),
 * {@link CrampCareFhir} (importer, assessor, exporter), cards out. Thread-safe.
 */
final class PatientViewService {
  static final String ID = "crampcare-patient-view";
  static final String HOOK = "patient-view";

  private static final Logger LOG = LoggerFactory.getLogger(PatientViewService.class);

  private final FhirContext ctx;
  private final Clock clock;
  private final CrampCareFhir pipeline;
  private final PatientRecord record;
  private final Cards cards;
  private final Optional<Semaphore> permits;
  private final Duration queueTimeout;

  /**
   * Creates the service.
   *
   * @param maxConcurrent how many calls may assess at once (the CPU-bound part, after the data is
   *     in hand); later calls wait their turn in arrival order. 0 means no limit.
   * @param ruleBook the rule book: its rules, thresholds (the importer's lab age limit too) and
   *     texts
   */
  PatientViewService(
      FhirContext ctx,
      Clock clock,
      CrampCareFhir pipeline,
      PatientRecord record,
      int maxConcurrent,
      Duration queueTimeout,
      RuleBook ruleBook) {
    this.ctx = ctx;
    this.queueTimeout = queueTimeout;
    this.clock = clock;
    this.pipeline = pipeline;
    this.record = record;
    this.cards = new Cards(ruleBook);
    this.permits =
        maxConcurrent > 0 ? Optional.of(new Semaphore(maxConcurrent, true)) : Optional.empty();
  }

  // A context of its own for encoding the proposal: the CarePlan holds its requests as contained
  // resources with ids already, so HAPI need not look for reference targets to contain.
  private static final FhirContext R4 = encodingContext();

  private static FhirContext encodingContext() {
    FhirContext ctx = new FhirContext(ca.uhn.fhir.context.FhirVersionEnum.R4);
    ctx.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
    return ctx;
  }

  private static Map<String, String> retryAfter() {
    return Map.of("Retry-After", "1");
  }

  /** Returns the service's discovery entry. */
  CdsJson.Service descriptor() {
    return new CdsJson.Service(
        HOOK,
        "CrampCare muscle-cramp advice",
        "Assesses the patient's recorded muscle-cramp episodes with their labs, conditions and"
            + " medicines, and shows red flags, clinical follow-up and self-care advice with the"
            + " reasons and evidence; offers the advice as a proposed CarePlan.",
        ID,
        PatientRecord.PREFETCH,
        "Adults with cramp episodes recorded as Observations (LOINC 75325-1 or a SNOMED CT cramp"
            + " finding). Advisory only: a clinician decides.");
  }

  /**
   * Answers one call.
   *
   * @param body the request body
   * @throws CdsRequestException with the HTTP status and reason when the call is refused
   */
  CdsJson.Response call(byte[] body) {
    CdsRequest request = CdsRequest.parse(body, HOOK);
    ImmutableList<Resource> resources = record.gather(request);
    if (permits.isEmpty()) {
      return assess(request, resources);
    }
    // A fair semaphore: on a small machine, calls that take turns finish sooner on average and
    // far sooner at the tail than calls that all share the cores at once.
    boolean turn;
    try {
      turn = permits.get().tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CdsRequestException(503, "interrupted while waiting to assess", retryAfter());
    }
    if (!turn) {
      throw new CdsRequestException(
          503,
          "the service is busy: no assessment slot within " + queueTimeout.toSeconds() + " s",
          retryAfter());
    }
    try {
      return assess(request, resources);
    } finally {
      permits.get().release();
    }
  }

  private CdsJson.Response assess(CdsRequest request, ImmutableList<Resource> resources) {
    Instant asOf = clock.instant();
    CrampCareFhir.Result result;
    try {
      result = pipeline.assess(resources, asOf);
    } catch (FhirMappingException e) {
      LOG.debug("Record not assessable: {}", e.getMessage());
      // The message names resource ids only, never values.
      throw new CdsRequestException(
          422, "the patient's record cannot be assessed: " + e.getMessage(), e);
    }
    ImportResult imported = result.imported();
    Assessment assessment = result.assessment();
    if (assessment.recommendations().isEmpty()) {
      LOG.debug("No recommendations for the patient; answering without advice cards");
      return new CdsJson.Response(
          cards.cards(
              assessment,
              request.patientId(),
              Optional.empty(),
              0,
              Optional.of(imported.crampRecords()),
              PatientRecord.unread(request)));
    }
    CarePlan carePlan = CarePlanProposal.from(result.transaction());
    return new CdsJson.Response(
        cards.cards(
            assessment,
            request.patientId(),
            Optional.of(encode(carePlan)),
            carePlan.getActivity().size(),
            Optional.of(imported.crampRecords()),
            PatientRecord.unread(request)));
  }

  /**
   * Encodes a resource as FHIR JSON with HAPI's encoder. The HL7 core R4 composer writes the same
   * bytes with about a fifth less CPU, but allocates about 2 MB per CarePlan (its JSON string
   * escaping makes an array per character tested), which made the garbage collector, not the CPU,
   * decide the service's tail latency.
   */
  static String encode(Resource resource) {
    // A parser per call: HAPI's parsers are cheap to make and not documented as thread-safe.
    return R4.newJsonParser().encodeResourceToString(resource);
  }
}
