package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.fhir.InboundTestData.AS_OF;
import static org.crampcare.fhir.InboundTestData.CTX;
import static org.crampcare.fhir.InboundTestData.IMPORTER;
import static org.crampcare.fhir.InboundTestData.concept;
import static org.crampcare.fhir.InboundTestData.condition;
import static org.crampcare.fhir.InboundTestData.cramp;
import static org.crampcare.fhir.InboundTestData.finding;
import static org.crampcare.fhir.InboundTestData.importing;
import static org.crampcare.fhir.InboundTestData.information;
import static org.crampcare.fhir.InboundTestData.lab;
import static org.crampcare.fhir.InboundTestData.patient;
import static org.crampcare.fhir.InboundTestData.prescription;
import static org.crampcare.fhir.InboundTestData.warnings;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.OnsetPrecision;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.Censoring;
import org.crampcare.lab.LabFlag;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.Medication;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.Sex;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.testing.Episodes;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FhirImporterTest {

  @Nested
  class ThePatient {
    @Test
    void importResources_patientOnly_mapsBirthDateSexAndBareId() {
      ImportResult result = importing();

      assertThat(result.patient().id()).contains("p1");
      assertThat(result.patient().birthDate()).isEqualTo(LocalDate.of(1976, 11, 21));
      assertThat(result.patient().sex()).isEqualTo(Sex.FEMALE);
      assertThat(result.patient().pregnant()).isFalse();
      assertThat(result.episodes()).isEmpty();
      assertThat(result.diagnostics())
          .containsExactly(
              "read 1 resources: 1 mapped, 0 relevant but not used (listed), 0 irrelevant to"
                  + " cramps (counted, not listed)");
    }

    @Test
    void import_noPatient_throwsNamingWhatIsExpected() {
      assertThatThrownBy(() -> IMPORTER.importResources(List.of(cramp("o1")), AS_OF))
          .isInstanceOf(FhirMappingException.class)
          .hasMessage(
              "no Patient resource in the input; expected exactly one Patient (a patient's"
                  + " $everything, a searchset, collection, transaction or batch bundle with the"
                  + " Patient)");
    }

    @Test
    void import_twoPatients_throwsNamingBoth() {
      Patient other = patient();
      other.setId("p2");

      assertThatThrownBy(() -> IMPORTER.importResources(List.of(patient(), other), AS_OF))
          .isInstanceOf(FhirMappingException.class)
          .hasMessage(
              "2 Patient resources in the input (Patient/p1, Patient/p2); expected exactly one:"
                  + " import one patient at a time");
    }

    @Test
    void import_noBirthDate_throwsNamingThePatient() {
      Patient patient = patient();
      patient.setBirthDateElement(null);

      assertThatThrownBy(() -> IMPORTER.importResources(List.of(patient), AS_OF))
          .isInstanceOf(FhirMappingException.class)
          .isInstanceOf(org.crampcare.CrampCareException.class)
          .hasMessage(
              "Patient/p1: birthDate is missing; it is required to compute the patient's age (the"
                  + " advice is for adults only)");
    }

    @Test
    void import_birthDateAfterAsOf_throwsWithoutQuotingTheDate() {
      Patient patient = patient();
      patient.setBirthDateElement(new DateType("2030-01-02"));

      assertThatThrownBy(() -> IMPORTER.importResources(List.of(patient), AS_OF))
          .isInstanceOf(FhirMappingException.class)
          .hasMessage(
              "Patient/p1: birthDate is after the import date 2026-11-21; expected a birth date in"
                  + " the past");
    }

    @Test
    void import_yearOnlyBirthDateAndNoGender_takesFirstDayAndUnknownSexWithNotes() {
      Patient patient = patient();
      patient.setBirthDateElement(new DateType("1970"));
      patient.setGender(null);

      ImportResult result = IMPORTER.importResources(List.of(patient), AS_OF);

      assertThat(result.patient().birthDate()).isEqualTo(LocalDate.of(1970, 1, 1));
      assertThat(result.patient().sex()).isEqualTo(Sex.UNKNOWN);
      assertThat(information(result))
          .containsExactly(
              "Patient/p1: birthDate has year precision; taken as the first day of that year, so"
                  + " the age may be up to a year too high",
              "Patient/p1: gender is missing; sex taken as unknown");
    }

    @ParameterizedTest
    @CsvSource({"MALE, MALE", "FEMALE, FEMALE", "OTHER, OTHER", "UNKNOWN, UNKNOWN"})
    void import_gender_mapsToSex(AdministrativeGender gender, Sex sex) {
      Patient patient = patient();
      patient.setGender(gender);

      assertThat(IMPORTER.importResources(List.of(patient), AS_OF).patient().sex()).isEqualTo(sex);
    }

    @Test
    void constructor_r5Context_isRejected() {
      assertThatThrownBy(() -> new FhirImporter(FhirContext.forR5Cached()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "FhirImporter needs a FHIR R4 context, got R5; use FhirContext.forR4Cached()");
    }
  }

  @Nested
  class Bundles {
    private Bundle bundle(Bundle.BundleType type) {
      Bundle bundle = new Bundle();
      bundle.setType(type);
      bundle.addEntry().setFullUrl("http://ehr.example/fhir/Patient/p1").setResource(patient());
      return bundle;
    }

    @ParameterizedTest
    @CsvSource({"SEARCHSET", "COLLECTION", "TRANSACTION", "BATCH"})
    void importBundle_acceptedTypes_map(Bundle.BundleType type) {
      assertThat(IMPORTER.importBundle(bundle(type), AS_OF).patient().id()).contains("p1");
    }

    @ParameterizedTest
    @CsvSource({"HISTORY, history", "DOCUMENT, document", "MESSAGE, message"})
    void importBundle_otherTypes_throw(Bundle.BundleType type, String code) {
      assertThatThrownBy(() -> IMPORTER.importBundle(bundle(type), AS_OF))
          .isInstanceOf(FhirMappingException.class)
          .hasMessage(
              "Bundle: type '"
                  + code
                  + "' is not supported; expected searchset (for example $everything), collection,"
                  + " transaction or batch");
    }

    @Test
    void importBundle_noType_throws() {
      Bundle bundle = bundle(Bundle.BundleType.COLLECTION);
      bundle.setType(null);
      bundle.setId("b1");

      assertThatThrownBy(() -> IMPORTER.importBundle(bundle, AS_OF))
          .isInstanceOf(FhirMappingException.class)
          .hasMessage(
              "Bundle/b1: type is missing; expected searchset, collection, transaction or batch");
    }

    @Test
    void importBundle_transactionWithoutIds_usesUrnFullUrlsAndResolvesReferences() {
      String patientUrn = "urn:uuid:00000000-0000-4000-8000-000000000001";
      String medicationUrn = "urn:uuid:00000000-0000-4000-8000-000000000002";
      String requestUrn = "urn:uuid:00000000-0000-4000-8000-000000000003";
      String conditionUrn = "urn:uuid:00000000-0000-4000-8000-000000000004";
      Patient patient = patient();
      patient.setIdElement(null);
      org.hl7.fhir.r4.model.Medication medication = new org.hl7.fhir.r4.model.Medication();
      medication.setCode(concept(CodeSystems.RXNORM, "4603"));
      MedicationRequest request = prescription("x", CodeSystems.RXNORM, "", "");
      request.setIdElement(null);
      request.setMedication(new Reference(medicationUrn));
      request.setSubject(new Reference(patientUrn));
      Condition condition = condition("x", CodeSystems.SNOMED_CT, "84114007");
      condition.setIdElement(null);
      condition.setSubject(new Reference(patientUrn));
      Bundle bundle = new Bundle();
      bundle.setType(Bundle.BundleType.TRANSACTION);
      bundle.addEntry().setFullUrl(patientUrn).setResource(patient);
      bundle.addEntry().setFullUrl(medicationUrn).setResource(medication);
      bundle.addEntry().setFullUrl(requestUrn).setResource(request);
      bundle.addEntry().setFullUrl(conditionUrn).setResource(condition);

      ImportResult result = IMPORTER.importBundle(bundle, AS_OF);

      assertThat(result.patient().id()).contains(patientUrn);
      assertThat(result.patient().medications())
          .containsExactly(new Medication(requestUrn, MedicationClass.LOOP_DIURETIC, "4603"));
      assertThat(result.patient().conditions())
          .containsExactly(
              org.crampcare.patient.Condition.of(conditionUrn, ConditionKind.HEART_FAILURE));
      assertThat(result.resourcesMapped()).isEqualTo(4);
    }

    @Test
    void importJson_synthea_styleBundle_keepsServerIdsAndResolvesUrnReferences() {
      String json =
          "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
              + "{\"fullUrl\":\"urn:uuid:aaa\",\"resource\":{\"resourceType\":\"Patient\","
              + "\"id\":\"aaa\",\"birthDate\":\"1960-05-05\",\"gender\":\"male\"}},"
              + "{\"fullUrl\":\"urn:uuid:bbb\",\"resource\":{\"resourceType\":\"Condition\","
              + "\"id\":\"bbb\",\"clinicalStatus\":{\"coding\":[{\"system\":"
              + "\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},"
              + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"69896004\"}]},"
              + "\"subject\":{\"reference\":\"urn:uuid:aaa\"}}}]}";

      ImportResult result = IMPORTER.importJson(json, AS_OF);

      assertThat(result.patient().id()).contains("aaa");
      assertThat(result.patient().conditions())
          .containsExactly(
              org.crampcare.patient.Condition.of(
                  "Condition/bbb", ConditionKind.RHEUMATOID_ARTHRITIS));
    }

    @Test
    void importBundle_parsedWithHapiDefaults_usesTheUrnIds() {
      String json =
          "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
              + "{\"fullUrl\":\"urn:uuid:aaa\",\"resource\":{\"resourceType\":\"Patient\","
              + "\"id\":\"aaa\",\"birthDate\":\"1960-05-05\"}}]}";
      Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, json);

      assertThat(IMPORTER.importBundle(bundle, AS_OF).patient().id()).contains("urn:uuid:aaa");
    }

    @Test
    void importJson_notFhir_throwsWithTheHapiCodeOnly() {
      assertThatThrownBy(() -> IMPORTER.importJson("{\"resourceType\":\"Nonsense\"}", AS_OF))
          .isInstanceOf(FhirMappingException.class)
          .hasMessageStartingWith("input is not FHIR R4 JSON (HAPI-")
          .hasMessageEndingWith("); expected a Bundle or a Patient")
          .hasCauseInstanceOf(ca.uhn.fhir.parser.DataFormatException.class);
    }

    @Test
    void importJson_inputThatCrashesHapisParser_isWrapped() {
      String json =
          "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"fullUrl\":"
              + "\"urn:uuid:p\",\"_resource\":{\"resourceType\":\"Patient\"}}]}";

      assertThatThrownBy(() -> IMPORTER.importJson(json, AS_OF))
          .isInstanceOf(FhirMappingException.class)
          .hasMessage(
              "input is not FHIR R4 JSON (HAPI's parser failed with NullPointerException); expected"
                  + " a Bundle or a Patient")
          .hasCauseInstanceOf(NullPointerException.class);
    }

    @Test
    void import_resourceWithoutIdOrFullUrl_isReportedNotUsed() {
      Observation o = cramp("x");
      o.setIdElement(null);

      ImportResult result = importing(o);

      assertThat(result.episodes()).isEmpty();
      assertThat(warnings(result))
          .containsExactly(
              "Observation at entry[1]: has neither an id nor an entry fullUrl, so nothing mapped"
                  + " from it could refer back to it; give the resource an id");
    }

    @Test
    void import_duplicateEntry_usesTheFirstAndReportsTheSecond() {
      ImportResult result =
          importing(lab("k", "2823-3", "4.1", "mmol/L"), lab("k", "2823-3", "4.1", "mmol/L"));

      assertThat(result.patient().labs()).hasSize(1);
      assertThat(information(result))
          .containsExactly(
              "Observation/k: appears more than once in the input; the first occurrence is used");
      assertThat(result.resourcesNotUsed()).isEqualTo(1);
    }

    @Test
    void import_resourceAboutAnotherPatient_isReportedNotUsed() {
      Condition condition = condition("c1", CodeSystems.SNOMED_CT, "84114007");
      condition.setSubject(new Reference("Patient/someone-else"));

      ImportResult result = importing(condition);

      assertThat(result.patient().conditions()).isEmpty();
      assertThat(warnings(result))
          .containsExactly(
              "Condition/c1: subject 'Patient/someone-else' is not the input's Patient/p1; only"
                  + " that patient's data is used");
    }

    @Test
    void import_absoluteSubjectReferenceToThePatient_isAccepted() {
      Condition condition = condition("c1", CodeSystems.SNOMED_CT, "84114007");
      condition.setSubject(new Reference("http://ehr.example/fhir/Patient/p1/_history/3"));

      assertThat(importing(condition).patient().conditions()).hasSize(1);
    }
  }

  @Nested
  class EhrCrampEpisodes {
    @Test
    void import_symptomWithLowerLegCramp_mapsEpisodeWithTypedId() {
      ImportResult result = importing(cramp("o1"));

      assertThat(result.episodes())
          .containsExactly(
              CrampEpisode.builder(
                      "Observation/o1", Instant.parse("2026-11-20T02:00:00Z"), BodySite.LOWER_LEG)
                  .duration(Duration.ofMinutes(5))
                  .severity(6)
                  .build());
      assertThat(result.diagnostics()).hasSize(1);
    }

    @Test
    void import_preliminaryCramp_isCountedAsFoundButNotUsable() {
      Observation o = cramp("o1");
      o.setStatus(Observation.ObservationStatus.PRELIMINARY);

      ImportResult result = importing(o);

      assertThat(result.episodes()).isEmpty();
      assertThat(result.crampRecords()).isEqualTo(new ImportResult.CrampRecords(1, 0, 0, 1));
    }

    @Test
    void import_resolvedCrampCondition_stillHappenedAtItsOnset() {
      Condition c = condition("c1", CodeSystems.ICD_10_CM, "R25.2");
      c.setOnset(new DateTimeType("2026-11-12"));
      c.setClinicalStatus(concept(ConditionReader.CLINICAL_STATUS, "resolved"));

      ImportResult result = importing(c);

      assertThat(result.episodes()).extracting(CrampEpisode::id).containsExactly("Condition/c1");
    }

    @Test
    void import_sameCrampTwice_sameIdentifier_countsOnceAndSaysSo() {
      Observation first = cramp("o1");
      first.addIdentifier().setSystem("urn:flowsheet").setValue("row-7");
      Observation resent = cramp("o2");
      resent.addIdentifier().setSystem("urn:flowsheet").setValue("row-7");

      ImportResult result = importing(first, resent);

      assertThat(result.episodes()).extracting(CrampEpisode::id).containsExactly("Observation/o1");
      assertThat(result.crampRecords()).isEqualTo(new ImportResult.CrampRecords(2, 1, 1, 0));
      assertThat(information(result))
          .contains(
              "Observation/o2: the same cramp as Observation/o1 (same identifier"
                  + " urn:flowsheet|row-7): counted once");
    }

    @Test
    void import_crampFindingAsCode_mapsEpisode() {
      Observation o = cramp("o1");
      o.setCode(concept(CodeSystems.SNOMED_CT, "449918009"));
      o.setValue(null);

      assertThat(importing(o).episodes())
          .extracting(CrampEpisode::id)
          .containsExactly("Observation/o1");
    }

    @ParameterizedTest
    @CsvSource({
      "102549009, AT_REST, LOWER_LEG",
      "90392009, DURING_SLEEP, CALF",
    })
    void import_nightTimeFindings_implyTheSetting(String code, Setting setting, BodySite site) {
      Observation o = cramp("o1");
      o.setValue(concept(CodeSystems.SNOMED_CT, code));
      o.setBodySite(concept(CodeSystems.SNOMED_CT, site.snomed().code()));

      CrampEpisode episode = importing(o).episodes().get(0);

      assertThat(episode.settings()).containsExactly(setting);
      assertThat(episode.site()).contains(site);
    }

    @Test
    void import_postCoordinatedSiteWithLaterality_readsSiteAndSide() {
      Observation o = cramp("o1");
      o.setBodySite(concept(CodeSystems.SNOMED_CT, "53840002:272741003=7771000"));

      CrampEpisode episode = importing(o).episodes().get(0);

      assertThat(episode.site()).contains(BodySite.CALF);
      assertThat(episode.laterality()).contains(Laterality.LEFT);
    }

    @Test
    void import_lateralityCodingBesideTheSite_readsTheSide() {
      Observation o = cramp("o1");
      CodeableConcept site = concept(CodeSystems.SNOMED_CT, "24028007");
      site.addCoding(new Coding(CodeSystems.SNOMED_CT, "68367000", "Thigh structure"));
      o.setBodySite(site);

      CrampEpisode episode = importing(o).episodes().get(0);

      assertThat(episode.site()).contains(BodySite.THIGH);
      assertThat(episode.laterality()).contains(Laterality.RIGHT);
    }

    @Test
    void import_genericCrampWithoutSite_isUsedWithSiteNotRecorded() {
      Observation o = cramp("o1");
      o.setValue(concept(CodeSystems.SNOMED_CT, "55300003"));

      ImportResult result = importing(o);

      assertThat(result.episodes()).singleElement().satisfies(e -> assertThat(e.site()).isEmpty());
      assertThat(warnings(result)).isEmpty();
    }

    @Test
    void import_unknownSite_isUsedWithSiteNotRecordedAndNoted() {
      Observation o = cramp("o1");
      o.setValue(concept(CodeSystems.SNOMED_CT, "55300003"));
      o.setBodySite(concept(CodeSystems.SNOMED_CT, "113345001"));

      ImportResult result = importing(o);

      assertThat(result.episodes()).singleElement().satisfies(e -> assertThat(e.site()).isEmpty());
      assertThat(information(result))
          .contains(
              "Observation/o1: bodySite SNOMED CT '113345001' is not a body site CrampCare knows:"
                  + " site not recorded (not guessed)");
    }

    @Test
    void import_noSeverity_isUsedWithSeverityUnknown() {
      Observation o = cramp("o1");
      o.getComponent().clear();

      ImportResult result = importing(o);

      assertThat(result.episodes())
          .singleElement()
          .satisfies(e -> assertThat(e.severity()).isEmpty());
      assertThat(information(result))
          .contains(
              "Observation/o1: no severity component (LOINC 72514-3 or 64750-3): severity not"
                  + " recorded (not guessed)");
    }

    @ParameterizedTest
    @CsvSource({"11", "-1", "5.5"})
    void import_severityOutOfScale_isNotedAndLeftUnknown(String value) {
      Observation o = cramp("o1");
      o.getComponentFirstRep().setValue(new Quantity().setValue(new BigDecimal(value)));

      ImportResult result = importing(o);

      assertThat(result.episodes())
          .singleElement()
          .satisfies(e -> assertThat(e.severity()).isEmpty());
      assertThat(information(result))
          .contains(
              "Observation/o1: component[0].valueQuantity.value "
                  + value
                  + " is not a whole number from 0 to 10: severity not recorded (not guessed)");
    }

    @Test
    void import_severityAsSymptomSeverityQuantity_isRead() {
      Observation o = cramp("o1");
      o.getComponentFirstRep()
          .setCode(concept(CodeSystems.LOINC, "64750-3"))
          .setValue(new Quantity().setValue(new BigDecimal("8.0")));

      assertThat(importing(o).episodes().get(0).severity()).contains(8);
    }

    @Test
    void import_pointInTimeOnly_isUsedWithDurationUnknown() {
      Observation o = cramp("o1");
      o.setEffective(new DateTimeType("2026-11-20T02:00:00Z"));

      ImportResult result = importing(o);

      assertThat(warnings(result)).isEmpty();
      assertThat(result.episodes())
          .singleElement()
          .satisfies(e -> assertThat(e.duration()).isEmpty());
    }

    @Test
    void import_dateOnlyOnset_isUsedKnownOnlyToTheDay() {
      Observation o = cramp("o1");
      o.setEffective(new DateTimeType("2026-11-20"));

      ImportResult result = importing(o);

      assertThat(result.episodes())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.onsetPrecision()).isEqualTo(OnsetPrecision.DAY);
                assertThat(e.localTime()).isEmpty();
              });
    }

    @Test
    void import_endBeforeStart_isUsedWithDurationUnknownAndNoted() {
      Observation o = cramp("o1");
      o.getEffectivePeriod().setEndElement(new DateTimeType("2026-11-20T01:00:00Z"));

      ImportResult result = importing(o);

      assertThat(result.episodes())
          .singleElement()
          .satisfies(e -> assertThat(e.duration()).isEmpty());
      assertThat(information(result))
          .contains(
              "Observation/o1: effectivePeriod.end is not a time after the start: the duration is"
                  + " not recorded");
    }

    @Test
    void import_onsetAfterAsOf_isReported() {
      Observation o = cramp("o1");
      o.setEffective(
          new Period()
              .setStartElement(new DateTimeType("2026-12-01T02:00:00Z"))
              .setEndElement(new DateTimeType("2026-12-01T02:05:00Z")));

      assertThat(warnings(importing(o)))
          .containsExactly(
              "Observation/o1: onset is after the import time 2026-11-21T10:00:00Z; expected an"
                  + " episode that has happened");
    }

    @Test
    void import_episodes_areSortedByOnset() {
      Observation later = cramp("b");
      Observation earlier = cramp("a-later-id");
      earlier.setEffective(
          new Period()
              .setStartElement(new DateTimeType("2026-11-10T02:00:00Z"))
              .setEndElement(new DateTimeType("2026-11-10T02:05:00Z")));

      assertThat(importing(later, earlier).episodes())
          .extracting(CrampEpisode::id)
          .containsExactly("Observation/a-later-id", "Observation/b");
    }

    @Test
    void import_otherSymptom_isIrrelevant() {
      Observation o = cramp("o1");
      o.setValue(concept(CodeSystems.SNOMED_CT, "68962001"));

      ImportResult result = importing(o);

      assertThat(result.episodes()).isEmpty();
      assertThat(result.resourcesIrrelevant()).isEqualTo(1);
      assertThat(warnings(result)).isEmpty();
    }
  }

  @Nested
  class OwnEpisodes {
    @Test
    void import_ownEpisodeObservation_roundTripsThroughEpisodeObservations() {
      CrampEpisode episode =
          Episodes.anEpisode("ep-7")
              .onset(Instant.parse("2026-11-19T23:30:00Z"))
              .build()
              .toBuilder()
              .side(Laterality.LEFT)
              .setting(Setting.DURING_SLEEP)
              .sign(AssociatedSign.MUSCLE_WEAKNESS)
              .build();
      Observation o = EpisodeObservations.toObservation(episode, "Patient/p1");
      o.setId("own-1");

      ImportResult result = importing(o);

      assertThat(result.episodes()).containsExactly(episode);
      assertThat(result.resourcesMapped()).isEqualTo(2);
    }

    @Test
    void import_ownEpisodeWithoutBodySite_isUsedWithSiteNotRecorded() {
      Observation o =
          EpisodeObservations.toObservation(Episodes.anEpisode("ep-8").build(), "Patient/p1");
      o.setId("own-2");
      o.setBodySite(null);

      ImportResult result = importing(o);

      assertThat(warnings(result)).isEmpty();
      assertThat(result.episodes()).singleElement().satisfies(e -> assertThat(e.site()).isEmpty());
    }

    @Test
    void import_brokenOwnEpisode_isReportedWithTheReason() {
      Observation o =
          EpisodeObservations.toObservation(Episodes.anEpisode("ep-8").build(), "Patient/p1");
      o.setId("own-2");
      o.setEffective(null);

      ImportResult result = importing(o);

      assertThat(warnings(result))
          .containsExactly(
              "Observation/own-2: effective[x] is missing; expected effectivePeriod with start"
                  + " and end, or effectiveDateTime");
      assertThat(result.crampRecords()).isEqualTo(new ImportResult.CrampRecords(1, 0, 0, 1));
    }
  }

  @Nested
  class AssociatedSigns {
    @Test
    void import_findingOnTheSameDay_isAttachedToTheEpisode() {
      ImportResult result =
          importing(cramp("o1"), finding("w1", "26544005", "2026-11-20T15:00:00Z"));

      assertThat(result.episodes().get(0).signs()).containsExactly(AssociatedSign.MUSCLE_WEAKNESS);
      assertThat(result.resourcesMapped()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource({
      "26544005, MUSCLE_WEAKNESS",
      "713514005, MUSCLE_WEAKNESS",
      "88092000, MUSCLE_WASTING",
      "82470000, FASCICULATIONS",
      "80068009, SWELLING",
      "449707004, SWELLING",
      "247441003, REDNESS_WARMTH",
      "309521004, NUMBNESS_TINGLING",
      "309086004, NUMBNESS_TINGLING",
      "63491006, PAIN_ON_WALKING_EASES_WITH_REST",
    })
    void import_signCodes_mapToTheKnowledgeBaseSign(String code, AssociatedSign sign) {
      ImportResult result = importing(cramp("o1"), finding("f1", code, "2026-11-20T02:03:00Z"));

      assertThat(result.episodes().get(0).signs()).containsExactly(sign);
    }

    @Test
    void import_signAsSymptomValue_isRead() {
      Observation sign = finding("f1", "x", "2026-11-20T09:00:00Z");
      sign.setCode(concept(CodeSystems.LOINC, "75325-1"));
      sign.setValue(concept(CodeSystems.SNOMED_CT, "82470000"));

      assertThat(importing(cramp("o1"), sign).episodes().get(0).signs())
          .containsExactly(AssociatedSign.FASCICULATIONS);
    }

    @Test
    void import_findingOnAnotherDay_belongsToThePatientNotTheEpisode() {
      ImportResult result =
          importing(cramp("o1"), finding("w1", "26544005", "2026-11-18T15:00:00Z"));

      assertThat(result.episodes().get(0).signs()).isEmpty();
      assertThat(warnings(result)).isEmpty();
      assertThat(result.patient().findings())
          .singleElement()
          .satisfies(f -> assertThat(f.id()).isEqualTo("Observation/w1"));
      assertThat(information(result))
          .contains(
              "Observation/w1: the sign 'muscle-weakness' is on no cramp record's day: weighed as"
                  + " a finding of the patient's");
    }

    @Test
    void import_findingRecordedAbsent_isLeftOut() {
      Observation sign = finding("w1", "26544005", "2026-11-20T15:00:00Z");
      sign.setValue(new org.hl7.fhir.r4.model.BooleanType(false));

      ImportResult result = importing(cramp("o1"), sign);

      assertThat(result.episodes().get(0).signs()).isEmpty();
      assertThat(information(result))
          .containsExactly("Observation/w1: valueBoolean false: the sign is recorded as absent");
    }

    @Test
    void import_activeConditionSinceBeforeTheEpisode_isAttached() {
      Condition atrophy = condition("c1", CodeSystems.SNOMED_CT, "88092000");
      atrophy.setOnset(new DateTimeType("2026-10-01"));

      ImportResult result = importing(cramp("o1"), atrophy);

      assertThat(result.episodes().get(0).signs()).containsExactly(AssociatedSign.MUSCLE_WASTING);
      assertThat(result.patient().conditions()).isEmpty();
    }

    @Test
    void import_conditionWithOnsetAfterTheEpisode_isAFindingOfThePatients() {
      Condition weakness = condition("c1", CodeSystems.ICD_10_CM, "M62.81");
      weakness.setOnset(new DateTimeType("2026-11-21"));

      ImportResult result = importing(cramp("o1"), weakness);

      assertThat(warnings(result)).isEmpty();
      assertThat(result.episodes().get(0).signs()).isEmpty();
      assertThat(result.patient().findings())
          .singleElement()
          .satisfies(f -> assertThat(f.sign()).isEqualTo(AssociatedSign.MUSCLE_WEAKNESS));
    }

    @Test
    void import_signWithoutEpisodes_isStillAFindingOfThePatients() {
      ImportResult result = importing(condition("c1", CodeSystems.ICD_10_CM, "R25.3"));

      assertThat(result.resourcesNotUsed()).isZero();
      assertThat(result.patient().findings())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.sign()).isEqualTo(AssociatedSign.FASCICULATIONS);
                assertThat(f.ongoing()).isTrue();
              });
    }
  }

  @Nested
  class Labs {
    @Test
    void import_serumPotassiumWithRange_mapsValueUnitDateAndRange() {
      Observation k = lab("k1", "2823-3", "5.4", "mmol/L");
      k.addReferenceRange()
          .setLow(new Quantity().setValue(3.5).setCode("mmol/L"))
          .setHigh(new Quantity().setValue(5.5).setCode("mmol/L"));

      ImportResult result = importing(k);

      assertThat(result.patient().labs())
          .containsExactly(
              new LabResult(
                  "Observation/k1",
                  Analyte.POTASSIUM,
                  new BigDecimal("5.4"),
                  "mmol/L",
                  LocalDate.of(2026, 11, 1),
                  Optional.of(ReferenceRange.of(new BigDecimal("3.5"), new BigDecimal("5.5")))));
      assertThat(result.diagnostics()).hasSize(1);
    }

    @Test
    void import_unknownUnit_isReportedWithTheExpectedUnits() {
      ImportResult result = importing(lab("42", "2823-3", "4.0", "mg"));

      assertThat(result.patient().labs()).isEmpty();
      assertThat(warnings(result))
          .containsExactly(
              "Observation/42: valueQuantity.code 'mg' is not a unit of potassium; expected one of"
                  + " mmol/L, meq/L, mg/dL");
      assertThat(result.report().getIssueFirstRep().getCode().toCode()).isEqualTo("value");
    }

    @Test
    void import_unitOnlyInUnitText_isUsed() {
      Observation o = lab("na", "2951-2", "140", "mmol/L");
      o.getValueQuantity().setCode(null).setUnit("mEq/L");

      assertThat(importing(o).patient().labs().get(0).unit()).isEqualTo("meq/L");
    }

    @Test
    void import_noValue_isReported() {
      Observation o = lab("42", "2823-3", "4.0", "mmol/L");
      o.setValue(null);

      assertThat(warnings(importing(o))).containsExactly("Observation/42: no value");
    }

    @Test
    void import_stringValue_isReported() {
      Observation o = lab("42", "2823-3", "4.0", "mmol/L");
      o.setValue(new StringType("normal"));

      assertThat(warnings(importing(o)))
          .containsExactly("Observation/42: value[x] is a string; expected a valueQuantity");
    }

    @Test
    void import_censoredValue_isReadAsABound() {
      Observation o = lab("42", "2157-6", "20000", "U/L");
      o.getValueQuantity().setComparator(Quantity.QuantityComparator.GREATER_THAN);

      ImportResult result = importing(o);

      assertThat(result.patient().labs())
          .singleElement()
          .satisfies(lab -> assertThat(lab.censoring()).contains(Censoring.ABOVE));
      assertThat(information(result))
          .contains(
              "Observation/42: censored value '>20000': read as a bound, evidence in its"
                  + " direction");
    }

    @Test
    void import_impossiblePotassium_isAConflictAndNotUsed() {
      ImportResult result = importing(lab("42", "2823-3", "31", "mmol/L"));

      assertThat(result.patient().labs()).isEmpty();
      assertThat(warnings(result))
          .containsExactly(
              "Observation/42: potassium 31 mmol/L is not a possible result (a unit or typing"
                  + " error?): not used, so it neither reassures nor alarms; check the record");
    }

    @Test
    void import_flagThatDisagreesWithTheRange_isAConflictAndTheRangeDecides() {
      Observation k = lab("42", "2823-3", "4.2", "mmol/L");
      k.addReferenceRange()
          .setLow(new Quantity().setValue(3.5).setCode("mmol/L"))
          .setHigh(new Quantity().setValue(5.1).setCode("mmol/L"));
      k.addInterpretation(
          concept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "L"));

      ImportResult result = importing(k);

      assertThat(result.patient().labs())
          .singleElement()
          .satisfies(lab -> assertThat(lab.flag()).contains(LabFlag.LOW));
      assertThat(warnings(result))
          .containsExactly(
              "Observation/42: the lab's flag 'L' says low but the value against its range is"
                  + " normal: the range is used; check the record");
    }

    @Test
    void import_rangeOnlyAsText_isNotedAndTheFlagIsKept() {
      Observation ck = lab("42", "2157-6", "15400", "U/L");
      ck.addReferenceRange().setText("30-200 U/L");
      ck.addInterpretation(
          concept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "HH"));

      ImportResult result = importing(ck);

      assertThat(result.patient().labs())
          .singleElement()
          .satisfies(
              lab -> {
                assertThat(lab.referenceRange()).isEmpty();
                assertThat(lab.flag()).contains(LabFlag.CRITICAL_HIGH);
              });
      assertThat(information(result))
          .contains(
              "Observation/42: the reference range is given only as text, unusable as a number:"
                  + " the lab's flag 'HH' is used");
    }

    @Test
    void import_staleLab_isPassedOnWithANote() {
      Observation o = lab("old", "2823-3", "3.1", "mmol/L");
      o.setEffective(new DateTimeType("2020-01-01T08:00:00Z"));

      ImportResult result = importing(o);

      assertThat(result.patient().labs()).hasSize(1);
      assertThat(result.resourcesMapped()).isEqualTo(2);
      assertThat(result.resourcesNotUsed()).isZero();
      assertThat(information(result))
          .containsExactly(
              "Observation/old: dated more than P12M before 2026-11-21: passed on, and the"
                  + " assessment lists it as unused (not current evidence)");
    }

    @Test
    void withLabMaxAge_shorterLimit_notesLabsOlderThanIt() {
      Observation o = lab("k", "2823-3", "4.1", "mmol/L");

      ImportResult result =
          IMPORTER
              .withLabMaxAge(java.time.Period.ofDays(7))
              .importResources(List.of(patient(), o), AS_OF);

      assertThat(information(result))
          .containsExactly(
              "Observation/k: dated more than P7D before 2026-11-21: passed on, and the assessment"
                  + " lists it as unused (not current evidence)");
    }

    @ParameterizedTest
    @CsvSource({
      "PRELIMINARY, 'Observation/42: status ''preliminary'' is not final, amended or corrected;"
          + " only those are used'",
      "ENTEREDINERROR, 'Observation/42: status ''entered-in-error'': the result does not exist;"
          + " ignored'",
      "CANCELLED, 'Observation/42: status ''cancelled'': the result does not exist; ignored'",
    })
    void import_unusableStatus_isLeftOutAndReported(
        Observation.ObservationStatus status, String message) {
      Observation o = lab("42", "2823-3", "4.0", "mmol/L");
      o.setStatus(status);

      ImportResult result = importing(o);

      assertThat(result.patient().labs()).isEmpty();
      assertThat(information(result)).containsExactly(message);
      assertThat(result.resourcesNotUsed()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"AMENDED", "CORRECTED", "FINAL"})
    void import_finalAmendedCorrected_areUsed(Observation.ObservationStatus status) {
      Observation o = lab("42", "2823-3", "4.0", "mmol/L");
      o.setStatus(status);

      assertThat(importing(o).patient().labs()).hasSize(1);
    }

    @Test
    void import_rangeInAnotherUnitOfTheAnalyte_isConverted() {
      Observation ca = lab("ca", "2000-8", "2.3", "mmol/L");
      ca.addReferenceRange()
          .setLow(new Quantity().setValue(8.5).setCode("mg/dL"))
          .setHigh(new Quantity().setValue(10.2).setCode("mg/dL"));

      ImportResult result = importing(ca);

      assertThat(result.patient().labs().get(0).referenceRange())
          .contains(ReferenceRange.of(new BigDecimal("2.1208"), new BigDecimal("2.5449")));
      assertThat(information(result))
          .containsExactly(
              "Observation/ca: referenceRange[0].low converted from mg/dL to the result's unit"
                  + " mmol/L",
              "Observation/ca: referenceRange[0].high converted from mg/dL to the result's unit"
                  + " mmol/L");
    }

    @Test
    void import_rangeInAForeignUnit_isReportedAndTheLabPassedOnWithoutIt() {
      Observation k = lab("k", "2823-3", "4.0", "mmol/L");
      k.addReferenceRange()
          .setLow(new Quantity().setValue(3.5).setCode("g/L"))
          .setHigh(new Quantity().setValue(5.5).setCode("g/L"));

      ImportResult result = importing(k);

      assertThat(result.patient().labs().get(0).referenceRange()).isEmpty();
      assertThat(information(result))
          .containsExactly(
              "Observation/k: referenceRange[0].low.code 'g/L' is not a unit of potassium; range"
                  + " not used, lab passed on without it");
    }

    @Test
    void import_rangeLowAboveHigh_isReportedAndDropped() {
      Observation k = lab("k", "2823-3", "4.0", "mmol/L");
      k.addReferenceRange()
          .setLow(new Quantity().setValue(5.5).setCode("mmol/L"))
          .setHigh(new Quantity().setValue(3.5).setCode("mmol/L"));

      ImportResult result = importing(k);

      assertThat(result.patient().labs().get(0).referenceRange()).isEmpty();
      assertThat(information(result))
          .containsExactly(
              "Observation/k: referenceRange[0]: referenceRange.low 5.5 must not be above"
                  + " referenceRange.high 3.5; range not used, lab passed on without it");
    }

    @Test
    void import_negativeValue_isReported() {
      assertThat(warnings(importing(lab("k", "2823-3", "-1", "mmol/L"))))
          .containsExactly("Observation/k: valueQuantity.value must not be negative for potassium");
    }

    @Test
    void import_labWithoutDate_isReported() {
      Observation o = lab("k", "2823-3", "4.0", "mmol/L");
      o.setEffective(null);

      assertThat(warnings(importing(o)))
          .containsExactly(
              "Observation/k: effective[x] is missing or not a valid date; a lab needs the date"
                  + " the specimen was taken");
    }

    @Test
    void import_dateWithoutZone_isTakenAsUtcRegardlessOfTheDefaultZone() {
      Observation o = lab("k", "2823-3", "4.0", "mmol/L");
      o.setEffective(new DateTimeType("2026-11-01"));

      assertThat(importing(o).patient().labs().get(0).date()).isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void import_unknownLoinc_isIrrelevant() {
      ImportResult result = importing(lab("bmi", "39156-5", "30", "kg/m2"));

      assertThat(result.patient().labs()).isEmpty();
      assertThat(result.resourcesIrrelevant()).isEqualTo(1);
      assertThat(result.diagnostics()).hasSize(1);
    }

    @Test
    void import_pregnancyStatusObservation_isReportedAsAKnowledgeBaseGap() {
      Observation o = lab("preg", "82810-3", "1", "1");
      o.setValue(concept(CodeSystems.SNOMED_CT, "77386006"));

      ImportResult result = importing(o);

      assertThat(result.patient().pregnant()).isFalse();
      assertThat(information(result))
          .containsExactly(
              "Observation/preg: pregnancy status (LOINC 82810-3) is not verified in the knowledge"
                  + " base; pregnancy is read only from active Conditions 77386006 or 72892002");
    }
  }

  @Nested
  class Conditions {
    @ParameterizedTest
    @CsvSource({
      "http://snomed.info/sct, 73211009, DIABETES",
      "http://snomed.info/sct, 44054006, DIABETES",
      "http://snomed.info/sct, 127013003, DIABETES",
      "http://snomed.info/sct, 386033004, NEUROPATHY",
      "http://snomed.info/sct, 368581000119106, NEUROPATHY",
      "http://snomed.info/sct, 40930008, HYPOTHYROIDISM",
      "http://snomed.info/sct, 83664006, HYPOTHYROIDISM",
      "http://hl7.org/fhir/sid/icd-10-cm, E03.9, HYPOTHYROIDISM",
      "http://snomed.info/sct, 709044004, CHRONIC_KIDNEY_DISEASE",
      "http://hl7.org/fhir/sid/icd-10-cm, N18.9, CHRONIC_KIDNEY_DISEASE",
      "http://snomed.info/sct, 84114007, HEART_FAILURE",
      "http://snomed.info/sct, 42343007, HEART_FAILURE",
      "http://snomed.info/sct, 88805009, HEART_FAILURE",
      "http://hl7.org/fhir/sid/icd-10-cm, I50.9, HEART_FAILURE",
      "http://snomed.info/sct, 399957001, PERIPHERAL_ARTERY_DISEASE",
      "http://snomed.info/sct, 400047006, PERIPHERAL_ARTERY_DISEASE",
      "http://hl7.org/fhir/sid/icd-10-cm, I73.9, PERIPHERAL_ARTERY_DISEASE",
      "http://snomed.info/sct, 69896004, RHEUMATOID_ARTHRITIS",
      "http://snomed.info/sct, 57406009, CARPAL_TUNNEL_SYNDROME",
      "http://hl7.org/fhir/sid/icd-10-cm, G56.01, CARPAL_TUNNEL_SYNDROME",
      "http://snomed.info/sct, 19943007, CIRRHOSIS",
      "http://snomed.info/sct, 15167005, ALCOHOL_MISUSE",
      "http://snomed.info/sct, 66590003, ALCOHOL_MISUSE",
      "http://snomed.info/sct, 10939881000119105, ALCOHOL_MISUSE",
      "http://hl7.org/fhir/sid/icd-10-cm, F10.10, ALCOHOL_MISUSE",
    })
    void import_knowledgeBaseCode_mapsToConditionKind(
        String system, String code, ConditionKind kind) {
      ImportResult result = importing(condition("c1", system, code));

      assertThat(result.patient().conditions())
          .containsExactly(org.crampcare.patient.Condition.of("Condition/c1", kind));
    }

    /** Each member was checked in medtrack-io/icd_code lib/codes/codes_i50.ex etc. (4c625733). */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
      "I50.22, HEART_FAILURE",
      "I50.1, HEART_FAILURE",
      "I5022, HEART_FAILURE",
      "i50.22, HEART_FAILURE",
      "I11.0, HEART_FAILURE",
      "I13.0, HEART_FAILURE",
      "E11.9, DIABETES",
      "E10.9, DIABETES",
      "E13.9, DIABETES",
      "I82.401, DEEP_VEIN_THROMBOSIS",
      "I82.502, DEEP_VEIN_THROMBOSIS",
      "E03.8, HYPOTHYROIDISM",
      "E02, HYPOTHYROIDISM",
      "E89.0, HYPOTHYROIDISM",
      "M05.79, RHEUMATOID_ARTHRITIS",
      "M06.9, RHEUMATOID_ARTHRITIS",
      "I70.211, PERIPHERAL_ARTERY_DISEASE",
      "F10.20, ALCOHOL_MISUSE",
      "K74.60, CIRRHOSIS",
    })
    void import_icd10cmFamilyMember_mapsToItsConditionKindWithANote(
        String code, ConditionKind kind) {
      ImportResult result = importing(condition("c1", CodeSystems.ICD_10_CM, code));

      assertThat(result.patient().conditions())
          .containsExactly(org.crampcare.patient.Condition.of("Condition/c1", kind));
      assertThat(information(result)).anyMatch(d -> d.contains("read by its family"));
    }

    @ParameterizedTest(name = "{0} is {1} and {2}")
    @CsvSource({
      "E11.40, DIABETES, NEUROPATHY",
      "K70.30, CIRRHOSIS, ALCOHOL_MISUSE",
    })
    void import_icd10cmCodeNamingTwoConditions_givesBoth(
        String code, ConditionKind first, ConditionKind second) {
      ImportResult result = importing(condition("c1", CodeSystems.ICD_10_CM, code));

      assertThat(result.patient().conditions())
          .extracting(org.crampcare.patient.Condition::kind)
          .containsExactly(first, second);
    }

    @ParameterizedTest
    @CsvSource({"Z33.1", "Z3A.28", "O26.893", "O00.00"})
    void import_pregnancyFamily_marksThePatientPregnant(String code) {
      assertThat(importing(condition("c1", CodeSystems.ICD_10_CM, code)).patient().pregnant())
          .isTrue();
    }

    @Test
    void import_pregnancyCodeForAMalePatient_isAConflictAndNotPregnant() {
      org.hl7.fhir.r4.model.Patient man = InboundTestData.patient();
      man.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE);

      ImportResult result =
          IMPORTER.importResources(
              List.of(man, condition("c1", CodeSystems.ICD_10_CM, "Z33.1")), AS_OF);

      assertThat(result.patient().pregnant()).isFalse();
      assertThat(warnings(result))
          .containsExactly(
              "Condition/c1: a pregnancy code on a patient whose sex is male: not read as pregnant"
                  + " (the safe reading keeps medication advice); check the record");
    }

    @ParameterizedTest
    @CsvSource({
      "http://snomed.info/sct, 431855005, 1",
      "http://snomed.info/sct, 431856006, 2",
      "http://snomed.info/sct, 433144002, 3",
      "http://snomed.info/sct, 431857002, 4",
      "http://snomed.info/sct, 46177005, 5",
      "http://hl7.org/fhir/sid/icd-10-cm, N18.1, 1",
      "http://hl7.org/fhir/sid/icd-10-cm, N18.2, 2",
      "http://hl7.org/fhir/sid/icd-10-cm, N18.3, 3",
      "http://hl7.org/fhir/sid/icd-10-cm, N18.30, 3",
      "http://hl7.org/fhir/sid/icd-10-cm, N18.4, 4",
      "http://hl7.org/fhir/sid/icd-10-cm, N18.5, 5",
      "http://hl7.org/fhir/sid/icd-10-cm, N18.6, 5",
    })
    void import_ckdCode_mapsTheStage(String system, String code, int stage) {
      assertThat(importing(condition("c1", system, code)).patient().conditions())
          .containsExactly(org.crampcare.patient.Condition.ckd("Condition/c1", stage));
    }

    @Test
    void import_dialysisZ992_mapsWithANoteThatTheCodeIsUnverified() {
      ImportResult result = importing(condition("d", CodeSystems.ICD_10_CM, "Z99.2"));

      assertThat(result.patient().has(ConditionKind.DIALYSIS)).isTrue();
      assertThat(information(result))
          .containsExactly(
              "Condition/d: ICD-10-CM Z99.2 is UNVERIFIED in the knowledge base (section E);"
                  + " mapped to dialysis until a terminologist checks it");
    }

    @ParameterizedTest
    @CsvSource({"77386006", "72892002"})
    void import_activePregnancy_setsPregnant(String code) {
      ImportResult result = importing(condition("preg", CodeSystems.SNOMED_CT, code));

      assertThat(result.patient().pregnant()).isTrue();
      assertThat(result.resourcesMapped()).isEqualTo(2);
    }

    @Test
    void import_resolvedPregnancy_isLeftOut() {
      Condition c = condition("preg", CodeSystems.SNOMED_CT, "72892002");
      c.setClinicalStatus(concept(ConditionReader.CLINICAL_STATUS, "resolved"));

      ImportResult result = importing(c);

      assertThat(result.patient().pregnant()).isFalse();
      assertThat(information(result))
          .containsExactly(
              "Condition/preg: clinicalStatus 'resolved' is not active; only active conditions are"
                  + " used");
    }

    @ParameterizedTest
    @CsvSource({"refuted", "entered-in-error"})
    void import_refutedOrInError_isLeftOut(String verification) {
      Condition c = condition("c1", CodeSystems.SNOMED_CT, "84114007");
      c.setClinicalStatus(null);
      c.setVerificationStatus(concept(ConditionReader.VERIFICATION_STATUS, verification));

      ImportResult result = importing(c);

      assertThat(result.patient().conditions()).isEmpty();
      assertThat(information(result))
          .containsExactly("Condition/c1: verificationStatus '" + verification + "': ignored");
    }

    @Test
    void import_activeAndRefuted_isAConflictAndTheSafeReadingCountsIt() {
      Condition c = condition("c1", CodeSystems.SNOMED_CT, "84114007");
      c.setVerificationStatus(concept(ConditionReader.VERIFICATION_STATUS, "refuted"));

      ImportResult result = importing(c);

      assertThat(result.patient().conditions()).hasSize(1);
      assertThat(warnings(result))
          .containsExactly(
              "Condition/c1: clinicalStatus 'active' conflicts with verificationStatus 'refuted':"
                  + " counted as active, the safe reading (advice is only ever more cautious for"
                  + " it); check the record");
    }

    @Test
    void import_noClinicalStatus_isTakenAsActiveWithANote() {
      Condition c = condition("c1", CodeSystems.SNOMED_CT, "84114007");
      c.setClinicalStatus(null);

      ImportResult result = importing(c);

      assertThat(result.patient().conditions()).hasSize(1);
      assertThat(information(result))
          .containsExactly("Condition/c1: clinicalStatus is missing; taken as active");
    }

    @Test
    void import_crampAsCondition_isOneEpisodeWithItsOnset() {
      Condition c = condition("c1", CodeSystems.ICD_10_CM, "G47.62");
      c.setOnset(new DateTimeType("2026-11-19T23:10:00-05:00"));

      ImportResult result = importing(c);

      assertThat(result.episodes())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.atNight()).isTrue();
                assertThat(e.severity()).isEmpty();
                assertThat(e.localDate()).isEqualTo(java.time.LocalDate.of(2026, 11, 19));
              });
      assertThat(result.crampRecords()).isEqualTo(new ImportResult.CrampRecords(1, 1, 0, 0));
    }

    @Test
    void import_relevantCodeWithoutCoreKind_isReportedNotSupported() {
      ImportResult result = importing(condition("c1", CodeSystems.SNOMED_CT, "43339004"));

      assertThat(result.report().getIssueFirstRep().getCode().toCode()).isEqualTo("not-supported");
      assertThat(information(result))
          .containsExactly(
              "Condition/c1: code 43339004 (Hypokalemia) is relevant to cramps but the core model"
                  + " has no place for it yet");
    }

    @Test
    void import_unknownCode_isIrrelevantAndNotListed() {
      ImportResult result = importing(condition("c1", CodeSystems.SNOMED_CT, "38341003"));

      assertThat(result.patient().conditions()).isEmpty();
      assertThat(result.resourcesIrrelevant()).isEqualTo(1);
      assertThat(result.diagnostics()).hasSize(1);
    }
  }

  @Nested
  class Medications {
    @ParameterizedTest
    @CsvSource({
      "http://www.nlm.nih.gov/research/umls/rxnorm, 4603, Lasix, LOOP_DIURETIC, RXNORM_INGREDIENT,"
          + " 4603",
      "http://www.nlm.nih.gov/research/umls/rxnorm, 36567, x, STATIN, RXNORM_INGREDIENT, 36567",
      "http://www.nlm.nih.gov/research/umls/rxnorm, 435, x, BETA2_AGONIST, RXNORM_INGREDIENT, 435",
      "http://www.nlm.nih.gov/research/umls/rxnorm, 9071, x, QUININE, RXNORM_INGREDIENT, 9071",
      "http://www.nlm.nih.gov/research/umls/rxnorm, 310798, x, THIAZIDE_DIURETIC,"
          + " RXNORM_CLINICAL_DRUG, 310798",
      "http://www.nlm.nih.gov/research/umls/rxnorm, 316672, Simvistatin 10 MG, STATIN,"
          + " RXNORM_CLINICAL_DRUG, 316672",
      "http://www.nlm.nih.gov/research/umls/rxnorm, 617312, x, STATIN, RXNORM_CLINICAL_DRUG,"
          + " 617312",
      "http://www.nlm.nih.gov/research/umls/rxnorm, 198014, x, NAPROXEN, RXNORM_CLINICAL_DRUG,"
          + " 198014",
      "http://www.nlm.nih.gov/research/umls/rxnorm, 351137, x, BETA2_AGONIST,"
          + " RXNORM_CLINICAL_DRUG, 351137",
      "http://www.whocc.no/atc, C03CA02, x, LOOP_DIURETIC, ATC_CLASS, C03CA02",
      "http://www.whocc.no/atc, C03BA11, x, THIAZIDE_DIURETIC, ATC_CLASS, C03BA11",
      "http://www.whocc.no/atc, C08CA05, x, DIHYDROPYRIDINE_CCB, ATC_CLASS, C08CA05",
      "http://www.whocc.no/atc, A06AB02, x, LAXATIVE, ATC_CLASS, A06AB02",
      "http://www.whocc.no/atc, G03XC01, x, RALOXIFENE, ATC_CLASS, G03XC01",
      "http://www.whocc.no/atc, B03AC, x, IV_IRON, ATC_CLASS, B03AC",
      "http://www.nlm.nih.gov/research/umls/rxnorm, 316049, Hydrochlorothiazide 25 MG,"
          + " THIAZIDE_DIURETIC, INGREDIENT_NAME, hydrochlorothiazide",
      "http://www.nlm.nih.gov/research/umls/rxnorm, 1719286, 10 ML Furosemide 10 MG/ML Injection,"
          + " LOOP_DIURETIC, INGREDIENT_NAME, furosemide",
      "'', '', Torsemide 20 mg tablet, LOOP_DIURETIC, INGREDIENT_NAME, torsemide",
      "'', '', Chlorthalidone 25 MG, THIAZIDE_DIURETIC, INGREDIENT_NAME, chlorthalidone",
      "'', '', Salbutamol inhaler, BETA2_AGONIST, INGREDIENT_NAME, salbutamol",
      "'', '', NIFEDIPINE 30 MG, DIHYDROPYRIDINE_CCB, INGREDIENT_NAME, nifedipine",
      "'', '', Iron sucrose 20 MG/ML, IV_IRON, INGREDIENT_NAME, iron sucrose",
      "'', '', Conjugated Estrogens 0.625 MG, CONJUGATED_ESTROGENS, INGREDIENT_NAME, conjugated"
          + " estrogens",
      "'', '', Magnesium chloride 64 MG, MAGNESIUM_SUPPLEMENT, INGREDIENT_NAME, magnesium"
          + " supplement",
      "'', '', Amlodipine 5 MG Oral Tablet, DIHYDROPYRIDINE_CCB, INGREDIENT_NAME, amlodipine",
      "'', '', Felodipine 5 MG, DIHYDROPYRIDINE_CCB, INGREDIENT_NAME, felodipine",
      "'', '', Fluvastatin 40 MG, STATIN, INGREDIENT_NAME, fluvastatin",
      "'', '', Lasix 40mg, LOOP_DIURETIC, BRAND_NAME, Lasix",
      "'', '', LIPITOR 20 MG, STATIN, BRAND_NAME, Lipitor",
      "'', '', Ventolin HFA inhaler, BETA2_AGONIST, BRAND_NAME, Ventolin",
      "http://www.whocc.no/atc, C08CA01, Norvasc, DIHYDROPYRIDINE_CCB, ATC_CLASS, C08CA01",
      "'', '', teriparatide pen, TERIPARATIDE, INGREDIENT_NAME, teriparatide",
    })
    void import_medication_isMatchedInTheKnowledgeBaseOrder(
        String system,
        String code,
        String text,
        MedicationClass medicationClass,
        ImportResult.MatchMethod method,
        String matched) {
      ImportResult result = importing(prescription("m1", system, code, text));

      assertThat(result.patient().medications())
          .containsExactly(new Medication("MedicationRequest/m1", medicationClass, text));
      assertThat(result.medicationMatches())
          .containsExactly(
              new ImportResult.MedicationMatch(
                  "MedicationRequest/m1", medicationClass, method, matched));
    }

    @Test
    void import_match_isNotedInTheReport() {
      ImportResult result =
          importing(prescription("m1", CodeSystems.RXNORM, "316672", "Simvistatin 10 MG"));

      assertThat(information(result))
          .containsExactly(
              "MedicationRequest/m1: recognised as statin by RxNorm clinical drug '316672'");
    }

    @Test
    void import_combinationProduct_countsEveryIngredient() {
      ImportResult result =
          importing(prescription("m1", "", "", "Amlodipine 5 MG / Atorvastatin 10 MG Oral Tablet"));

      assertThat(result.patient().medications())
          .extracting(Medication::medicationClass)
          .containsExactly(MedicationClass.DIHYDROPYRIDINE_CCB, MedicationClass.STATIN);
    }

    @Test
    void import_milkOfMagnesia_isALaxativeOrAntacidNotASupplement() {
      ImportResult result = importing(prescription("m1", "", "", "Milk of Magnesia 400 MG/5ML"));

      assertThat(result.patient().medications()).isEmpty();
      assertThat(information(result))
          .containsExactly(
              "MedicationRequest/m1: 'Milk of Magnesia 400 MG/5ML' is a magnesium laxative or"
                  + " antacid (ATC A06AD, A02AA), not a magnesium supplement");
    }

    @Test
    void import_magnesiumOxideWithoutItsUse_isReportedNotGuessed() {
      ImportResult result = importing(prescription("m1", "", "", "Magnesium oxide 400 MG"));

      assertThat(result.patient().medications()).isEmpty();
      assertThat(warnings(result))
          .containsExactly(
              "MedicationRequest/m1: 'Magnesium oxide 400 MG' names magnesium, but not whether it"
                  + " is a supplement (A12CC), a laxative (A06AD) or an antacid (A02AA): not"
                  + " guessed; an ATC code would settle it");
    }

    @ParameterizedTest
    @CsvSource({
      "Hydroxychloroquine 200 MG",
      "Metformin 500 MG",
    })
    void import_drugTheKnowledgeBaseDoesNotList_isIrrelevant(String text) {
      ImportResult result = importing(prescription("m1", CodeSystems.RXNORM, "999999", text));

      assertThat(result.patient().medications()).isEmpty();
      assertThat(result.resourcesIrrelevant()).isEqualTo(1);
      assertThat(result.diagnostics()).hasSize(1);
    }

    @Test
    void import_containedMedication_isResolved() {
      MedicationRequest request = prescription("m1", CodeSystems.RXNORM, "", "");
      org.hl7.fhir.r4.model.Medication medication = new org.hl7.fhir.r4.model.Medication();
      medication.setId("med");
      medication.addIngredient().setItem(concept(CodeSystems.RXNORM, "83367"));
      request.addContained(medication);
      request.setMedication(new Reference("#med"));

      ImportResult result = importing(request);

      assertThat(result.medicationMatches())
          .containsExactly(
              new ImportResult.MedicationMatch(
                  "MedicationRequest/m1",
                  MedicationClass.STATIN,
                  ImportResult.MatchMethod.RXNORM_INGREDIENT,
                  "83367"));
    }

    @Test
    void import_medicationInTheInputByTypeAndId_isResolvedAndCountedMapped() {
      org.hl7.fhir.r4.model.Medication medication = new org.hl7.fhir.r4.model.Medication();
      medication.setId("med");
      medication.setCode(concept(CodeSystems.ATC, "C10AA05"));
      MedicationRequest request = prescription("m1", CodeSystems.RXNORM, "", "");
      request.setMedication(new Reference("Medication/med"));

      ImportResult result = importing(request, medication);

      assertThat(result.patient().medications())
          .containsExactly(
              new Medication("MedicationRequest/m1", MedicationClass.STATIN, "C10AA05"));
      assertThat(result.resourcesMapped()).isEqualTo(3);
    }

    @Test
    void import_unresolvableMedicationReference_isReported() {
      MedicationRequest request = prescription("m1", CodeSystems.RXNORM, "", "");
      request.setMedication(new Reference("Medication/missing"));

      assertThat(warnings(importing(request)))
          .containsExactly(
              "MedicationRequest/m1: medicationReference 'Medication/missing' does not resolve to a"
                  + " Medication in the input or contained in the resource; what was prescribed"
                  + " cannot be told");
    }

    @Test
    void import_stoppedStatin_isLeftOutAndReported() {
      MedicationRequest request =
          prescription("m1", CodeSystems.RXNORM, "316672", "Simvistatin 10 MG");
      request.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);

      ImportResult result = importing(request);

      assertThat(result.patient().medications()).isEmpty();
      assertThat(information(result))
          .containsExactly(
              "MedicationRequest/m1: status 'stopped' is not active; only active medications are"
                  + " used (statin)");
    }

    @Test
    void import_activeMedicationStatement_isUsed() {
      MedicationStatement statement = new MedicationStatement();
      statement.setId("s1");
      statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
      statement.setMedication(new CodeableConcept().setText("Furosemide 40 mg"));
      statement.setSubject(InboundTestData.subject());

      assertThat(importing(statement).patient().medications())
          .containsExactly(
              new Medication(
                  "MedicationStatement/s1", MedicationClass.LOOP_DIURETIC, "Furosemide 40 mg"));
    }

    @Test
    void import_enteredInErrorStatement_isIgnoredAndReported() {
      MedicationStatement statement = new MedicationStatement();
      statement.setId("s1");
      statement.setStatus(MedicationStatement.MedicationStatementStatus.ENTEREDINERROR);
      statement.setMedication(new CodeableConcept().setText("Furosemide 40 mg"));

      assertThat(information(importing(statement)))
          .containsExactly("MedicationStatement/s1: status 'entered-in-error': ignored");
    }
  }

  @Test
  void import_sameInputTwice_givesEqualResults() {
    Observation k = lab("k", "2823-3", "3.1", "mmol/L");

    assertThat(importing(cramp("o1"), k, finding("f", "80068009", "2026-11-20T02:01:00Z")))
        .isEqualTo(importing(cramp("o1"), k, finding("f", "80068009", "2026-11-20T02:01:00Z")));
  }

  @Test
  void import_intoTheAssessor_givesAnAssessment() {
    ImportResult result = importing(cramp("o1"), lab("k", "2823-3", "3.1", "mmol/L"));

    org.crampcare.recommendation.Assessment assessment =
        org.crampcare.recommendation.Assessor.withBuiltInRules()
            .assess(result.patient(), result.episodes(), AS_OF);

    assertThat(assessment.patientId()).contains("p1");
  }
}
