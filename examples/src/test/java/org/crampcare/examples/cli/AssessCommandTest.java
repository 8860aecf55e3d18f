package org.crampcare.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.crampcare.examples.SamplePatient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AssessCommandTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @TempDir Path dir;

  private Path sample(SamplePatient sample) throws IOException {
    Path file = dir.resolve(sample.fileName());
    Files.writeString(file, sample.json(), StandardCharsets.UTF_8);
    return file;
  }

  private Path file(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Nested
  class OnTheSamples {
    static Stream<Arguments> expectations() {
      return Stream.of(
          Arguments.of(
              SamplePatient.POST_EXERCISE_CALF_CRAMPS,
              "stretch-affected-muscle",
              List.of("hydration", "gradual-exercise-progression", "walk-and-move")),
          Arguments.of(
              SamplePatient.NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM,
              "clinician-visit",
              List.of("medication-review", "abnormal-lab-follow-up", "dietary-magnesium")),
          Arguments.of(
              SamplePatient.HAND_CRAMPS_TYPING,
              "stretch-affected-muscle",
              List.of("hand-strengthening-exercises", "activity-breaks")),
          Arguments.of(
              SamplePatient.STATIN_RED_FLAG,
              "urgent-medical-review",
              List.of("medication-review", "abnormal-lab-follow-up")),
          Arguments.of(
              SamplePatient.HEART_FAILURE,
              "medication-review",
              List.of("discuss-fluid-targets", "electrolyte-testing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void assess_sample_printsExpectedRecommendations(
        SamplePatient sample, String first, List<String> alsoRecommended) throws IOException {
      CliRun run = CliRun.of("assess", "--in", sample(sample).toString(), "--as-of", "2026-11-21");

      assertThat(run.err()).isEmpty();
      assertThat(run.exitCode()).isZero();
      assertThat(run.recommendationCodes()).first().isEqualTo(first);
      assertThat(run.recommendationCodes()).containsAll(alsoRecommended);
      assertThat(run.out())
          .contains("Patient:   " + sample.patientId())
          .contains("Mapping report: ");
    }

    @Test
    void assess_thiazideSample_explainsLowPotassiumWithTheLabAndItsRange() throws IOException {
      CliRun run =
          CliRun.of(
              "assess",
              "--in",
              sample(SamplePatient.NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM).toString(),
              "--as-of",
              "2026-11-21");

      assertThat(run.flatOut())
          .contains("Red flags: none")
          .contains("* Low potassium")
          .contains(
              "- potassium 3.1 mmol/L on 2026-11-12, below 3.5 (lab range 3.5-5.1) [lab"
                  + " Observation/sample-thiazide-potassium]")
          .contains("Medication review [medication-review; clinical follow up, soon]")
          .contains("Evidence: NICE Clinical Knowledge Summaries: Leg cramps");
    }

    @Test
    void assess_statinSample_listsTheRedFlagFirstAndRecommendsUrgentReviewFirst()
        throws IOException {
      CliRun run =
          CliRun.of(
              "assess",
              "--in",
              sample(SamplePatient.STATIN_RED_FLAG).toString(),
              "--as-of",
              "2026-11-21");

      assertThat(run.out())
          .contains("RED FLAGS (2)")
          .contains("! Possible rhabdomyolysis (urgent)");
      assertThat(run.out().indexOf("RED FLAGS")).isLessThan(run.out().indexOf("Risk factors"));
      assertThat(run.recommendationCodes()).first().isEqualTo("urgent-medical-review");
    }

    @Test
    void assess_heartFailureSample_showsHydrationSuppressedWithItsReason() throws IOException {
      CliRun run =
          CliRun.of(
              "assess",
              "--in",
              sample(SamplePatient.HEART_FAILURE).toString(),
              "--as-of",
              "2026-11-21");

      assertThat(run.recommendationCodes()).doesNotContain("hydration");
      assertThat(run.flatOut())
          .contains("Suppressed advice (1)")
          .contains(
              "- Hydration [hydration], by rule suppress-hydration-heart-failure; replaced by"
                  + " discuss-fluid-targets")
          .contains("Why: Fluid advice is suppressed in heart failure");
    }

    @Test
    void assess_sameInputTwice_printsTheSameText() throws IOException {
      String in = sample(SamplePatient.STATIN_RED_FLAG).toString();

      CliRun first = CliRun.of("assess", "--in", in, "--as-of", "2026-11-21");
      CliRun second = CliRun.of("assess", "--in", in, "--as-of", "2026-11-21");

      assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void assess_standardInput_readsTheBundle() {
      CliRun run =
          CliRun.withStdin(
              SamplePatient.HAND_CRAMPS_TYPING.json(),
              "assess",
              "--in",
              "-",
              "--as-of",
              "2026-11-21");

      assertThat(run.exitCode()).isZero();
      assertThat(run.recommendationCodes()).contains("hand-strengthening-exercises");
    }

    @Test
    void assess_xmlInput_readsTheBundle() throws IOException {
      Bundle bundle = SamplePatient.STATIN_RED_FLAG.bundle(FHIR);
      Path xml = file("statin.xml", FHIR.newXmlParser().encodeResourceToString(bundle));

      CliRun run = CliRun.of("assess", "--in", xml.toString(), "--as-of", "2026-11-21");

      assertThat(run.exitCode()).isZero();
      assertThat(run.recommendationCodes()).first().isEqualTo("urgent-medical-review");
    }

    @Test
    void assess_withoutAsOf_assessesAsOfTheEndOfToday() throws IOException {
      // The test clock says 2027-06-01: every sample episode is older than the 28-day window.
      CliRun run = CliRun.of("assess", "--in", sample(SamplePatient.HAND_CRAMPS_TYPING).toString());

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("As of:     2027-06-01T23:59:59Z");
      assertThat(run.recommendationCodes()).isEmpty();
    }
  }

  @Nested
  class Outputs {
    @Test
    void assess_out_writesATransactionWithCarePlanAndProvenance() throws IOException {
      Path out = dir.resolve("result.json");

      CliRun run =
          CliRun.of(
              "assess",
              "--in",
              sample(SamplePatient.NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM).toString(),
              "--as-of",
              "2026-11-21",
              "--out",
              out.toString());

      assertThat(run.exitCode()).isZero();
      Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(out));
      assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
      assertThat(bundle.getEntry())
          .anySatisfy(e -> assertThat(e.getResource()).isInstanceOf(CarePlan.class))
          .anySatisfy(e -> assertThat(e.getResource()).isInstanceOf(Provenance.class));
      assertThat(run.out())
          .contains(
              "Wrote the transaction Bundle (" + bundle.getEntry().size() + " entries) to " + out);
    }

    @Test
    void assess_reportInXml_writesTheMappingReport() throws IOException {
      Path report = dir.resolve("report.xml");

      CliRun run =
          CliRun.of(
              "assess",
              "--in",
              sample(SamplePatient.HEART_FAILURE).toString(),
              "--as-of",
              "2026-11-21",
              "--report",
              report.toString(),
              "--format",
              "xml");

      assertThat(run.exitCode()).isZero();
      OperationOutcome outcome =
          FHIR.newXmlParser().parseResource(OperationOutcome.class, Files.readString(report));
      assertThat(outcome.getIssue()).isNotEmpty();
      assertThat(run.out()).contains("Wrote the mapping report to " + report);
    }

    @Test
    void assess_outInAMissingFolder_isAUsageError_beforeAnythingRuns() throws IOException {
      Path out = dir.resolve("no-such-folder").resolve("result.json");

      CliRun run =
          CliRun.of(
              "assess",
              "--in",
              sample(SamplePatient.HAND_CRAMPS_TYPING).toString(),
              "--as-of",
              "2026-11-21",
              "--out",
              out.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "crampcare assess: Invalid value for option '--out': '"
                  + out
                  + "': its folder "
                  + out.getParent()
                  + " does not exist; create it first\n")
          .contains("Usage: crampcare assess");
      assertThat(run.out()).isEmpty();
    }
  }

  @Nested
  class BadInput {
    @Test
    void assess_missingFile_isAUsageError_namingTheFile() {
      String missing = dir.resolve("nowhere.json").toString();

      CliRun run = CliRun.of("assess", "--in", missing);

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "crampcare assess: Invalid value for option '--in': '"
                  + missing
                  + "': no such file\n");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void assess_unparseableJson_exits1NamingTheFileAndTheProblem() throws IOException {
      Path broken = file("broken.json", "{\"resourceType\": \"Bundle\", \"type\": ");

      CliRun run = CliRun.of("assess", "--in", broken.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .startsWith("crampcare assess: " + broken + ": is not valid FHIR JSON: ");
    }

    @Test
    void assess_notFhirAtAll_exits1() throws IOException {
      Path text = file("notes.txt", "cramps at night");

      CliRun run = CliRun.of("assess", "--in", text.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "crampcare assess: "
                  + text
                  + ": is not FHIR JSON or XML (it starts with 'c'; expected '{' or '<')\n");
    }

    @Test
    void assess_emptyFile_exits1() throws IOException {
      Path empty = file("empty.json", "  \n");

      CliRun run = CliRun.of("assess", "--in", empty.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "crampcare assess: "
                  + empty
                  + ": is empty; expected a FHIR resource in JSON or XML\n");
    }

    @Test
    void assess_aPatientInsteadOfABundle_exits1() throws IOException {
      Path patient =
          file(
              "patient.json",
              "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"1970-01-01\"}");

      CliRun run = CliRun.of("assess", "--in", patient.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "crampcare assess: "
                  + patient
                  + ": is a Patient resource; expected a Bundle with one patient's data\n");
    }

    @Test
    void assess_bundleWithoutPatient_exits1WithTheImportersReason() throws IOException {
      Path bundle =
          file("no-patient.json", "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}");

      CliRun run = CliRun.of("assess", "--in", bundle.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).startsWith("crampcare assess: " + bundle + ": ").contains("Patient");
    }
  }

  @Nested
  class Usage {
    @Test
    void noCommand_exits2WithUsage() {
      CliRun run = CliRun.of();

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith("crampcare: Missing command: assess, validate, sync or serve\n");
      assertThat(run.err()).contains("Usage: crampcare");
    }

    @Test
    void assess_withoutIn_exits2() {
      CliRun run = CliRun.of("assess");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).startsWith("crampcare assess: Missing required option: '--in=FILE'");
    }

    @Test
    void assess_badAsOf_exits2NamingTheValue() {
      CliRun run = CliRun.of("assess", "--as-of", "21/11/2026", "--in", "x.json");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "crampcare assess: Invalid value for option '--as-of': '21/11/2026' is not a date or a date-time;"
                  + " expected YYYY-MM-DD (the end of that day in UTC) or YYYY-MM-DDThh:mm:ssZ");
    }

    @Test
    void assess_unknownFormat_exits2() {
      CliRun run = CliRun.of("assess", "--format", "yaml", "--in", "x.json");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith("crampcare assess: Invalid value for option '--format': expected one of");
    }

    @Test
    void unknownCommand_exits2_namingTheCommandsAndPrintingTheUsage() {
      CliRun run = CliRun.of("diagnose");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "crampcare: unknown command 'diagnose'; the commands are assess, report, validate,"
                  + " sync, serve, population, rules, help\n")
          .contains("Usage: crampcare [-hV] [COMMAND]");
    }

    @Test
    void help_exits0AndListsTheCommandsAndExitCodes() {
      CliRun run = CliRun.of("--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .contains("assess")
          .contains("validate")
          .contains("sync")
          .contains("serve")
          .contains("Exit codes:")
          .contains("2   usage error");
    }
  }
}
