package org.crampcare.fhir;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crampcare.recommendation.Category;
import org.crampcare.recommendation.Caution;
import org.crampcare.recommendation.CautionDefinition;
import org.crampcare.recommendation.Evidence;
import org.crampcare.recommendation.Priority;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.RecommendationDefinition;
import org.crampcare.recommendation.Suppression;
import org.crampcare.risk.Fact;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;

/**
 * Maps recommendations, and recommendations a safety rule suppressed, to request resources a
 * CarePlan activity references: a ServiceRequest for urgent review and clinical follow-up (a
 * clinician acts on it), a CommunicationRequest for self-care advice to the patient. A suppressed
 * recommendation becomes the same kind of request with {@code doNotPerform} true.
 */
final class RequestMapper {
  /** The resource types {@code reasonReference} of both requests allows. */
  private static final ImmutableSet<String> REASON_TYPES =
      ImmutableSet.of("Condition", "Observation", "DiagnosticReport", "DocumentReference");

  private RequestMapper() {}

  /** A request and the address it has in the bundle. */
  record Mapped(String fullUrl, DomainResource resource, Identifier identifier) {}

  static Mapped recommendation(ExportRun run, Recommendation r, FindingIndex findings) {
    String uuid = run.assessmentUuid("recommendation", r.code());
    Identifier identifier = ExportRun.identifier(FhirUrls.ID_RECOMMENDATION, uuid);
    String display = display(run, r.code());
    Facts facts = new Facts(run, findings);
    facts.reasons(r.facts());
    r.cautions().forEach(c -> facts.supporting(c.facts()));

    List<String> notes = new ArrayList<>();
    notes.add("Rationale: " + r.rationale());
    for (Evidence e : r.evidence()) {
      notes.add(evidence(e));
    }
    List<Extension> cautions = new ArrayList<>();
    List<String> cautionTexts = new ArrayList<>();
    for (Caution c : r.cautions()) {
      cautions.add(caution(run, c));
      cautionTexts.add("Caution: " + c.text());
    }
    List<String> why = new ArrayList<>();
    r.facts().forEach(f -> why.add("Because: " + f.text()));
    why.addAll(cautionTexts);
    Xhtml narrative =
        new Xhtml()
            .labelled(display + " (" + r.priority().code() + "):", r.patientText())
            .list(why);

    DomainResource resource;
    if (isServiceRequest(r.category())) {
      ServiceRequest s = serviceRequest(run, identifier, r.code(), display, r.priority(), false);
      s.setPatientInstruction(r.patientText());
      facts.applyTo(s);
      resource = s;
    } else {
      CommunicationRequest c =
          communicationRequest(run, identifier, r.code(), display, r.priority(), false);
      c.addPayload().setContent(new StringType(r.patientText()));
      facts.applyTo(c);
      resource = c;
    }
    resource.setText(narrative.toNarrative());
    cautions.forEach(resource::addExtension);
    notes.forEach(n -> addNote(resource, n));
    return new Mapped(ExportRun.urn(uuid), resource, identifier);
  }

  static Mapped suppressed(ExportRun run, Suppression s, FindingIndex findings) {
    RecommendationDefinition definition = run.ruleBook.definitions().get(s.code());
    if (definition == null) {
      throw new IllegalArgumentException(
          "suppressed recommendation '"
              + s.code()
              + "' is not defined in rule book "
              + run.ruleBook.version()
              + "; construct the FhirExporter with the rule book that made the assessment");
    }
    String uuid = run.assessmentUuid("suppressed", s.code());
    Identifier identifier = ExportRun.identifier(FhirUrls.ID_RECOMMENDATION, uuid);
    String display = definition.display();
    Facts facts = new Facts(run, findings);
    facts.reasons(s.facts());

    List<String> notes = new ArrayList<>();
    notes.add("Not recommended (safety rule " + s.ruleId() + "): " + s.reason());
    s.replacedBy().ifPresent(code -> notes.add("Replaced by: " + display(run, code)));
    notes.add(evidence(s.evidence()));
    List<String> why = new ArrayList<>();
    s.facts().forEach(f -> why.add("Because: " + f.text()));
    Xhtml narrative =
        new Xhtml().labelled("Not recommended: " + display + ".", s.reason()).list(why);

    DomainResource resource;
    if (isServiceRequest(definition.category())) {
      ServiceRequest r =
          serviceRequest(run, identifier, s.code(), display, definition.priority(), true);
      facts.applyTo(r);
      resource = r;
    } else {
      CommunicationRequest c =
          communicationRequest(run, identifier, s.code(), display, definition.priority(), true);
      c.addPayload().setContent(new StringType("Not recommended: " + display));
      facts.applyTo(c);
      resource = c;
    }
    resource.setText(narrative.toNarrative());
    notes.forEach(n -> addNote(resource, n));
    return new Mapped(ExportRun.urn(uuid), resource, identifier);
  }

  /** Returns whether a category is acted on by a clinician (a ServiceRequest). */
  static boolean isServiceRequest(Category category) {
    return category == Category.URGENT || category == Category.CLINICAL_FOLLOW_UP;
  }

  /** Maps CrampCare's priority to FHIR request-priority (documented in docs/fhir-mapping.md). */
  static String priority(Priority priority) {
    switch (priority) {
      case URGENT:
        return "asap";
      case SOON:
        return "urgent";
      case ROUTINE:
        return "routine";
    }
    throw new AssertionError(priority);
  }

  private static ServiceRequest serviceRequest(
      ExportRun run,
      Identifier identifier,
      String code,
      String display,
      Priority priority,
      boolean doNotPerform) {
    ServiceRequest s = new ServiceRequest();
    s.getMeta().addProfile(FhirUrls.PROFILE_SERVICE_REQUEST);
    s.addIdentifier(identifier);
    s.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    s.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
    s.setPriority(ServiceRequest.ServiceRequestPriority.fromCode(priority(priority)));
    if (doNotPerform) {
      s.setDoNotPerform(true);
    }
    s.setCode(recommendationCode(run, code, display));
    s.setSubject(run.patient());
    s.setAuthoredOnElement(run.asOfDateTime());
    s.setRequester(run.device());
    return s;
  }

  private static CommunicationRequest communicationRequest(
      ExportRun run,
      Identifier identifier,
      String code,
      String display,
      Priority priority,
      boolean doNotPerform) {
    CommunicationRequest c = new CommunicationRequest();
    c.getMeta().addProfile(FhirUrls.PROFILE_ADVICE);
    c.addIdentifier(identifier);
    c.setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE);
    c.addCategory(recommendationCode(run, code, display));
    c.setPriority(CommunicationRequest.CommunicationPriority.fromCode(priority(priority)));
    if (doNotPerform) {
      c.setDoNotPerform(true);
    }
    c.setSubject(run.patient());
    c.setAuthoredOnElement(run.asOfDateTime());
    c.setRequester(run.device());
    c.addRecipient(run.patient());
    c.setSender(run.device());
    return c;
  }

  private static CodeableConcept recommendationCode(ExportRun run, String code, String display) {
    return EpisodeObservations.concept(run.terminology.recommendationSystem(code), code, display)
        .setText(display);
  }

  private static Extension caution(ExportRun run, Caution c) {
    CautionDefinition definition = run.ruleBook.cautions().get(c.code());
    String display = definition == null ? c.code() : definition.display();
    CodeableConcept value =
        EpisodeObservations.concept(run.terminology.cautionSystem(c.code()), c.code(), display)
            .setText(c.text());
    return new Extension(FhirUrls.EXT_CAUTION, value);
  }

  private static String display(ExportRun run, String code) {
    RecommendationDefinition d = run.ruleBook.definitions().get(code);
    return d == null ? code : d.display();
  }

  private static String evidence(Evidence e) {
    return "Evidence: "
        + e.citation()
        + " ("
        + e.strength()
        + ")"
        + e.url().map(u -> " " + u).orElse("");
  }

  private static void addNote(DomainResource resource, String text) {
    Annotation note = new Annotation().setText(text);
    if (resource instanceof ServiceRequest) {
      ((ServiceRequest) resource).addNote(note);
    } else if (resource instanceof CommunicationRequest) {
      ((CommunicationRequest) resource).addNote(note);
    } else {
      throw new AssertionError(resource.fhirType());
    }
  }

  /** Collects the references of a request: reasons, supporting information and findings. */
  private static final class Facts {
    private final ExportRun run;
    private final FindingIndex findings;
    private final Map<String, Reference> reasons = new LinkedHashMap<>();
    private final Map<String, Fact> reasonTexts = new LinkedHashMap<>();
    private final Map<String, Reference> supporting = new LinkedHashMap<>();

    Facts(ExportRun run, FindingIndex findings) {
      this.run = run;
      this.findings = findings;
    }

    void reasons(List<Fact> facts) {
      for (ExportRun.Resolved r : run.resolve(facts)) {
        if (r.reference().isEmpty()) {
          reasonTexts.putIfAbsent(r.fact().text(), r.fact());
        } else if (r.type().map(REASON_TYPES::contains).orElse(false)) {
          reasons.putIfAbsent(ExportRun.key(r.reference().get()), r.reference().get());
        } else {
          supporting.putIfAbsent(ExportRun.key(r.reference().get()), r.reference().get());
        }
        findings
            .of(r.fact())
            .forEach(ref -> supporting.putIfAbsent(ref.getReference(), ref.copy()));
      }
    }

    /** A fact with no source item as a reason: its text, and its structure when it has one. */
    private static CodeableConcept reasonCode(String text, Fact fact) {
      CodeableConcept reason = new CodeableConcept().setText(text);
      ExportRun.factExtension(fact).ifPresent(reason::addExtension);
      return reason;
    }

    void supporting(List<Fact> facts) {
      for (ExportRun.Resolved r : run.resolve(facts)) {
        r.reference().ifPresent(ref -> supporting.putIfAbsent(ExportRun.key(ref), ref));
      }
    }

    void applyTo(ServiceRequest s) {
      reasonTexts.forEach((t, f) -> s.addReasonCode(reasonCode(t, f)));
      reasons.values().forEach(s::addReasonReference);
      supporting.values().forEach(s::addSupportingInfo);
    }

    void applyTo(CommunicationRequest c) {
      reasonTexts.forEach((t, f) -> c.addReasonCode(reasonCode(t, f)));
      reasons.values().forEach(c::addReasonReference);
      supporting.values().forEach(c::addAbout);
    }
  }
}
