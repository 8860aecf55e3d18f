package org.crampcare.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.crampcare.examples.SamplePatient;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crampcare population} on an export of the five sample patients. */
class PopulationCommandTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @TempDir Path dir;

  /** The samples as a Bulk Data export: one NDJSON file per resource type. */
  private Path export() throws IOException {
    Path export = Files.createDirectories(dir.resolve("export"));
    IParser parser = FHIR.newJsonParser();
    for (SamplePatient sample : SamplePatient.values()) {
      for (Bundle.BundleEntryComponent e : sample.bundle(FHIR).getEntry()) {
        Files.writeString(
            export.resolve(e.getResource().fhirType() + ".ndjson"),
            parser.encodeResourceToString(e.getResource()) + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    }
    return export;
  }

  @Test
  void population_assessesEveryPatient_andWritesTheOutputs() throws IOException {
    Path out = dir.resolve("out");

    CliRun run =
        CliRun.of(
            "population",
            "--in",
            export().toString(),
            "--out",
            out.toString(),
            "--as-of",
            "2026-11-21");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Reading 4 files from ")
        .contains("Assessed 5 of 5 patients in ")
        .contains("Wrote to " + out + ": ");
    // Not a terminal: plain progress lines, the last one complete.
    assertThat(run.err()).contains("population: 5/5 patients, ");
    assertThat(Files.readAllLines(out.resolve("CarePlan.ndjson"))).hasSize(5);
    assertThat(Files.readAllLines(out.resolve("OperationOutcome.ndjson"))).hasSize(5);
    assertThat(Files.readString(out.resolve("summary.json")))
        .contains("\"urgent-medical-review\" : 1")
        .contains("\"thiazide-diuretic + low-potassium\" : 1");
    assertThat(Files.readString(out.resolve("summary.html")))
        .startsWith("<!DOCTYPE html>")
        .contains("<svg role=\"img\"")
        .doesNotContain("<script");
  }

  @Test
  void quiet_printsNothing_andARerunSaysItStartsClean() throws IOException {
    Path export = export();
    Path out = dir.resolve("out");
    CliRun first =
        CliRun.of("population", "--in", export.toString(), "--out", out.toString(), "--quiet");
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).isEmpty();
    assertThat(first.err()).isEmpty();

    CliRun again = CliRun.of("population", "--in", export.toString(), "--out", out.toString());

    assertThat(again.exitCode()).isZero();
    assertThat(again.out())
        .contains(
            "Starting clean: the earlier results in "
                + out
                + " are replaced when this"
                + " run ends.");
  }

  @Test
  void aMissingExport_isAUsageError() {
    CliRun run =
        CliRun.of(
            "population",
            "--in",
            dir.resolve("nowhere").toString(),
            "--out",
            dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "crampcare population: --in "
                + dir.resolve("nowhere")
                + ": no such folder or file; expected an export");
  }

  @Test
  void neitherOrBothSources_isAUsageError() throws IOException {
    CliRun neither = CliRun.of("population", "--out", dir.resolve("out").toString());
    CliRun both =
        CliRun.of(
            "population",
            "--in",
            export().toString(),
            "--export",
            "https://ehr.example/fhir/Patient/$export",
            "--out",
            dir.resolve("out").toString());

    for (CliRun run : new CliRun[] {neither, both}) {
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "crampcare population: give --in (an export on disk) or --export (a server's),"
                  + " one of them");
    }
  }

  @Test
  void anExportUrlThatIsNotAKickOff_isAUsageError() {
    CliRun run =
        CliRun.of(
            "population",
            "--export",
            "https://ehr.example/fhir/Patient",
            "--out",
            dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "crampcare population: --export: 'https://ehr.example/fhir/Patient' is not a Bulk Data"
                + " kick-off URL");
  }

  @Test
  void anExportAsksForExactlyTheTypesCrampCareReads_byDefault() {
    picocli.CommandLine command = new picocli.CommandLine(new PopulationCommand());

    Object types = command.getCommandSpec().findOption("--type").getValue();

    assertThat(types)
        .asList()
        .containsExactlyElementsOf(org.crampcare.fhir.FhirImporter.RESOURCE_TYPES_READ)
        .contains("QuestionnaireResponse");
  }
}
