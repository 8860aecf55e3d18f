package org.crampcare.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.crampcare.examples.SamplePatient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as people really use it: files, sizes, long records, typos. */
class RealUseTest {
  @TempDir Path dir;

  private Path sample(SamplePatient sample) throws IOException {
    Path file = dir.resolve(sample.fileName());
    Files.writeString(file, sample.json(), StandardCharsets.UTF_8);
    return file;
  }

  private List<String> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /**
   * The thiazide sample with {@code extra} more cramp records of the year before, written the way a
   * chart holds them (SNOMED CT cramp finding, a date and the patient; nothing else).
   */
  static String withOldCramps(int extra) {
    String json = SamplePatient.NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM.json();
    StringBuilder entries = new StringBuilder();
    LocalDate first = LocalDate.of(2024, 11, 1);
    for (int i = 0; i < extra; i++) {
      entries
          .append(",{\"fullUrl\":\"https://ehr.example/fhir/Observation/old-")
          .append(i)
          .append("\",\"resource\":{\"resourceType\":\"Observation\",\"id\":\"old-")
          .append(i)
          .append("\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":")
          .append("\"http://snomed.info/sct\",\"code\":\"55300003\",\"display\":\"Cramp\"}]},")
          .append("\"subject\":{\"reference\":\"Patient/sample-thiazide\"},")
          .append("\"effectiveDateTime\":\"")
          .append(first.plusDays(i))
          .append("T0")
          .append(i % 10)
          .append(":")
          .append(10 + i % 50)
          .append(":00Z\"}}");
    }
    int end = json.lastIndexOf(']');
    return json.substring(0, end) + entries + json.substring(end);
  }

  @Nested
  class AllOrNothingFiles {
    @Test
    void outAndReportNamingTheSameFile_isAUsageError_andNothingIsWritten() throws IOException {
      Path in = sample(SamplePatient.HAND_CRAMPS_TYPING);
      Path same = dir.resolve("result.json");

      // The same file, spelled differently.
      String sameAgain = dir.resolve(".").resolve("result.json").toString();

      CliRun run =
          CliRun.of(
              "assess", "--in", in.toString(), "--out", same.toString(), "--report", sameAgain);

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith("crampcare assess: --out and --report name the same file (" + same + ")");
      assertThat(filesIn(dir)).containsExactly(in.getFileName().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--out", "--report"})
    void anOutputNamingTheInput_isAUsageError_andTheInputIsUnchanged(String option)
        throws IOException {
      Path in = sample(SamplePatient.HAND_CRAMPS_TYPING);
      String before = Files.readString(in);

      CliRun run = CliRun.of("assess", "--in", in.toString(), option, in.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "crampcare assess: "
                  + option
                  + " names the input file ("
                  + in
                  + "); expected another file, so that the input is not overwritten");
      assertThat(Files.readString(in)).isEqualTo(before);
    }

    @Test
    void aReportThatCannotBeWritten_leavesNoOutFile_andAnOldOutUnchanged() throws IOException {
      Path in = sample(SamplePatient.HAND_CRAMPS_TYPING);
      Path out = dir.resolve("result.json");
      Files.writeString(out, "yesterday's result");
      // /proc exists, but nobody, not even root, can create a file in it.
      String report = "/proc/crampcare-report.json";

      CliRun run =
          CliRun.of(
              "assess",
              "--in",
              in.toString(),
              "--as-of",
              "2026-11-21",
              "--out",
              out.toString(),
              "--report",
              report);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).startsWith("crampcare assess: " + report + ": cannot be written");
      assertThat(Files.readString(out)).isEqualTo("yesterday's result");
      // No temporary file is left behind either.
      assertThat(filesIn(dir)).containsExactly(in.getFileName().toString(), "result.json");
    }

    @Test
    void bothOutputs_areWritten_whenBothCanBe() throws IOException {
      Path in = sample(SamplePatient.HAND_CRAMPS_TYPING);

      CliRun run =
          CliRun.of(
              "assess",
              "--in",
              in.toString(),
              "--as-of",
              "2026-11-21",
              "--out",
              dir.resolve("out.json").toString(),
              "--report",
              dir.resolve("report.json").toString());

      assertThat(run.exitCode()).isZero();
      assertThat(filesIn(dir))
          .containsExactly(in.getFileName().toString(), "out.json", "report.json");
      assertThat(Files.readString(dir.resolve("out.json"))).contains("\"type\": \"transaction\"");
    }
  }

  @Nested
  class BoundedInput {
    @Test
    void aFileOverTheLimit_isRefusedNamingItsSizeAndTheOption() throws IOException {
      Path in = sample(SamplePatient.HAND_CRAMPS_TYPING);
      long size = Files.size(in);

      CliRun run = CliRun.of("assess", "--in", in.toString(), "--max-input-size", "1KB");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .startsWith(
              "crampcare assess: "
                  + in
                  + ": is "
                  + InputSize.format(size)
                  + ", over the input limit of 1 KB; a patient's record is far smaller. If this"
                  + " one is right, raise the limit with --max-input-size (for example"
                  + " --max-input-size 2KB)");
    }

    @Test
    void standardInputOverTheLimit_isRefusedToo() {
      CliRun run =
          CliRun.withStdin(
              SamplePatient.HAND_CRAMPS_TYPING.json(),
              "assess",
              "--in",
              "-",
              "--max-input-size",
              "2KB");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .startsWith("crampcare assess: standard input: is more than 2 KB, over the input limit");
    }

    @Test
    void aBadSize_isAUsageError() throws IOException {
      Path in = sample(SamplePatient.HAND_CRAMPS_TYPING);

      CliRun run = CliRun.of("assess", "--max-input-size", "lots", "--in", in.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "crampcare assess: Invalid value for option '--max-input-size': 'lots' is not a"
                  + " size; expected bytes or a number with KB, MB or GB, e.g. 64MB");
    }

    @Test
    void aByteOrderMark_isSkipped() throws IOException {
      Path in = dir.resolve("with-bom.json");
      Files.writeString(
          in, "\uFEFF" + SamplePatient.HAND_CRAMPS_TYPING.json(), StandardCharsets.UTF_8);

      CliRun run = CliRun.of("assess", "--in", in.toString(), "--as-of", "2026-11-21");

      assertThat(run.err()).isEmpty();
      assertThat(run.exitCode()).isZero();
      assertThat(run.recommendationCodes()).isNotEmpty();
    }

    @Test
    void anInvisibleFirstCharacter_isNamedByItsCodePoint() throws IOException {
      Path in = dir.resolve("odd.json");
      Files.writeString(in, "\u200B{}", StandardCharsets.UTF_8);

      CliRun run = CliRun.of("assess", "--in", in.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "crampcare assess: "
                  + in
                  + ": is not FHIR JSON or XML (it starts with the character U+200B; expected '{'"
                  + " or '<')\n");
    }
  }

  @Nested
  class ParserWarnings {
    @Test
    void anUnknownElement_isReportedWithTheFile_andTheAssessmentGoesOn() throws IOException {
      Path in = dir.resolve("odd-element.json");
      Files.writeString(
          in,
          SamplePatient.HAND_CRAMPS_TYPING
              .json()
              .replaceFirst("\"birthDate\"", "\"colour\": \"blue\", \"birthDate\""),
          StandardCharsets.UTF_8);

      CliRun run = CliRun.of("assess", "--in", in.toString(), "--as-of", "2026-11-21");

      assertThat(run.exitCode()).isZero();
      assertThat(run.err())
          .isEqualTo(
              "crampcare assess: warning: "
                  + in
                  + ": unknown element 'colour': not FHIR R4, ignored\n");
      assertThat(run.recommendationCodes()).isNotEmpty();
    }
  }

  @Nested
  class LongRecords {
    @Test
    void aRecordWithHundredsOfOldCramps_givesASummaryAPersonCanRead() throws IOException {
      Path in = dir.resolve("long.json");
      Files.writeString(in, withOldCramps(400), StandardCharsets.UTF_8);

      CliRun run = CliRun.of("assess", "--in", in.toString(), "--as-of", "2026-11-21");

      assertThat(run.err()).isEmpty();
      assertThat(run.exitCode()).isZero();
      assertThat(run.flatOut())
          .contains(
              "Earlier:   400 episodes started before the window and counted in no pattern or"
                  + " rule; --as-of with an earlier date assesses as of then")
          .contains("Not used as evidence (400)")
          .contains("... and 390 more inputs not used (--verbose shows all)");
      // Ten times the record, the same length of summary.
      Path shorter = dir.resolve("shorter.json");
      Files.writeString(shorter, withOldCramps(40), StandardCharsets.UTF_8);
      CliRun forty = CliRun.of("assess", "--in", shorter.toString(), "--as-of", "2026-11-21");
      assertThat(run.out().lines().count()).isEqualTo(forty.out().lines().count());
      assertThat(forty.out()).contains("... and 30 more inputs not used");
    }

    @Test
    void verbose_printsEveryItem() throws IOException {
      Path in = dir.resolve("long.json");
      Files.writeString(in, withOldCramps(400), StandardCharsets.UTF_8);

      CliRun run = CliRun.of("assess", "--in", in.toString(), "--as-of", "2026-11-21", "--verbose");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .doesNotContain("more inputs not used")
          .contains("episode Observation/old-399: ");
      assertThat(run.out().lines().count()).isGreaterThan(400);
    }
  }

  @Nested
  class UsageErrors {
    @ParameterizedTest
    @ValueSource(strings = {"assess", "validate", "sync", "serve", "population", "rules"})
    void version_onEveryCommand(String command) {
      CliRun run = CliRun.of(command, "--version");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).startsWith("crampcare ");
    }

    @Test
    void aFhirServerThatIsNotAUrl_isAUsageError() {
      CliRun run = CliRun.of("sync", "--fhir-server", "not-a-url", "--patient", "p1");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "crampcare sync: Invalid value for option '--fhir-server': 'not-a-url' is not an"
                  + " http or https URL; expected a base URL such as http://localhost:8080/fhir");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../metadata", "Patient/p1", "p 1", ""})
    void aPatientThatIsNotAFhirId_isAUsageError(String patient) {
      CliRun run =
          CliRun.of("sync", "--fhir-server", "http://127.0.0.1:9/fhir", "--patient", patient);

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith(
              "crampcare sync: Invalid value for option '--patient': '"
                  + patient
                  + "' is not a FHIR id; expected 1 to 64 letters, digits, '-' or '.'");
    }

    @Test
    void anUnknownOption_namesItAndPrintsTheUsage() throws IOException {
      Path in = sample(SamplePatient.HAND_CRAMPS_TYPING);

      CliRun run = CliRun.of("assess", "--in", in.toString(), "--inn", "x.json");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith("crampcare assess: Unknown options: '--inn', 'x.json'")
          .contains("Usage: crampcare assess");
    }
  }
}
