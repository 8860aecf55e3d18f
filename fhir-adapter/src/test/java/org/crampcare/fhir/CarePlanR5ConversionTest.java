package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crampcare.fhir.OutboundTestSupport.EXPORTER;

import java.util.List;
import java.util.stream.Collectors;
import org.crampcare.fhir.OutboundTestSupport.Scenario;
import org.hl7.fhir.convertors.factory.VersionConvertorFactory_40_50;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R5 removed {@code CarePlan.activity.detail}, and HAPI's official R4 to R5 converter drops
 * detail-only activities; CrampCare's activities reference request resources and must survive.
 */
class CarePlanR5ConversionTest {
  static List<Scenario> scenarios() {
    return OutboundTestSupport.scenarios();
  }

  private static Bundle export(Scenario s) {
    return EXPORTER.toTransaction(s.assessment(), s.patient(), s.episodes());
  }

  private static CarePlan carePlan(Bundle b) {
    return b.getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(CarePlan.class::isInstance)
        .map(CarePlan.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static List<String> r4Activities(CarePlan plan) {
    return plan.getActivity().stream()
        .map(a -> a.getReference().getReference())
        .collect(Collectors.toList());
  }

  private static List<String> r5Activities(org.hl7.fhir.r5.model.CarePlan plan) {
    return plan.getActivity().stream()
        .map(a -> a.getPlannedActivityReference().getReference())
        .collect(Collectors.toList());
  }

  @Nested
  class CarePlanAlone {
    @ParameterizedTest
    @MethodSource("org.crampcare.fhir.CarePlanR5ConversionTest#scenarios")
    void convertToR5_everyActivitySurvivesAsPlannedActivityReference(Scenario s) {
      CarePlan r4 = carePlan(export(s));

      org.hl7.fhir.r5.model.CarePlan r5 =
          (org.hl7.fhir.r5.model.CarePlan) VersionConvertorFactory_40_50.convertResource(r4);

      assertThat(r5Activities(r5)).containsExactlyElementsOf(r4Activities(r4));
      assertThat(r5.getIntent().toCode()).isEqualTo("proposal");
      // R5 renamed the R4 author to custodian
      assertThat(r5.getCustodian().getReference()).isEqualTo(r4.getAuthor().getReference());
      assertThat(r5.getSupportingInfo()).hasSameSizeAs(r4.getSupportingInfo());
    }

    @Test
    void convertToR5_detailOnlyActivity_isDropped_whichIsWhyCrampCareNeverUsesDetail() {
      CarePlan r4 = new CarePlan();
      r4.setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PROPOSAL);
      r4.addActivity().getDetail().setDescription("Stretch the calf");

      org.hl7.fhir.r5.model.CarePlan r5 =
          (org.hl7.fhir.r5.model.CarePlan) VersionConvertorFactory_40_50.convertResource(r4);

      assertThat(r5.getActivity())
          .noneMatch(
              org.hl7.fhir.r5.model.CarePlan.CarePlanActivityComponent
                  ::hasPlannedActivityReference);
    }
  }

  @Nested
  class WholeBundle {
    @Test
    void convertToR5_bundleKeepsEveryEntryAndTheRequestsActivitiesPointAt() {
      Bundle r4 = export(OutboundTestSupport.statinUserWithWeaknessAndHeartFailure());

      org.hl7.fhir.r5.model.Bundle r5 =
          (org.hl7.fhir.r5.model.Bundle) VersionConvertorFactory_40_50.convertResource(r4);

      assertThat(r5.getEntry())
          .extracting(org.hl7.fhir.r5.model.Bundle.BundleEntryComponent::getFullUrl)
          .containsExactlyElementsOf(
              r4.getEntry().stream()
                  .map(Bundle.BundleEntryComponent::getFullUrl)
                  .collect(Collectors.toList()));
      org.hl7.fhir.r5.model.CarePlan plan =
          r5.getEntry().stream()
              .map(org.hl7.fhir.r5.model.Bundle.BundleEntryComponent::getResource)
              .filter(org.hl7.fhir.r5.model.CarePlan.class::isInstance)
              .map(org.hl7.fhir.r5.model.CarePlan.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(r5Activities(plan)).hasSize(14);
      for (String activity : r5Activities(plan)) {
        org.hl7.fhir.r5.model.Resource request =
            r5.getEntry().stream()
                .filter(e -> e.getFullUrl().equals(activity))
                .findFirst()
                .orElseThrow()
                .getResource();
        assertThat(request.fhirType()).isIn("ServiceRequest", "CommunicationRequest");
      }
    }

    @Test
    void convertToR5_serviceRequestKeepsItsRecommendationCode() {
      Bundle r4 = export(OutboundTestSupport.possibleDeepVeinThrombosis());

      org.hl7.fhir.r5.model.Bundle r5 =
          (org.hl7.fhir.r5.model.Bundle) VersionConvertorFactory_40_50.convertResource(r4);

      org.hl7.fhir.r5.model.ServiceRequest urgent =
          r5.getEntry().stream()
              .map(org.hl7.fhir.r5.model.Bundle.BundleEntryComponent::getResource)
              .filter(org.hl7.fhir.r5.model.ServiceRequest.class::isInstance)
              .map(org.hl7.fhir.r5.model.ServiceRequest.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(urgent.getCode().getConcept().getCodingFirstRep().getCode())
          .isEqualTo("urgent-medical-review");
      assertThat(urgent.getPriority().toCode()).isEqualTo("asap");
    }
  }
}
