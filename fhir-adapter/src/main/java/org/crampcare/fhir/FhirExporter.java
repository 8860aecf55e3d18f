package org.crampcare.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.patient.PatientContext;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.recommendation.Suppression;
import org.crampcare.recommendation.Trigger;
import org.crampcare.recommendation.UnusedInput;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RiskFactor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an assessment, with the episodes it rests on, as one FHIR R4 transaction Bundle that a
 * server can take in a single POST. Immutable and thread-safe: share one per application.
 *
 * <p>The Bundle holds, in this order: the CrampCare {@link Device} that authors everything; one
 * cramp-episode {@link Observation} per episode with a plain id (an episode whose id is a typed
 * reference such as {@code Observation/123} is already in the EHR and is referenced, not
 * recreated); one {@link RiskAssessment} per risk factor and red flag; one request per
 * recommendation ({@code ServiceRequest} for urgent review and clinical follow-up, {@code
 * CommunicationRequest} for self-care advice) and per suppressed recommendation ({@code
 * doNotPerform} true); the {@link CarePlan} whose activities reference the requests; and a {@link
 * Provenance}. Every entry has a {@code urn:uuid} fullUrl, is a {@code POST} with a conditional
 * {@code ifNoneExist} on its identifier, and references other entries by fullUrl, so posting the
 * same export twice creates nothing new. See {@code docs/fhir-mapping.md}.
 *
 * <p>Deterministic: the same input gives the same Bundle, byte for byte once encoded; every UUID is
 * name-based over the patient, the assessment time, the rule book version and the content.
 */
public final class FhirExporter {
  private static final Logger log = LoggerFactory.getLogger(FhirExporter.class);

  private final FhirContext context;
  private final RuleBook ruleBook;
  private final RuleBookTerminology terminology;

  /**
   * Returns an exporter for assessments made with the built-in rule book.
   *
   * @param r4Context the application's shared R4 context
   * @throws IllegalArgumentException if the context is not R4
   */
  public FhirExporter(FhirContext r4Context) {
    this(r4Context, RuleBook.builtIn());
  }

  /**
   * Returns an exporter for assessments made with the given rule book (its definitions give the
   * displays of recommendation and caution codes).
   *
   * @param r4Context the application's shared R4 context
   * @param ruleBook the rule book that makes the assessments
   * @throws IllegalArgumentException if the context is not R4
   */
  public FhirExporter(FhirContext r4Context, RuleBook ruleBook) {
    Conformance.requireR4(r4Context);
    this.context = r4Context;
    this.ruleBook = ruleBook;
    this.terminology = RuleBookTerminology.of(ruleBook);
  }

  /**
   * Returns the transaction Bundle for an assessment.
   *
   * @param assessment the assessment
   * @param patient the patient assessed; its id is the bare id of the FHIR Patient
   * @param episodes the episodes given to the assessor (every episode a fact may name)
   * @return a new transaction Bundle
   * @throws IllegalArgumentException if the patient has no id, the patient and assessment ids
   *     differ, the rule book versions differ, an episode id repeats, or a fact names an episode
   *     that is not given
   */
  public Bundle toTransaction(
      Assessment assessment, PatientContext patient, List<CrampEpisode> episodes) {
    return toTransaction(assessment, patient, episodes, Optional.empty());
  }

  /**
   * Builds the transaction Bundle of imported records: as {@link #toTransaction(Assessment,
   * PatientContext, List)}, and the CarePlan's narrative says how many cramp records were found,
   * used, merged and not usable, so that it never reads as "no episodes" when records could not be
   * read.
   *
   * @param assessment the assessment
   * @param patient the patient assessed
   * @param episodes the episodes given to the assessor
   * @param crampRecords what became of the input's cramp records
   * @return a new transaction Bundle
   */
  public Bundle toTransaction(
      Assessment assessment,
      PatientContext patient,
      List<CrampEpisode> episodes,
      Optional<ImportResult.CrampRecords> crampRecords) {
    if (!assessment.ruleBookVersion().equals(ruleBook.version())) {
      throw new IllegalArgumentException(
          "assessment was made with rule book "
              + assessment.ruleBookVersion()
              + " but this exporter has rule book "
              + ruleBook.version()
              + "; construct the FhirExporter with the rule book that made the assessment");
    }
    ExportRun run =
        new ExportRun(
            patientReference(assessment, patient),
            assessment,
            episodes,
            ruleBook,
            terminology,
            SoftwareVersion.VERSION,
            crampRecords);
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    List<Reference> targets = new ArrayList<>();

    // A rule book's own codes travel with the output, in its own CodeSystem.
    Optional<CodeSystem> codes = terminology.codeSystem();
    if (codes.isPresent()) {
      CodeSystem cs = codes.get();
      add(
          bundle,
          ExportRun.nameUrn(cs.getUrl() + "|" + cs.getVersion()),
          cs,
          ExportRun.param("url", cs.getUrl()) + "&" + ExportRun.param("version", cs.getVersion()));
    }

    Identifier deviceId = ExportRun.identifier(FhirUrls.ID_DEVICE, run.deviceIdentifierValue());
    add(bundle, run.deviceUrl, DeviceMapper.device(run, deviceId), ExportRun.ifNoneExist(deviceId));

    List<String> unusedEpisodes = new ArrayList<>();
    for (UnusedInput unused : assessment.unused()) {
      if (unused.kind() == FactKind.EPISODE) {
        unusedEpisodes.add(unused.sourceId());
      }
    }
    List<Reference> supportingInfo = new ArrayList<>();
    for (CrampEpisode e : episodes) {
      String reference = run.episodeReferences().get(e.id());
      if (reference == null) {
        throw new AssertionError("the run maps every episode it was given: " + e.id());
      }
      if (!ExportRun.isTyped(e.id())) {
        Observation o = EpisodeObservations.toObservation(e, run.patientReference);
        Identifier identifier = o.getIdentifierFirstRep();
        add(
            bundle,
            reference,
            o,
            ExportRun.ifNoneExist(identifier)
                + "&"
                + ExportRun.param("subject", run.patientReference));
        targets.add(new Reference(reference));
      }
      if (!unusedEpisodes.contains(e.id())) {
        supportingInfo.add(
            new Reference(reference).setDisplay(EpisodeObservations.describeEpisode(e)));
      }
    }

    FindingIndex.Builder index = FindingIndex.builder();
    for (RiskFactor factor : assessment.riskFactors()) {
      RiskAssessment r = FindingMapper.riskFactor(run, factor);
      addFinding(
          bundle, run, r, factor.kind().code(), factor.facts(), index, targets, supportingInfo);
    }
    for (RedFlag flag : assessment.redFlags()) {
      RiskAssessment r = FindingMapper.redFlag(run, flag);
      addFinding(bundle, run, r, flag.kind().code(), flag.facts(), index, targets, supportingInfo);
    }
    FindingIndex findings = index.build();

    List<Reference> activities = new ArrayList<>();
    Map<String, Reference> addresses = new LinkedHashMap<>();
    for (Recommendation r : assessment.recommendations()) {
      RequestMapper.Mapped mapped = RequestMapper.recommendation(run, r, findings);
      addRequest(bundle, mapped, activities, targets);
      for (Trigger t : r.triggers()) {
        for (ExportRun.Resolved resolved : run.resolve(t.facts())) {
          if (resolved.type().equals(Optional.of("Condition"))
              && resolved.reference().isPresent()) {
            Reference ref = resolved.reference().get();
            addresses.putIfAbsent(ExportRun.key(ref), ref.copy());
          }
        }
      }
    }
    for (Suppression s : assessment.suppressed()) {
      addRequest(bundle, RequestMapper.suppressed(run, s, findings), activities, targets);
    }

    String carePlanUuid = run.assessmentUuid("care-plan", "care-plan");
    Identifier carePlanId = ExportRun.identifier(FhirUrls.ID_CARE_PLAN, carePlanUuid);
    CarePlan carePlan =
        CarePlanMapper.carePlan(
            run,
            carePlanId,
            assessment,
            new ArrayList<>(addresses.values()),
            supportingInfo,
            activities);
    String carePlanUrl = ExportRun.urn(carePlanUuid);
    add(bundle, carePlanUrl, carePlan, ExportRun.ifNoneExist(carePlanId));
    targets.add(new Reference(carePlanUrl));

    Provenance provenance =
        ProvenanceMapper.provenance(run, targets, inputs(run, assessment, episodes));
    // Provenance has no identifier in R4: the conditional create matches on its CarePlan target;
    // servers such as HAPI substitute the urn:uuid with the CarePlan's id.
    add(
        bundle,
        ExportRun.urn(run.assessmentUuid("provenance", "provenance")),
        provenance,
        ExportRun.param("target", carePlanUrl));
    log.debug(
        "Exported an assessment as a transaction of {} entries ({} recommendations)",
        bundle.getEntry().size(),
        assessment.recommendations().size());
    return bundle;
  }

  /**
   * Returns the transaction Bundle for an assessment as pretty-printed JSON; the same input gives
   * the same string.
   *
   * @see #toTransaction
   */
  public String toTransactionJson(
      Assessment assessment, PatientContext patient, List<CrampEpisode> episodes) {
    Bundle bundle = toTransaction(assessment, patient, episodes);
    return context.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle);
  }

  private static String patientReference(Assessment assessment, PatientContext patient) {
    Optional<String> id = patient.id().or(assessment::patientId);
    if (id.isEmpty()) {
      throw new IllegalArgumentException(
          "patient.id is empty; expected the id of the FHIR Patient the assessment is about");
    }
    if (patient.id().isPresent()
        && assessment.patientId().isPresent()
        && !patient.id().equals(assessment.patientId())) {
      throw new IllegalArgumentException(
          "patient.id '"
              + patient.id().get()
              + "' differs from the assessment's patient id '"
              + assessment.patientId().get()
              + "'; expected the patient that was assessed");
    }
    String value = id.get();
    return value.startsWith("Patient/") ? value : "Patient/" + value;
  }

  private static void addFinding(
      Bundle bundle,
      ExportRun run,
      RiskAssessment r,
      String code,
      List<Fact> facts,
      FindingIndex.Builder index,
      List<Reference> targets,
      List<Reference> supportingInfo) {
    String url = FindingMapper.fullUrl(run, code);
    add(bundle, url, r, ExportRun.ifNoneExist(r.getIdentifierFirstRep()));
    String display = r.getCode().getText();
    for (Fact fact : facts) {
      index.add(fact, url, display);
    }
    targets.add(new Reference(url));
    supportingInfo.add(new Reference(url).setDisplay(display));
  }

  private static void addRequest(
      Bundle bundle,
      RequestMapper.Mapped mapped,
      List<Reference> activities,
      List<Reference> targets) {
    add(bundle, mapped.fullUrl(), mapped.resource(), ExportRun.ifNoneExist(mapped.identifier()));
    activities.add(new Reference(mapped.fullUrl()).setDisplay(title(mapped)));
    targets.add(new Reference(mapped.fullUrl()));
  }

  private static String title(RequestMapper.Mapped mapped) {
    Resource r = mapped.resource();
    if (r instanceof ServiceRequest) {
      return ((ServiceRequest) r).getCode().getText();
    }
    return ((CommunicationRequest) r).getCategoryFirstRep().getText();
  }

  /** The input resources: the patient, EHR episodes, then every source a fact names, in order. */
  private static List<Reference> inputs(
      ExportRun run, Assessment assessment, List<CrampEpisode> episodes) {
    Map<String, Reference> inputs = new LinkedHashMap<>();
    inputs.put(run.patientReference, run.patient());
    for (CrampEpisode e : episodes) {
      if (ExportRun.isTyped(e.id())) {
        inputs.putIfAbsent(e.id(), new Reference(e.id()));
      }
    }
    List<Fact> facts = new ArrayList<>();
    assessment.riskFactors().forEach(f -> facts.addAll(f.facts()));
    assessment.redFlags().forEach(f -> facts.addAll(f.facts()));
    for (Recommendation r : assessment.recommendations()) {
      facts.addAll(r.facts());
      r.cautions().forEach(c -> facts.addAll(c.facts()));
    }
    assessment.suppressed().forEach(s -> facts.addAll(s.facts()));
    for (ExportRun.Resolved resolved : run.resolve(facts)) {
      if (resolved.reference().isEmpty()) {
        continue;
      }
      Reference ref = resolved.reference().get();
      boolean ours = ref.hasReference() && ref.getReference().startsWith("urn:uuid:");
      if (!ours) {
        inputs.putIfAbsent(ExportRun.key(ref), ExportRun.bare(ref));
      }
    }
    return new ArrayList<>(inputs.values());
  }

  private static void add(Bundle bundle, String fullUrl, Resource resource, String ifNoneExist) {
    bundle
        .addEntry()
        .setFullUrl(fullUrl)
        .setResource(resource)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl(resource.fhirType())
        .setIfNoneExist(ifNoneExist);
  }
}
