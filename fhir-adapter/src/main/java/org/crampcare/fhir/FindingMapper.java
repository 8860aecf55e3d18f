package org.crampcare.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crampcare.risk.Fact;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactor;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coding;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;

/**
 * Maps risk factors and red flags to RiskAssessments in the {@value FhirUrls#PROFILE_FINDING}
 * profile: {@code code} the finding, {@code basis} every input resource behind it, and a {@code
 * prediction} of what it raises the risk of with the facts as rationale.
 */
final class FindingMapper {
  private FindingMapper() {}

  static RiskAssessment riskFactor(ExportRun run, RiskFactor factor) {
    CodeableConcept outcome =
        EpisodeObservations.concept(CodeSystems.SNOMED_CT, "55300003", "Cramp").setText("Cramps");
    return map(run, factor.kind().coding(), factor.facts(), outcome, "Risk factor");
  }

  static RiskAssessment redFlag(ExportRun run, RedFlag flag) {
    CodeableConcept outcome = EpisodeObservations.concept(flag.kind().coding());
    suspected(flag.kind()).ifPresent(outcome::addCoding);
    outcome.setText(flag.kind().display());
    return map(
        run,
        flag.kind().coding(),
        flag.facts(),
        outcome,
        flag.kind().urgent() ? "Red flag (urgent)" : "Red flag");
  }

  /** Returns the fullUrl of the RiskAssessment for a finding code of this assessment. */
  static String fullUrl(ExportRun run, String code) {
    return ExportRun.urn(run.assessmentUuid("finding", code));
  }

  /** The SNOMED CT disorder a red flag suggests, where the knowledge base verifies one. */
  private static Optional<org.hl7.fhir.r4.model.Coding> suspected(RedFlagKind kind) {
    switch (kind) {
      case POSSIBLE_DEEP_VEIN_THROMBOSIS:
        return snomed("404223003", "Deep venous thrombosis of lower extremity");
      case POSSIBLE_RHABDOMYOLYSIS:
        return snomed("240131006", "Rhabdomyolysis");
      case POSSIBLE_CLAUDICATION:
        return snomed("63491006", "Intermittent claudication");
      case POSSIBLE_NEUROMUSCULAR_DISEASE:
      case NEUROLOGICAL_SIGNS:
        return Optional.empty();
    }
    throw new AssertionError(kind);
  }

  private static Optional<org.hl7.fhir.r4.model.Coding> snomed(String code, String display) {
    return Optional.of(new org.hl7.fhir.r4.model.Coding(CodeSystems.SNOMED_CT, code, display));
  }

  private static RiskAssessment map(
      ExportRun run, Coding code, List<Fact> facts, CodeableConcept outcome, String label) {
    RiskAssessment r = new RiskAssessment();
    r.getMeta().addProfile(FhirUrls.PROFILE_FINDING);
    List<String> texts = new ArrayList<>();
    facts.forEach(f -> texts.add(f.text()));
    r.setText(new Xhtml().labelled(label + ":", code.display()).list(texts).toNarrative());
    r.addIdentifier(
        ExportRun.identifier(FhirUrls.ID_FINDING, run.assessmentUuid("finding", code.code())));
    r.setStatus(RiskAssessment.RiskAssessmentStatus.FINAL);
    r.setCode(EpisodeObservations.concept(code).setText(code.display()));
    r.setSubject(run.patient());
    r.setOccurrence(run.asOfDateTime());
    r.setPerformer(run.device());
    Map<String, Reference> basis = new LinkedHashMap<>();
    for (ExportRun.Resolved resolved : run.resolve(facts)) {
      resolved.reference().ifPresent(ref -> basis.putIfAbsent(ExportRun.key(ref), ref));
    }
    basis.values().forEach(r::addBasis);
    r.addPrediction().setOutcome(outcome).setRationale(String.join("; ", texts));
    return r;
  }
}
