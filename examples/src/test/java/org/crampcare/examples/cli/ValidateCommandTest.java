package org.crampcare.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crampcare.examples.SamplePatient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crampcare validate}: base R4 and CrampCare's profiles, with HAPI's validator. */
class ValidateCommandTest {
  /** An Observation in CrampCare's cramp-episode profile without the required status and code. */
  private static final String BROKEN_EPISODE =
      "{\"resourceType\":\"Observation\",\"id\":\"broken\","
          + "\"meta\":{\"profile\":[\"https://crampcare.org/fhir/StructureDefinition/cramp-episode\"]},"
          + "\"subject\":{\"reference\":\"Patient/p1\"}}";

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void validate_everySample_isValid() throws IOException {
    String[] args = new String[SamplePatient.values().length + 1];
    args[0] = "validate";
    int i = 1;
    for (SamplePatient sample : SamplePatient.values()) {
      args[i++] = file(sample.fileName(), sample.json()).toString();
    }

    CliRun run = CliRun.of(args);

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    for (SamplePatient sample : SamplePatient.values()) {
      assertThat(run.out()).contains(dir.resolve(sample.fileName()) + ": valid (0 errors, ");
    }
    assertThat(run.out()).endsWith("5 of 5 files valid\n");
  }

  @Test
  void validate_brokenResource_exits1AndPrintsTheErrors() throws IOException {
    Path broken = file("broken.json", BROKEN_EPISODE);

    CliRun run = CliRun.of("validate", broken.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).startsWith(broken + ": INVALID (");
    assertThat(run.out()).contains("  error Observation").contains("status");
  }

  @Test
  void validate_goodAndBrokenAndMissing_exits1AndReportsEach() throws IOException {
    Path good = file("good.json", SamplePatient.HAND_CRAMPS_TYPING.json());
    Path broken = file("broken.json", BROKEN_EPISODE);
    String missing = dir.resolve("missing.json").toString();

    CliRun run =
        CliRun.of("validate", "--errors-only", good.toString(), broken.toString(), missing);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(good + ": valid (0 errors, ")
        .contains(broken + ": INVALID (")
        .doesNotContain("  warning ")
        .endsWith("1 of 3 files valid\n");
    assertThat(run.err()).isEqualTo("crampcare validate: " + missing + ": no such file\n");
  }

  @Test
  void validate_withoutFiles_exits2() {
    CliRun run = CliRun.of("validate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("crampcare validate: Missing required parameter: 'FILE'");
  }
}
