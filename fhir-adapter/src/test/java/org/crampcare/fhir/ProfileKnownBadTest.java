package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crampcare.fhir.OutboundTestSupport.EXPORTER;
import static org.crampcare.fhir.OutboundTestSupport.VALIDATOR;

import java.util.List;
import java.util.stream.Collectors;
import org.crampcare.fhir.OutboundTestSupport.Scenario;
import org.crampcare.testing.Episodes;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every profile and extension CrampCare publishes rejects a known-bad instance with a specific
 * error: a profile whose snapshot silently failed would accept them all.
 */
class ProfileKnownBadTest {
  private static final Scenario STATIN =
      OutboundTestSupport.statinUserWithWeaknessAndHeartFailure();

  private static Bundle bundle() {
    return EXPORTER.toTransaction(STATIN.assessment(), STATIN.patient(), STATIN.episodes());
  }

  private static <T extends Resource> T first(Class<T> type) {
    return bundle().getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow();
  }

  private static List<String> errors(Resource resource) {
    return VALIDATOR.validate(resource).errors().stream()
        .map(i -> i.location() + ": " + i.message())
        .collect(Collectors.toList());
  }

  private static Observation episode() {
    return EpisodeObservations.toObservation(
        Episodes.anEpisode("e-1").calf().left().build(), "Patient/p1");
  }

  private static CodeableConcept snomed(String code) {
    return new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", code, null));
  }

  @Nested
  class CrampEpisode {
    @Test
    void validEpisode_hasNoError() {
      assertThat(errors(episode())).isEmpty();
    }

    @Test
    void episodeWithoutBodySiteOrSeverity_isValid_theyAreUnknownNotRequired() {
      Observation o = episode().setBodySite(null);
      o.getComponent().remove(0);
      assertThat(errors(o)).isEmpty();
    }

    @Test
    void episodeWithoutEffective_fails() {
      assertThat(errors(episode().setEffective(null)))
          .isNotEmpty()
          .allMatch(e -> e.contains("effective"));
    }

    @Test
    void episodeWithOtherCode_fails() {
      Observation o = episode();
      o.getCode().getCodingFirstRep().setCode("8867-4");
      assertThat(errors(o))
          .containsExactly(
              "Observation.code: The pattern [system http://loinc.org, code 75325-1, and display 'null'] defined in the profile https://crampcare.org/fhir/StructureDefinition/cramp-episode|0.1.0 not found. Issues: [ValidationMessage[level=ERROR,type=VALUE,location=Observation.code.coding.code,message=Value is '8867-4' but is fixed to '75325-1' in the profile https://crampcare.org/fhir/StructureDefinition/cramp-episode|0.1.0#Observation]]");
    }

    @Test
    void episodeWithSpasmAsValue_fails() {
      assertThat(errors(episode().setValue(snomed("45352006"))))
          .containsExactly(
              "Observation.value.ofType(CodeableConcept): None of the codings provided are in the value set 'Cramp findings' (https://crampcare.org/fhir/ValueSet/cramp-finding|0.1.0), and a coding from this value set is required) (codes = http://snomed.info/sct#45352006)");
    }

    @Test
    void episodeWithSeverity11_fails() {
      Observation o = episode();
      o.getComponentFirstRep().setValue(new IntegerType(11));
      assertThat(errors(o))
          .containsExactly(
              "Observation.component[0].value.ofType(integer): integer value is greater than permitted maximum value of IntegerType[10]");
    }

    @Test
    void episodeWithTwoSeverities_fails() {
      Observation o = episode();
      o.addComponent(o.getComponentFirstRep().copy());
      assertThat(errors(o)).isNotEmpty().anyMatch(e -> e.contains("severity"));
    }

    @Test
    void episodeWithoutSurveyCategory_fails() {
      Observation o = episode();
      o.getCategoryFirstRep().getCodingFirstRep().setCode("exam");
      assertThat(errors(o))
          .containsExactly(
              "Observation: Slice 'Observation.category:survey': a matching slice is required, but not found (from https://crampcare.org/fhir/StructureDefinition/cramp-episode|0.1.0). Note that other slices are allowed in addition to this required slice");
    }

    @Test
    void episodeWithInactiveUnilateralLeft_failsTheLateralityExtension() {
      Observation o = episode();
      o.getBodySite().getExtensionByUrl(FhirUrls.EXT_LATERALITY).setValue(snomed("419161000"));
      assertThat(errors(o))
          .containsExactly(
              "Observation.bodySite.extension[0].value.ofType(CodeableConcept): None of the codings provided are in the value set 'Laterality' (https://crampcare.org/fhir/ValueSet/laterality|0.1.0), and a coding from this value set is required) (codes = http://snomed.info/sct#419161000)");
    }
  }

  @Nested
  class Finding {
    @Test
    void findingWithUnknownCode_fails() {
      RiskAssessment r = first(RiskAssessment.class);
      r.getCode().getCodingFirstRep().setCode("bad-luck");
      assertThat(errors(r))
          .containsExactly(
              "RiskAssessment.code: Unknown code 'https://crampcare.org/fhir/CodeSystem/finding#bad-luck'",
              "RiskAssessment.code: None of the codings provided are in the value set 'CrampCare findings' (https://crampcare.org/fhir/ValueSet/finding|0.1.0), and a coding from this value set is required) (codes = https://crampcare.org/fhir/CodeSystem/finding#bad-luck)");
    }

    @Test
    void findingWithoutPerformer_fails() {
      RiskAssessment r = first(RiskAssessment.class);
      r.setPerformer(null);
      assertThat(errors(r))
          .containsExactly(
              "RiskAssessment: RiskAssessment.performer: minimum required = 1, but only found 0 (from https://crampcare.org/fhir/StructureDefinition/crampcare-finding|0.1.0)");
    }
  }

  @Nested
  class CrampCareCarePlan {
    @Test
    void carePlanWithActivityDetail_fails() {
      CarePlan c = first(CarePlan.class);
      c.getActivityFirstRep().getDetail().setDescription("stretch");
      assertThat(errors(c))
          .containsExactly(
              "CarePlan.activity[0]: Constraint failed: cpl-3: 'Provide a reference or detail, not both' (defined in http://hl7.org/fhir/StructureDefinition/CarePlan)",
              "CarePlan.activity[0]: CarePlan.activity.detail: max allowed = 0, but found 1 (from https://crampcare.org/fhir/StructureDefinition/crampcare-care-plan|0.1.0)",
              "CarePlan.activity[0].detail: CarePlan.activity.detail.status: minimum required = 1, but only found 0 (from https://crampcare.org/fhir/StructureDefinition/crampcare-care-plan|0.1.0)");
    }

    @Test
    void carePlanWithIntentPlan_fails() {
      CarePlan c = first(CarePlan.class);
      c.setIntent(CarePlan.CarePlanIntent.PLAN);
      assertThat(errors(c))
          .containsExactly(
              "CarePlan.intent: Value is 'plan' but is fixed to 'proposal' in the profile https://crampcare.org/fhir/StructureDefinition/crampcare-care-plan|0.1.0#CarePlan.intent");
    }

    @Test
    void carePlanWithoutAuthor_fails() {
      CarePlan c = first(CarePlan.class);
      c.setAuthor(null);
      assertThat(errors(c))
          .containsExactly(
              "CarePlan: CarePlan.author: minimum required = 1, but only found 0 (from https://crampcare.org/fhir/StructureDefinition/crampcare-care-plan|0.1.0)");
    }
  }

  @Nested
  class Advice {
    @Test
    void adviceWithoutPayload_fails() {
      CommunicationRequest c = first(CommunicationRequest.class);
      c.getPayload().clear();
      assertThat(errors(c))
          .containsExactly(
              "CommunicationRequest: CommunicationRequest.payload: minimum required = 1, but only found 0 (from https://crampcare.org/fhir/StructureDefinition/crampcare-advice|0.1.0)");
    }

    @Test
    void adviceToTakeQuinine_fails() {
      CommunicationRequest c = first(CommunicationRequest.class);
      c.getCategoryFirstRep().getCodingFirstRep().setCode("take-quinine");
      assertThat(errors(c))
          .containsExactly(
              // The binding is extensible (a clinic's own codes live in its rule book's
              // CodeSystem),
              // so an unknown code of CrampCare's own system is what fails.
              "CommunicationRequest.category[0]: Unknown code 'https://crampcare.org/fhir/CodeSystem/recommendation#take-quinine'");
    }

    @Test
    void factExtensionWithoutItsTemplate_fails() {
      CommunicationRequest c = first(CommunicationRequest.class);
      Extension fact = new Extension(FhirUrls.EXT_FACT);
      fact.addExtension("value", new org.hl7.fhir.r4.model.StringType("calf"));
      CodeableConcept reason = new CodeableConcept().setText("calf cramp");
      reason.addExtension(fact);
      c.addReasonCode(reason);
      assertThat(errors(c))
          .containsExactly(
              "CommunicationRequest.reasonCode[1].extension[0]: Slice 'Extension.extension:template': a matching slice is required, but not found (from https://crampcare.org/fhir/StructureDefinition/fact|0.1.0). Note that other slices are allowed in addition to this required slice");
    }

    @Test
    void adviceWithUnknownCaution_failsTheCautionExtension() {
      CommunicationRequest c = first(CommunicationRequest.class);
      c.addExtension(
          new Extension(
              FhirUrls.EXT_CAUTION,
              new CodeableConcept()
                  .addCoding(
                      new Coding(
                          "https://crampcare.org/fhir/CodeSystem/caution", "caution-x", null))));
      assertThat(errors(c))
          .containsExactly(
              "CommunicationRequest.extension[0].value.ofType(CodeableConcept): Unknown code 'https://crampcare.org/fhir/CodeSystem/caution#caution-x'");
    }
  }

  @Nested
  class Service {
    @Test
    void serviceRequestAsOrder_fails() {
      ServiceRequest s = first(ServiceRequest.class);
      s.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
      assertThat(errors(s))
          .containsExactly(
              "ServiceRequest.intent: Value is 'order' but is fixed to 'proposal' in the profile https://crampcare.org/fhir/StructureDefinition/crampcare-service-request|0.1.0#ServiceRequest.intent");
    }

    @Test
    void serviceRequestWithoutCode_fails() {
      ServiceRequest s = first(ServiceRequest.class);
      s.setCode(null);
      assertThat(errors(s))
          .containsExactly(
              "ServiceRequest: ServiceRequest.code: minimum required = 1, but only found 0 (from https://crampcare.org/fhir/StructureDefinition/crampcare-service-request|0.1.0)");
    }
  }
}
