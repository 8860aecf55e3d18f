package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crampcare.fhir.InboundTestData.AS_OF;
import static org.crampcare.fhir.InboundTestData.CTX;
import static org.crampcare.fhir.InboundTestData.IMPORTER;
import static org.crampcare.fhir.InboundTestData.information;
import static org.crampcare.fhir.InboundTestData.warnings;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Setting;
import org.crampcare.fhir.ImportResult.MatchMethod;
import org.crampcare.fhir.ImportResult.MedicationMatch;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabFlag;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.patient.Condition;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.Sex;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.crampcare.terminology.CodeSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The importer over the real third-party data in {@code shared/fixtures/fhir} (Synthea via SMART,
 * Inferno US Core, HL7 examples; see its SOURCES.md). The files are read in place, never copied;
 * the tests skip when the folder is not there.
 */
class FixtureImportTest {
  private static final String SMART = "bundles/smart-generated-sample-data/";
  private static final String DENNIS =
      SMART + "Dennis_Durgan_78f005f3-7b33-4a5b-84d9-28417b36dbab.json";
  private static final String EMERY =
      SMART + "Emery_Purdy_298c62e6-b204-4a14-8e21-73d5be0ce22e.json";
  private static final String LOUIE =
      SMART + "Louie_Jast_14802fb7-f613-4c4f-816a-e92b7b144788.json";
  private static final String HERSHEL =
      SMART + "Hershel_Marvin_71a7f9d4-45b7-481b-b571-7ee0caca6e2a.json";
  private static final String INFERNO =
      "bundles/inferno-reference-server-data/uscore_bundle_patient_client_test.json";

  static Path folder() {
    Optional<Path> folder = InboundTestData.fixtures();
    assumeTrue(
        folder.isPresent(),
        "shared/fixtures/fhir not found above the working directory: fixture tests skipped");
    return folder.get();
  }

  static String read(String relative) {
    Path file = folder().resolve(relative);
    assumeTrue(Files.isRegularFile(file), "fixture " + relative + " not found: test skipped");
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot read fixture " + file, e);
    }
  }

  /** Imports a bundle file, keeping the server ids. */
  static ImportResult importBundle(String relative) {
    return IMPORTER.importJson(read(relative), AS_OF);
  }

  /** Imports a single example resource together with a Patient it can refer to. */
  static ImportResult importExample(String relative) {
    Resource resource = (Resource) CTX.newJsonParser().parseResource(read(relative));
    org.hl7.fhir.r4.model.Patient patient = InboundTestData.patient();
    patient.setId("example");
    return IMPORTER.importResources(List.of(patient, resource), AS_OF);
  }

  static Stream<String> allFiles() throws IOException {
    Optional<Path> folder = InboundTestData.fixtures();
    if (folder.isEmpty()) {
      return Stream.of("(shared/fixtures/fhir not found)");
    }
    try (Stream<Path> files = Files.walk(folder.get())) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .map(p -> folder.get().relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("allFiles")
  void everyFixture_parsesAndMaps_withEveryResourceAccountedFor(String relative) {
    ImportResult result =
        relative.startsWith("bundles/") ? importBundle(relative) : importExample(relative);

    assertThat(result.resourcesRead())
        .isEqualTo(
            result.resourcesMapped() + result.resourcesNotUsed() + result.resourcesIrrelevant());
    assertThat(result.resourcesMapped()).isPositive();
    assertThat(result.diagnostics())
        .allSatisfy(d -> assertThat(d).matches("^(read \\d+ resources: |[A-Z][A-Za-z]+/\\S+: ).*"));
    assertThat(result.diagnostics()).last().asString().startsWith("read ");
  }

  static Stream<String> recordBundles() throws IOException {
    List<String> bundles = allFiles().filter(f -> f.startsWith("bundles/")).toList();
    // Without the shared fixtures, one placeholder run that skips (as allFiles does).
    return bundles.isEmpty() ? Stream.of("(shared/fixtures/fhir not found)") : bundles.stream();
  }

  /**
   * Real charts in: each full third-party record, with cramps added the way EHRs write them (a
   * flowsheet row with only a timestamp, the same row sent again, ICD-10-CM problem-list entries
   * dated by onset or by recordedDate), counts every cramp once and gets advice.
   */
  @ParameterizedTest
  @MethodSource("recordBundles")
  void everyRecord_withEhrShapedCrampsAdded_countsEachCrampOnceAndGetsAdvice(String relative) {
    folder();
    Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, read(relative));
    // Referenced as the record's own resources reference the Patient: by its entry's fullUrl.
    String patient =
        bundle.getEntry().stream()
            .filter(e -> e.getResource() instanceof org.hl7.fhir.r4.model.Patient)
            .findFirst()
            .orElseThrow()
            .getFullUrl();
    org.hl7.fhir.r4.model.Reference subject = new org.hl7.fhir.r4.model.Reference(patient);
    for (String id : List.of("flowsheet-1", "flowsheet-1-resent")) {
      org.hl7.fhir.r4.model.Observation row = InboundTestData.cramp(id);
      row.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-11-17T22:40:00-05:00"));
      row.getComponent().clear();
      row.addIdentifier().setSystem("urn:oid:1.2.3.4").setValue("row-88");
      row.setSubject(subject);
      bundle.addEntry().setFullUrl("Observation/" + id).setResource(row);
    }
    org.hl7.fhir.r4.model.Condition onset =
        InboundTestData.condition("cramp-dx", CodeSystems.ICD_10_CM, "R25.2");
    onset.setOnset(new org.hl7.fhir.r4.model.DateTimeType("2026-11-10"));
    onset.setSubject(subject);
    org.hl7.fhir.r4.model.Condition recorded =
        InboundTestData.condition("night-cramps", CodeSystems.ICD_10_CM, "G47.62");
    recorded.setRecordedDateElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-02T10:00:00Z"));
    recorded.setSubject(subject);
    bundle.addEntry().setFullUrl("Condition/cramp-dx").setResource(onset);
    bundle.addEntry().setFullUrl("Condition/night-cramps").setResource(recorded);

    ImportResult result = IMPORTER.importBundle(bundle, AS_OF);
    Assessment assessment =
        Assessor.withBuiltInRules().assess(result.patient(), result.episodes(), AS_OF);

    assertThat(result.crampRecords()).isEqualTo(new ImportResult.CrampRecords(4, 3, 1, 0));
    assertThat(assessment.patterns().episodeCount()).isEqualTo(3);
    assertThat(assessment.recommendationCodes()).contains("stretch-affected-muscle");
  }

  @Nested
  class DennisDurgan {
    @Test
    void hydrochlorothiazideFurosemideNaproxenAndHeartFailure_areFound() {
      ImportResult result = importBundle(DENNIS);

      assertThat(result.patient().id()).contains("0ac13d55-d566-450a-aea0-f6a71f1ad73b");
      assertThat(result.patient().birthDate()).isEqualTo(LocalDate.of(1949, 4, 19));
      assertThat(result.patient().sex()).isEqualTo(Sex.MALE);
      assertThat(result.medicationMatches())
          .containsExactly(
              new MedicationMatch(
                  "MedicationRequest/a2db663c-cde7-46fc-a61a-8dc5f2c21c8c",
                  MedicationClass.THIAZIDE_DIURETIC,
                  MatchMethod.INGREDIENT_NAME,
                  "hydrochlorothiazide"),
              new MedicationMatch(
                  "MedicationRequest/73306154-0462-4384-86cc-4b5a64602ad6",
                  MedicationClass.NAPROXEN,
                  MatchMethod.RXNORM_CLINICAL_DRUG,
                  "849574"),
              new MedicationMatch(
                  "MedicationRequest/572c824f-80a8-42ba-a5ad-7267a70c6e24",
                  MedicationClass.LOOP_DIURETIC,
                  MatchMethod.BRAND_NAME,
                  "Lasix"),
              new MedicationMatch(
                  "MedicationRequest/5a894ed8-03e1-44e9-a031-e6f6ddd94047",
                  MedicationClass.LOOP_DIURETIC,
                  MatchMethod.INGREDIENT_NAME,
                  "furosemide"));
      assertThat(result.patient().conditions())
          .containsExactly(
              Condition.of(
                  "Condition/69b2d4c2-dc46-440c-93f2-a5553e59f1e4", ConditionKind.HEART_FAILURE));
    }

    @Test
    void bloodElectrolytesAndEgfr_areFoundAndAllStale() {
      ImportResult result = importBundle(DENNIS);

      assertThat(count(result, Analyte.POTASSIUM)).isEqualTo(3);
      assertThat(count(result, Analyte.SODIUM)).isEqualTo(3);
      assertThat(count(result, Analyte.CALCIUM_TOTAL)).isEqualTo(3);
      assertThat(count(result, Analyte.EGFR)).isEqualTo(11);
      assertThat(values(result, Analyte.POTASSIUM))
          .allSatisfy(v -> assertThat(v).isBetween(new BigDecimal("4.47"), new BigDecimal("4.92")));
      assertThat(result.patient().labs()).extracting(LabResult::unit).contains("mL/min");
      assertThat(information(result))
          .filteredOn(d -> d.contains("dated more than P12M before 2026-11-21"))
          .hasSize(20);
      assertThat(warnings(result)).isEmpty();
    }

    @Test
    void lasixByBrandName_isALoopDiureticMatchedByBrand() {
      ImportResult result = importBundle(DENNIS);

      assertThat(result.medicationMatches())
          .contains(
              new MedicationMatch(
                  "MedicationRequest/572c824f-80a8-42ba-a5ad-7267a70c6e24",
                  MedicationClass.LOOP_DIURETIC,
                  MatchMethod.BRAND_NAME,
                  "Lasix"));
    }
  }

  @Nested
  class EmeryPurdy {
    @Test
    void hydrochlorothiazideDiabetesAndNeuropathy_areFound_stoppedNaproxenReported() {
      ImportResult result = importBundle(EMERY);

      assertThat(result.medicationMatches())
          .containsExactly(
              new MedicationMatch(
                  "MedicationRequest/72ee8d89-119e-4288-a320-91b4df082dd1",
                  MedicationClass.THIAZIDE_DIURETIC,
                  MatchMethod.INGREDIENT_NAME,
                  "hydrochlorothiazide"));
      assertThat(result.patient().conditions())
          .containsExactly(
              Condition.of(
                  "Condition/eeec214d-af48-4ba3-8a92-00b10ef96102", ConditionKind.DIABETES),
              Condition.of(
                  "Condition/aa6d7622-b3fb-402a-a2ab-9134edecf364", ConditionKind.NEUROPATHY));
      assertThat(information(result))
          .filteredOn(d -> d.contains("status 'stopped'"))
          .singleElement()
          .asString()
          .endsWith("is not active; only active medications are used (naproxen)");
      assertThat(result.resourcesNotUsed()).isEqualTo(1);
    }

    @Test
    void labs_includeHbA1cAndEgfrInTheAreaUnit() {
      ImportResult result = importBundle(EMERY);

      assertThat(count(result, Analyte.HBA1C)).isEqualTo(8);
      assertThat(count(result, Analyte.POTASSIUM)).isEqualTo(8);
      assertThat(count(result, Analyte.SODIUM)).isEqualTo(8);
      assertThat(count(result, Analyte.CALCIUM_TOTAL)).isEqualTo(8);
      assertThat(count(result, Analyte.EGFR)).isEqualTo(8);
      assertThat(result.patient().labs())
          .filteredOn(l -> l.analyte() == Analyte.EGFR)
          .extracting(LabResult::unit)
          .containsOnly("mL/min/{1.73_m2}");
    }
  }

  @Nested
  class LouieJast {
    @Test
    void hypothyroidismAndTheSimvistatinStatin_areFoundByCode() {
      ImportResult result = importBundle(LOUIE);

      assertThat(result.patient().sex()).isEqualTo(Sex.FEMALE);
      assertThat(result.patient().conditions())
          .containsExactly(
              Condition.of(
                  "Condition/b0d7a00a-d5c1-4e4f-9170-18942cc6d7cf", ConditionKind.HYPOTHYROIDISM));
      assertThat(result.medicationMatches())
          .containsExactly(
              new MedicationMatch(
                  "MedicationRequest/b8319f1c-28f2-4b17-b237-5ac9d08cf92e",
                  MedicationClass.STATIN,
                  MatchMethod.RXNORM_CLINICAL_DRUG,
                  "316672"));
      assertThat(result.patient().medications().get(0).name()).isEqualTo("Simvistatin 10 MG");
      assertThat(information(result))
          .filteredOn(d -> d.contains("status 'stopped' is not active"))
          .hasSize(5);
    }

    /**
     * SOURCES.md lists "pregnancy" for this file by display text: the Conditions are "Tubal
     * pregnancy" (79586000) and "Miscarriage in first trimester" (19169002), neither of which is a
     * knowledge-base pregnancy code (77386006, 72892002), in a woman born in 1950. The importer
     * therefore does not mark her pregnant, and does not list them (codes it does not know).
     */
    @Test
    void tubalPregnancyFrom1993_isNotReadAsPregnancy() {
      ImportResult result = importBundle(LOUIE);

      assertThat(result.patient().pregnant()).isFalse();
    }

    @Test
    void labs_bloodElectrolytesAndEgfrInMlPerMin_areFound() {
      ImportResult result = importBundle(LOUIE);

      assertThat(count(result, Analyte.POTASSIUM)).isEqualTo(6);
      assertThat(count(result, Analyte.SODIUM)).isEqualTo(6);
      assertThat(count(result, Analyte.CALCIUM_TOTAL)).isEqualTo(6);
      assertThat(count(result, Analyte.EGFR)).isEqualTo(6);
      assertThat(result.patient().labs())
          .filteredOn(l -> l.analyte() == Analyte.EGFR)
          .extracting(LabResult::unit)
          .containsOnly("mL/min");
    }
  }

  @Nested
  class HershelMarvin {
    @Test
    void rheumatoidArthritisAndNaproxen_areFound_noLabs() {
      ImportResult result = importBundle(HERSHEL);

      assertThat(result.patient().conditions())
          .containsExactly(
              Condition.of(
                  "Condition/cd390cd5-e2d3-40ef-a8ed-eaa769deeac0",
                  ConditionKind.RHEUMATOID_ARTHRITIS));
      assertThat(result.medicationMatches())
          .containsExactly(
              new MedicationMatch(
                  "MedicationRequest/cd95edf3-cb12-4706-871e-db594780bf53",
                  MedicationClass.NAPROXEN,
                  MatchMethod.RXNORM_CLINICAL_DRUG,
                  "198014"));
      assertThat(result.patient().labs()).isEmpty();
      assertThat(result.resourcesMapped()).isEqualTo(3);
    }
  }

  @Nested
  class InfernoUsCore {
    @Test
    void stoppedAlbuterolAndPregnancyStatus_areReported() {
      ImportResult result = importBundle(INFERNO);

      assertThat(result.patient().id()).contains("us-core-client-tests-patient");
      assertThat(result.patient().birthDate()).isEqualTo(LocalDate.of(1940, 3, 29));
      assertThat(result.patient().medications()).isEmpty();
      assertThat(result.patient().conditions()).isEmpty();
      assertThat(information(result))
          .containsExactly(
              "MedicationRequest/us-core-client-tests-medication-request: status 'stopped' is not"
                  + " active; only active medications are used (beta-2 agonist)",
              "Observation/us-core-client-tests-observation-pregnancystatus: pregnancy status"
                  + " (LOINC 82810-3) is not verified in the knowledge base; pregnancy is read only"
                  + " from active Conditions 77386006 or 72892002");
      assertThat(result.resourcesRead()).isEqualTo(54);
      assertThat(result.resourcesNotUsed()).isEqualTo(2);
    }
  }

  @Nested
  class UsCoreExamples {
    @Test
    void serumPotassium_isReadWithItsRange() {
      ImportResult result = importExample("examples/hl7-us-core/observation-serum-potassium.json");

      assertThat(result.patient().labs())
          .containsExactly(
              new LabResult(
                  "Observation/serum-potassium",
                  Analyte.POTASSIUM,
                  new BigDecimal("5.4"),
                  "mmol/L",
                  LocalDate.of(2005, 7, 5),
                  Optional.of(ReferenceRange.of(new BigDecimal("3.5"), new BigDecimal("5.5"))),
                  Optional.empty(),
                  Optional.of(LabFlag.NORMAL)));
      assertThat(information(result))
          .containsExactly(
              "Observation/serum-potassium: dated more than P12M before 2026-11-21: passed on, and"
                  + " the assessment lists it as unused (not current evidence)");
    }

    @Test
    void serumSodium_isReadWithItsRange() {
      ImportResult result = importExample("examples/hl7-us-core/observation-serum-sodium.json");

      assertThat(result.patient().labs())
          .singleElement()
          .satisfies(
              lab -> {
                assertThat(lab.analyte()).isEqualTo(Analyte.SODIUM);
                assertThat(lab.value()).isEqualByComparingTo("137");
                assertThat(lab.referenceRange())
                    .contains(ReferenceRange.of(new BigDecimal("135"), new BigDecimal("145")));
              });
    }

    @Test
    void bloodPressureAndHeartRate_areIrrelevant() {
      assertThat(importExample("examples/hl7-us-core/blood-pressure.json").resourcesIrrelevant())
          .isEqualTo(1);
      assertThat(
              importExample("examples/hl7-fhir-r4-examples/Observation-heart-rate.json")
                  .resourcesIrrelevant())
          .isEqualTo(1);
    }
  }

  static Stream<String> exportable() throws IOException {
    return allFiles()
        .filter(
            f ->
                f.startsWith("bundles/")
                    || f.startsWith("examples/hl7-us-core/observation-")
                    || f.startsWith("("));
  }

  /**
   * Import, assess, export, validate: the resources the adapter writes for real EHR data validate
   * with zero errors against base R4 and CrampCare's profiles. A fixture without cramp episodes
   * gets one synthetic episode so that there are recommendations to write.
   */
  @Nested
  class ImportAssessExportValidate {
    @ParameterizedTest
    @MethodSource("org.crampcare.fhir.FixtureImportTest#exportable")
    void fixture_importAssessExport_validatesWithZeroErrors(String relative) {
      ImportResult imported =
          relative.startsWith("bundles/") ? importBundle(relative) : importExample(relative);
      List<CrampEpisode> episodes =
          imported.episodes().isEmpty()
              ? List.of(
                  CrampEpisode.builder(
                          "synthetic-episode-1", AS_OF.minus(Duration.ofDays(2)), BodySite.CALF)
                      .duration(Duration.ofMinutes(3))
                      .severity(6)
                      .setting(Setting.DURING_SLEEP)
                      .build())
              : imported.episodes();
      Assessment assessment =
          Assessor.withBuiltInRules().assess(imported.patient(), episodes, AS_OF);
      assertThat(assessment.recommendations()).isNotEmpty();

      Bundle exported =
          new FhirExporter(OutboundTestSupport.CTX)
              .toTransaction(assessment, imported.patient(), episodes);
      ValidationReport report = OutboundTestSupport.VALIDATOR.validate(exported);

      assertThat(report.errors()).as(relative).isEmpty();
    }
  }

  private static long count(ImportResult result, Analyte analyte) {
    return result.patient().labs().stream().filter(l -> l.analyte() == analyte).count();
  }

  private static List<BigDecimal> values(ImportResult result, Analyte analyte) {
    return result.patient().labs().stream()
        .filter(l -> l.analyte() == analyte)
        .map(LabResult::value)
        .collect(Collectors.toList());
  }
}
