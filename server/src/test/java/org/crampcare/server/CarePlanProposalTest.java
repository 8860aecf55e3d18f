package org.crampcare.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crampcare.fhir.CrampCareValidator;
import org.crampcare.fhir.FhirExporter;
import org.crampcare.fhir.FhirImporter;
import org.crampcare.fhir.ImportResult;
import org.crampcare.fhir.ValidationReport;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CarePlanProposalTest {
  static final FhirContext CTX = FhirContext.forR4Cached();
  static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
  static final CrampCareValidator VALIDATOR = new CrampCareValidator(CTX);

  static CarePlan proposal(String fixture) {
    ImportResult imported = new FhirImporter(CTX).importBundle(CdsCalls.bundle(CTX, fixture), NOW);
    Assessor assessor = Assessor.withBuiltInRules();
    Assessment assessment = assessor.assess(imported.patient(), imported.episodes(), NOW);
    Bundle transaction =
        new FhirExporter(CTX, assessor.ruleBook())
            .toTransaction(assessment, imported.patient(), imported.episodes());
    return CarePlanProposal.from(transaction);
  }

  static List<String> references(CarePlan plan) {
    List<String> out = new ArrayList<>();
    List<Resource> all = new ArrayList<>(plan.getContained());
    all.add(plan);
    for (Resource r : all) {
      for (Reference ref : CTX.newTerser().getAllPopulatedChildElementsOfType(r, Reference.class)) {
        if (ref.getReference() != null) {
          out.add(ref.getReference());
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"fhir/patient-thiazide-night-cramps.json", "fhir/patient-calf-swelling.json"})
  void proposal_validatesAgainstR4AndCrampCareProfiles_withZeroErrors(String fixture) {
    CarePlan plan = proposal(fixture);

    ValidationReport report = VALIDATOR.validate(plan);

    assertThat(report.errors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"fhir/patient-thiazide-night-cramps.json", "fhir/patient-calf-swelling.json"})
  void proposal_asTheCardCarriesIt_isHapisDefaultJson_andValidatesWithZeroErrors(String fixture) {
    CarePlan plan = proposal(fixture);

    String json = PatientViewService.encode(plan);

    assertThat(json).isEqualTo(CTX.newJsonParser().encodeResourceToString(plan));
    CarePlan parsed = CTX.newJsonParser().parseResource(CarePlan.class, json);
    assertThat(parsed.getContained()).hasSameSizeAs(plan.getContained());
    assertThat(VALIDATOR.validate(parsed).errors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"fhir/patient-thiazide-night-cramps.json", "fhir/patient-calf-swelling.json"})
  void proposal_isSelfContained_withoutNarrativeInContained(String fixture) {
    CarePlan plan = proposal(fixture);

    List<String> localIds = new ArrayList<>();
    plan.getContained().forEach(r -> localIds.add("#" + r.getIdElement().getIdPart()));
    assertThat(references(plan)).noneMatch(r -> r.startsWith("urn:"));
    assertThat(references(plan))
        .filteredOn(r -> r.startsWith("#") && !r.equals("#"))
        .allMatch(localIds::contains);
    assertThat(plan.getContained())
        .allSatisfy(r -> assertThat(((DomainResource) r).hasText()).isFalse());
    assertThat(plan.hasText()).isTrue();
    assertThat(plan.getIdElement().hasIdPart()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"fhir/patient-thiazide-night-cramps.json", "fhir/patient-calf-swelling.json"})
  void encode_withTheCoreComposer_givesWhatHapiGives(String fixture) throws Exception {
    CarePlan plan = proposal(fixture);
    ObjectMapper json = new ObjectMapper();

    // The same JSON, value for value. The one difference in bytes is the order of "url" and
    // "extension" inside a complex extension (the core composer follows the element order of
    // Extension: extension, then url); JSON objects are unordered.
    assertThat(json.readTree(PatientViewService.encode(plan)))
        .isEqualTo(json.readTree(CTX.newJsonParser().encodeResourceToString(plan)));
  }

  @Test
  void nestedContained_isHoistedAndRenamed_referenceToContainerBecomesHash() {
    Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    ServiceRequest request = new ServiceRequest();
    request.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED));
    Medication med = new Medication();
    med.setId("med");
    request.addContained(med);
    request.addSupportingInfo(new Reference("#med"));
    request.addBasedOn(new Reference("urn:uuid:00000000-0000-4000-8000-00000000c0de"));
    tx.addEntry()
        .setFullUrl("urn:uuid:00000000-0000-4000-8000-0000000000a1")
        .setResource(request)
        .getRequest()
        .setMethod(HTTPVerb.POST)
        .setUrl("ServiceRequest");
    CarePlan plan = new CarePlan();
    plan.addActivity().setReference(new Reference("urn:uuid:00000000-0000-4000-8000-0000000000a1"));
    plan.setSubject(new Reference("Patient/p1"));
    tx.addEntry()
        .setFullUrl("urn:uuid:00000000-0000-4000-8000-00000000c0de")
        .setResource(plan)
        .getRequest()
        .setMethod(HTTPVerb.POST)
        .setUrl("CarePlan");

    CarePlan proposal = CarePlanProposal.from(tx);

    assertThat(proposal.getContained())
        .extracting(r -> r.fhirType() + "/" + r.getIdElement().getIdPart())
        .containsExactly("ServiceRequest/servicerequest-1", "Medication/medication-1");
    ServiceRequest contained = (ServiceRequest) proposal.getContained().get(0);
    assertThat(contained.hasContained()).isFalse();
    assertThat(contained.hasText()).isFalse();
    assertThat(contained.getSupportingInfoFirstRep().getReference()).isEqualTo("#medication-1");
    assertThat(contained.getBasedOnFirstRep().getReference()).isEqualTo("#");
    assertThat(proposal.getActivityFirstRep().getReference().getReference())
        .isEqualTo("#servicerequest-1");
    assertThat(proposal.getSubject().getReference()).isEqualTo("Patient/p1");
  }

  @Test
  void danglingUrn_isAnError() {
    Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    CarePlan plan = new CarePlan();
    plan.addActivity().setReference(new Reference("urn:uuid:00000000-0000-4000-8000-0000000000ff"));
    tx.addEntry().setFullUrl("urn:uuid:00000000-0000-4000-8000-0000000000c1").setResource(plan);

    assertThatThrownBy(() -> CarePlanProposal.from(tx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "reference urn:uuid:00000000-0000-4000-8000-0000000000ff matches no entry of the"
                + " transaction");
  }

  @Test
  void noCarePlan_isAnError() {
    Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    tx.addEntry().setResource(new MedicationRequest());

    assertThatThrownBy(() -> CarePlanProposal.from(tx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the transaction has no CarePlan to propose");
  }
}
