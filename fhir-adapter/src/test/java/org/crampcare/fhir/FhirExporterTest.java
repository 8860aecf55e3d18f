package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.fhir.OutboundTestSupport.CTX;
import static org.crampcare.fhir.OutboundTestSupport.EXPORTER;
import static org.crampcare.fhir.OutboundTestSupport.VALIDATOR;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.fhir.OutboundTestSupport.Scenario;
import org.crampcare.patient.PatientContext;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.testing.Episodes;
import org.crampcare.testing.Patients;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FhirExporterTest {
  private static final Scenario STATIN =
      OutboundTestSupport.statinUserWithWeaknessAndHeartFailure();
  private static final Bundle STATIN_BUNDLE = export(STATIN);

  private static Bundle export(Scenario s) {
    return EXPORTER.toTransaction(s.assessment(), s.patient(), s.episodes());
  }

  static List<Scenario> scenarios() {
    return OutboundTestSupport.scenarios();
  }

  private static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
    List<T> result = new ArrayList<>();
    for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
      if (type.isInstance(e.getResource())) {
        result.add(type.cast(e.getResource()));
      }
    }
    return result;
  }

  private static <T extends Resource> T one(Bundle bundle, Class<T> type, Predicate<T> which) {
    List<T> found = all(bundle, type).stream().filter(which).collect(Collectors.toList());
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static String fullUrlOf(Bundle bundle, Resource resource) {
    return bundle.getEntry().stream()
        .filter(e -> e.getResource() == resource)
        .findFirst()
        .orElseThrow()
        .getFullUrl();
  }

  private static List<String> refs(List<Reference> references) {
    return references.stream().map(Reference::getReference).collect(Collectors.toList());
  }

  private static ServiceRequest service(Bundle b, String code) {
    return one(
        b, ServiceRequest.class, s -> s.getCode().getCodingFirstRep().getCode().equals(code));
  }

  private static CommunicationRequest advice(Bundle b, String code) {
    return one(
        b,
        CommunicationRequest.class,
        c -> c.getCategoryFirstRep().getCodingFirstRep().getCode().equals(code));
  }

  private static RiskAssessment finding(Bundle b, String code) {
    return one(
        b, RiskAssessment.class, r -> r.getCode().getCodingFirstRep().getCode().equals(code));
  }

  @Nested
  class Transaction {
    @ParameterizedTest
    @MethodSource("org.crampcare.fhir.FhirExporterTest#scenarios")
    void toTransaction_everyEntry_isConditionalPostWithUrnUuid(Scenario s) {
      Bundle b = export(s);

      assertThat(b.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
      assertThat(b.getEntry())
          .allSatisfy(
              e -> {
                assertThat(e.getFullUrl()).matches("urn:uuid:[0-9a-f-]{36}");
                assertThat(e.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
                assertThat(e.getRequest().getUrl()).isEqualTo(e.getResource().fhirType());
                assertThat(e.getRequest().getIfNoneExist())
                    .startsWith(e.getResource() instanceof Provenance ? "target=" : "identifier=");
              });
      assertThat(b.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl))
          .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("org.crampcare.fhir.FhirExporterTest#scenarios")
    void toTransaction_everyUrnReference_resolvesInsideTheBundle(Scenario s) {
      Bundle b = export(s);
      Set<String> fullUrls =
          b.getEntry().stream()
              .map(Bundle.BundleEntryComponent::getFullUrl)
              .collect(Collectors.toSet());

      for (Bundle.BundleEntryComponent e : b.getEntry()) {
        for (Reference r :
            CTX.newTerser().getAllPopulatedChildElementsOfType(e.getResource(), Reference.class)) {
          if (r.hasReference() && r.getReference().startsWith("urn:")) {
            assertThat(fullUrls).as("in %s", e.getResource().fhirType()).contains(r.getReference());
          } else if (r.hasReference()) {
            assertThat(r.getReference()).matches("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}");
          }
        }
      }
    }

    @Test
    void toTransaction_entries_deviceEpisodesFindingsRequestsCarePlanProvenance() {
      List<String> types =
          STATIN_BUNDLE.getEntry().stream()
              .map(e -> e.getResource().fhirType())
              .distinct()
              .collect(Collectors.toList());

      assertThat(types)
          .containsExactly(
              "Device",
              "Observation",
              "RiskAssessment",
              "ServiceRequest",
              "CommunicationRequest",
              "CarePlan",
              "Provenance");
    }

    @Test
    void toTransaction_episodeConditionalCreate_isScopedToThePatient() {
      Bundle.BundleEntryComponent entry =
          STATIN_BUNDLE.getEntry().stream()
              .filter(e -> e.getResource() instanceof Observation)
              .findFirst()
              .orElseThrow();

      assertThat(entry.getRequest().getIfNoneExist())
          .isEqualTo(
              "identifier=https://crampcare.org/fhir/identifier/cramp-episode|statin-1"
                  + "&subject=Patient/patient-1");
    }

    @Test
    void toTransaction_provenanceConditionalCreate_matchesOnItsCarePlan() {
      CarePlan plan = all(STATIN_BUNDLE, CarePlan.class).get(0);
      Bundle.BundleEntryComponent last =
          STATIN_BUNDLE.getEntry().get(STATIN_BUNDLE.getEntry().size() - 1);

      assertThat(last.getRequest().getIfNoneExist())
          .isEqualTo("target=" + fullUrlOf(STATIN_BUNDLE, plan));
    }
  }

  @Nested
  class Determinism {
    @ParameterizedTest
    @MethodSource("org.crampcare.fhir.FhirExporterTest#scenarios")
    void toTransactionJson_twice_isByteIdentical(Scenario s) {
      String first = EXPORTER.toTransactionJson(s.assessment(), s.patient(), s.episodes());
      String second =
          new FhirExporter(CTX).toTransactionJson(s.assessment(), s.patient(), s.episodes());

      assertThat(second).isEqualTo(first);
    }

    @Test
    void toTransaction_otherPatient_getsOtherAddressesAndIdentifiers() {
      PatientContext other = Patients.anAdult().build();
      PatientContext renamed =
          PatientContext.builder(other.birthDate(), other.sex()).id("patient-2").build();
      List<CrampEpisode> episodes = List.of(Episodes.anEpisode("e-1").build());
      Bundle one = exportFor(other, episodes, Episodes.NOW);
      Bundle two = exportFor(renamed, episodes, Episodes.NOW);

      Set<String> urls = fullUrls(one);
      assertThat(fullUrls(two)).hasSameSizeAs(urls);
      // only the Device, shared by every patient, keeps its address
      assertThat(fullUrls(two).stream().filter(urls::contains)).hasSize(1);
    }

    @Test
    void toTransaction_laterAssessment_keepsEpisodeAddressesAndRenewsThePlan() {
      PatientContext patient = Patients.anAdult().build();
      List<CrampEpisode> episodes = List.of(Episodes.anEpisode("e-1").build());
      Bundle now = exportFor(patient, episodes, Episodes.NOW);
      Bundle later = exportFor(patient, episodes, Episodes.NOW.plusSeconds(3600));

      assertThat(fullUrlOf(later, all(later, Observation.class).get(0)))
          .isEqualTo(fullUrlOf(now, all(now, Observation.class).get(0)));
      assertThat(fullUrlOf(later, all(later, CarePlan.class).get(0)))
          .isNotEqualTo(fullUrlOf(now, all(now, CarePlan.class).get(0)));
    }

    private Bundle exportFor(PatientContext p, List<CrampEpisode> episodes, Instant asOf) {
      Assessment a = Assessor.withBuiltInRules().assess(p, episodes, asOf);
      return EXPORTER.toTransaction(a, p, episodes);
    }

    private Set<String> fullUrls(Bundle b) {
      return b.getEntry().stream()
          .map(Bundle.BundleEntryComponent::getFullUrl)
          .collect(Collectors.toSet());
    }
  }

  @Nested
  class EpisodeEntries {
    @Test
    void toTransaction_plainEpisodeIds_becomeCrampEpisodeObservations() {
      assertThat(all(STATIN_BUNDLE, Observation.class))
          .extracting(o -> o.getIdentifierFirstRep().getValue())
          .containsExactly(
              "statin-1",
              "statin-night-1",
              "statin-night-2",
              "statin-night-3",
              "statin-night-4",
              "statin-night-5",
              "statin-old");
    }

    @Test
    void toTransaction_typedEpisodeId_isReferencedNotRecreated() {
      CarePlan plan = all(STATIN_BUNDLE, CarePlan.class).get(0);

      assertThat(refs(plan.getSupportingInfo())).contains("Observation/ehr-cramp-7");
      assertThat(all(STATIN_BUNDLE, Observation.class))
          .noneMatch(o -> o.getIdentifierFirstRep().getValue().contains("ehr-cramp-7"));
    }

    @Test
    void toTransaction_episodeBeforeTheWindow_isExportedButNotSupportingThePlan() {
      Observation old =
          one(
              STATIN_BUNDLE,
              Observation.class,
              o -> o.getIdentifierFirstRep().getValue().equals("statin-old"));
      CarePlan plan = all(STATIN_BUNDLE, CarePlan.class).get(0);

      assertThat(refs(plan.getSupportingInfo())).doesNotContain(fullUrlOf(STATIN_BUNDLE, old));
    }
  }

  @Nested
  class Findings {
    @Test
    void toTransaction_labRiskFactor_hasTheLabAsBasis() {
      RiskAssessment r = finding(STATIN_BUNDLE, "low-potassium");

      assertThat(refs(r.getBasis())).containsExactly("Observation/l5");
      assertThat(r.getPerformer().getReference())
          .isEqualTo(fullUrlOf(STATIN_BUNDLE, all(STATIN_BUNDLE, Device.class).get(0)));
      assertThat(r.getOccurrenceDateTimeType().getValueAsString())
          .isEqualTo("2026-11-21T10:00:00Z");
      assertThat(r.getPredictionFirstRep().getOutcome().getCodingFirstRep().getCode())
          .isEqualTo("55300003");
    }

    @Test
    void toTransaction_medicationRiskFactor_hasEveryMedicationAsBasis() {
      RiskAssessment r = finding(STATIN_BUNDLE, "cramp-associated-medication");

      assertThat(refs(r.getBasis()))
          .containsExactly("MedicationRequest/m3", "MedicationRequest/m4");
    }

    @Test
    void toTransaction_lifestyleRiskFactor_hasNoBasisButKeepsItsFactAsRationale() {
      RiskAssessment r = finding(STATIN_BUNDLE, "low-fluid-intake");

      assertThat(r.getBasis()).isEmpty();
      assertThat(r.getPredictionFirstRep().getRationale())
          .isEqualTo("fluid intake 0.8 L a day, below 1.5 L");
    }

    @Test
    void toTransaction_rhabdomyolysisRedFlag_pointsAtTheEpisodeAndStatin() {
      RiskAssessment r = finding(STATIN_BUNDLE, "possible-rhabdomyolysis");
      Observation episode =
          one(
              STATIN_BUNDLE,
              Observation.class,
              o -> o.getIdentifierFirstRep().getValue().equals("statin-1"));

      assertThat(refs(r.getBasis()))
          .containsExactly(fullUrlOf(STATIN_BUNDLE, episode), "MedicationRequest/m3");
      assertThat(r.getPredictionFirstRep().getOutcome().getCoding())
          .extracting(c -> c.getCode())
          .containsExactly("possible-rhabdomyolysis", "240131006");
    }
  }

  @Nested
  class Requests {
    @Test
    void toTransaction_urgentReview_isAServiceRequestAClinicianCanActOn() {
      ServiceRequest s = service(STATIN_BUNDLE, "urgent-medical-review");

      assertThat(s.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.PROPOSAL);
      assertThat(s.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
      assertThat(s.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.ASAP);
      assertThat(s.getSubject().getReference()).isEqualTo("Patient/patient-1");
      assertThat(s.getPatientInstruction()).isNotBlank();
      assertThat(s.getRequester().getReference())
          .isEqualTo(fullUrlOf(STATIN_BUNDLE, all(STATIN_BUNDLE, Device.class).get(0)));
      assertThat(refs(s.getSupportingInfo()))
          .contains(fullUrlOf(STATIN_BUNDLE, finding(STATIN_BUNDLE, "possible-rhabdomyolysis")));
    }

    @Test
    void toTransaction_soonFollowUp_isUrgentPriority_routineIsRoutine() {
      assertThat(service(STATIN_BUNDLE, "medication-review").getPriority())
          .isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
      assertThat(service(STATIN_BUNDLE, "electrolyte-testing").getPriority())
          .isEqualTo(ServiceRequest.ServiceRequestPriority.ROUTINE);
    }

    @Test
    void toTransaction_labFollowUp_givesTheLabAsReason() {
      ServiceRequest s = service(STATIN_BUNDLE, "abnormal-lab-follow-up");

      assertThat(refs(s.getReasonReference())).containsExactly("Observation/l5");
    }

    @Test
    void toTransaction_medicationReview_givesMedicationsAsSupportingInfo() {
      ServiceRequest s = service(STATIN_BUNDLE, "medication-review");

      assertThat(refs(s.getSupportingInfo()))
          .contains("MedicationRequest/m3", "MedicationRequest/m4");
      assertThat(s.getReasonReference()).isEmpty();
    }

    @Test
    void toTransaction_selfCare_isACommunicationRequestToThePatient() {
      CommunicationRequest c = advice(STATIN_BUNDLE, "stretch-affected-muscle");

      assertThat(c.getCategoryFirstRep().getCodingFirstRep().getSystem())
          .isEqualTo("https://crampcare.org/fhir/CodeSystem/recommendation");
      assertThat(c.getPayloadFirstRep().getContentStringType().getValue())
          .isEqualTo(
              STATIN
                  .assessment()
                  .recommendation("stretch-affected-muscle")
                  .orElseThrow()
                  .patientText());
      assertThat(refs(c.getRecipient())).containsExactly("Patient/patient-1");
      assertThat(c.getPriority()).isEqualTo(CommunicationRequest.CommunicationPriority.ROUTINE);
      assertThat(c.hasDoNotPerform()).isFalse();
    }

    @Test
    void toTransaction_patternFacts_becomeReasonTexts() {
      CommunicationRequest c = advice(STATIN_BUNDLE, "regular-stretching");

      assertThat(c.getReasonCode())
          .extracting(CodeableConcept::getText)
          .isNotEmpty()
          .allSatisfy(text -> assertThat(text).isNotBlank());
    }

    @Test
    void toTransaction_heatWithDiabetes_carriesTheBurnCaution() {
      CommunicationRequest c = advice(STATIN_BUNDLE, "apply-heat");
      Extension caution =
          c.getExtensionByUrl("https://crampcare.org/fhir/StructureDefinition/caution");

      CodeableConcept value = (CodeableConcept) caution.getValue();
      assertThat(value.getCodingFirstRep().getSystem())
          .isEqualTo("https://crampcare.org/fhir/CodeSystem/caution");
      assertThat(value.getCodingFirstRep().getCode()).isEqualTo("caution-burn-risk");
      assertThat(value.getText())
          .isEqualTo(
              STATIN
                  .assessment()
                  .recommendation("apply-heat")
                  .orElseThrow()
                  .cautions()
                  .get(0)
                  .text());
      assertThat(refs(c.getAbout())).contains("Condition/c2");
    }

    @Test
    void toTransaction_hydrationInHeartFailure_isRecordedAsDoNotPerform() {
      CommunicationRequest c = advice(STATIN_BUNDLE, "hydration");

      assertThat(c.getDoNotPerform()).isTrue();
      assertThat(refs(c.getReasonReference())).containsExactly("Condition/c1");
      assertThat(c.getNoteFirstRep().getText())
          .startsWith("Not recommended (safety rule suppress-hydration-heart-failure): ");
    }

    @Test
    void toTransaction_suppressedClinicalFollowUp_isADoNotPerformServiceRequest() {
      Bundle b = export(OutboundTestSupport.pregnantWithFrequentCramps());
      ServiceRequest s = service(b, "medication-review");

      assertThat(s.getDoNotPerform()).isTrue();
      assertThat(refs(s.getSupportingInfo())).contains("Patient/patient-1");
    }
  }

  @Nested
  class CarePlanEntry {
    private final CarePlan plan = all(STATIN_BUNDLE, CarePlan.class).get(0);

    @Test
    void toTransaction_carePlan_isAProposalByTheDevice() {
      assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PROPOSAL);
      assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
      assertThat(plan.getCreatedElement().getValueAsString()).isEqualTo("2026-11-21T10:00:00Z");
      assertThat(plan.getAuthor().getReference())
          .isEqualTo(fullUrlOf(STATIN_BUNDLE, all(STATIN_BUNDLE, Device.class).get(0)));
      assertThat(plan.getSubject().getReference()).isEqualTo("Patient/patient-1");
    }

    @Test
    void toTransaction_activities_referenceEveryRequestInOrder_withoutDetail() {
      List<String> requests = new ArrayList<>();
      for (Bundle.BundleEntryComponent e : STATIN_BUNDLE.getEntry()) {
        if (e.getResource() instanceof ServiceRequest
            || e.getResource() instanceof CommunicationRequest) {
          requests.add(e.getFullUrl());
        }
      }

      assertThat(plan.getActivity())
          .extracting(a -> a.getReference().getReference())
          .containsExactlyElementsOf(requests);
      assertThat(plan.getActivity()).noneMatch(CarePlan.CarePlanActivityComponent::hasDetail);
      assertThat(requests)
          .hasSize(
              STATIN.assessment().recommendations().size()
                  + STATIN.assessment().suppressed().size());
    }

    @Test
    void toTransaction_addresses_areTheConditionsBehindRecommendations() {
      assertThat(refs(plan.getAddresses()))
          .containsExactlyInAnyOrder("Condition/c1", "Condition/c2");
    }

    @Test
    void toTransaction_narrative_listsRecommendationsWithReasons() {
      assertThat(plan.getText().getStatus().toCode()).isEqualTo("generated");
      assertThat(plan.getText().getDivAsString())
          .contains("Urgent medical review (urgent): ")
          .contains("Not recommended: hydration. Fluid advice is suppressed in heart failure");
    }

    @Test
    void toTransaction_minor_hasAPlanWithTheNoticeAndNoActivity() {
      Bundle b = export(OutboundTestSupport.minor());
      CarePlan minorPlan = all(b, CarePlan.class).get(0);

      assertThat(minorPlan.getActivity()).isEmpty();
      assertThat(minorPlan.getNote()).hasSize(1);
      assertThat(minorPlan.getText().getDivAsString()).contains("No recommendations.");
    }
  }

  @Nested
  class ProvenanceAndDevice {
    @Test
    void toTransaction_provenance_targetsEverythingGeneratedButTheDevice() {
      Provenance p = all(STATIN_BUNDLE, Provenance.class).get(0);
      List<String> generated =
          STATIN_BUNDLE.getEntry().stream()
              .filter(
                  e ->
                      !(e.getResource() instanceof Device || e.getResource() instanceof Provenance))
              .map(Bundle.BundleEntryComponent::getFullUrl)
              .collect(Collectors.toList());

      assertThat(refs(p.getTarget())).containsExactlyElementsOf(generated);
      assertThat(p.getRecordedElement().getValueAsString()).isEqualTo("2026-11-21T10:00:00Z");
      assertThat(p.getAgentFirstRep().getWho().getReference())
          .isEqualTo(fullUrlOf(STATIN_BUNDLE, all(STATIN_BUNDLE, Device.class).get(0)));
    }

    @Test
    void toTransaction_provenanceEntities_areTheInputResources() {
      Provenance p = all(STATIN_BUNDLE, Provenance.class).get(0);

      assertThat(p.getEntity())
          .extracting(e -> e.getWhat().getReference())
          .containsExactly(
              "Patient/patient-1",
              "Observation/ehr-cramp-7",
              "Observation/l5",
              "Condition/c2",
              "Condition/c1",
              "MedicationRequest/m3",
              "MedicationRequest/m4");
      assertThat(p.getEntity())
          .allMatch(e -> e.getRole() == Provenance.ProvenanceEntityRole.SOURCE);
    }

    @Test
    void toTransaction_device_namesCrampCareAndItsVersions() {
      Device d = all(STATIN_BUNDLE, Device.class).get(0);

      assertThat(d.getDeviceNameFirstRep().getName()).isEqualTo("CrampCare");
      assertThat(d.getVersion())
          .extracting(v -> v.getValue())
          .containsExactly("development", "crampcare-builtin/1");
      assertThat(d.getIdentifierFirstRep().getValue())
          .isEqualTo("crampcare/development/crampcare-builtin/1");
    }
  }

  @Nested
  class Validation {
    @ParameterizedTest
    @MethodSource("org.crampcare.fhir.FhirExporterTest#scenarios")
    void toTransaction_everyResource_validatesWithZeroErrors(Scenario s) {
      for (Bundle.BundleEntryComponent e : export(s).getEntry()) {
        ValidationReport report = VALIDATOR.validate(e.getResource());

        assertThat(report.errors()).as("%s in %s", e.getResource().fhirType(), s).isEmpty();
        assertThat(report.warnings())
            .as("%s in %s", e.getResource().fhirType(), s)
            .allSatisfy(w -> assertThat(w.message()).matches(OutboundTestSupport.EXPECTED_WARNING));
      }
    }

    @ParameterizedTest
    @MethodSource("org.crampcare.fhir.FhirExporterTest#scenarios")
    void toTransaction_wholeBundle_validatesWithZeroErrors(Scenario s) {
      ValidationReport report = VALIDATOR.validate(export(s));

      assertThat(report.errors()).as("%s", s).isEmpty();
      assertThat(report.warnings())
          .allSatisfy(w -> assertThat(w.message()).matches(OutboundTestSupport.EXPECTED_WARNING));
    }
  }

  @Nested
  class BadInput {
    @Test
    void toTransaction_patientWithoutId_isRejected() {
      PatientContext anonymous =
          PatientContext.builder(Patients.TODAY.minusYears(40), org.crampcare.patient.Sex.MALE)
              .build();
      List<CrampEpisode> episodes = List.of(Episodes.anEpisode("e").build());
      Assessment a = Assessor.withBuiltInRules().assess(anonymous, episodes, Episodes.NOW);

      assertThatThrownBy(() -> EXPORTER.toTransaction(a, anonymous, episodes))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "patient.id is empty; expected the id of the FHIR Patient the assessment is about");
    }

    @Test
    void toTransaction_otherPatientThanAssessed_isRejected() {
      PatientContext other =
          PatientContext.builder(Patients.TODAY.minusYears(40), org.crampcare.patient.Sex.MALE)
              .id("someone-else")
              .build();

      assertThatThrownBy(
              () -> EXPORTER.toTransaction(STATIN.assessment(), other, STATIN.episodes()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "patient.id 'someone-else' differs from the assessment's patient id 'patient-1';"
                  + " expected the patient that was assessed");
    }

    @Test
    void toTransaction_missingEpisode_isRejected() {
      assertThatThrownBy(
              () ->
                  EXPORTER.toTransaction(
                      STATIN.assessment(), STATIN.patient(), STATIN.episodes().subList(1, 3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("fact '")
          .hasMessageContaining(
              "names episode 'statin-1', which is not among the episodes given; pass every"
                  + " episode the assessment saw");
    }

    @Test
    void toTransaction_repeatedEpisodeId_isRejected() {
      List<CrampEpisode> twice = new ArrayList<>(STATIN.episodes());
      twice.add(STATIN.episodes().get(0));

      assertThatThrownBy(() -> EXPORTER.toTransaction(STATIN.assessment(), STATIN.patient(), twice))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("episodes: id 'statin-1' appears more than once; expected unique ids");
    }

    @Test
    void toTransaction_episodeIdWithSlashThatIsNoReference_isRejected() {
      PatientContext patient = Patients.anAdult().build();
      List<CrampEpisode> episodes = List.of(Episodes.anEpisode("2026/11/20").build());
      Assessment a = Assessor.withBuiltInRules().assess(patient, episodes, Episodes.NOW);

      assertThatThrownBy(() -> EXPORTER.toTransaction(a, patient, episodes))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "id '2026/11/20' contains '/' but is not a FHIR reference; expected a typed"
                  + " reference such as Observation/123 or a plain id without '/'");
    }

    @Test
    void toTransaction_absoluteEpisodeReference_isReferencedAsIs() {
      PatientContext patient = Patients.anAdult().build();
      String absolute = "https://ehr.example.org/fhir/Observation/77";
      List<CrampEpisode> episodes = List.of(Episodes.anEpisode(absolute).build());
      Assessment a = Assessor.withBuiltInRules().assess(patient, episodes, Episodes.NOW);

      Bundle b = EXPORTER.toTransaction(a, patient, episodes);

      assertThat(all(b, Observation.class)).isEmpty();
      assertThat(refs(all(b, CarePlan.class).get(0).getSupportingInfo())).contains(absolute);
    }

    @Test
    void toTransaction_otherRuleBook_isRejected() {
      FhirExporter custom =
          new FhirExporter(CTX, RuleBook.builtIn().toBuilder().version("acme/2").build());

      assertThatThrownBy(
              () -> custom.toTransaction(STATIN.assessment(), STATIN.patient(), STATIN.episodes()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "assessment was made with rule book crampcare-builtin/1 but this exporter has rule"
                  + " book acme/2; construct the FhirExporter with the rule book that made the"
                  + " assessment");
    }

    @Test
    void constructor_nonR4Context_isRejected() {
      assertThatThrownBy(() -> new FhirExporter(FhirContext.forR5Cached()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("FhirContext is for FHIR R5; expected an R4 context (FhirContext.forR4())");
    }
  }
}
