package org.crampcare.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real charts in: every EHR-shaped chart of {@code ehr-charts/} (written the way EHRs and apps
 * write records, by {@code src/test/charts/make_ehr_charts.py}) goes through the command line, and
 * its advice must include what {@code cases.tsv} expects, leave out what it forbids, and say what
 * it lists.
 */
class EhrChartsSpecTest {
  private static final String DIR = "/org/crampcare/examples/ehr-charts/";

  @TempDir Path dir;

  /** One row of {@code cases.tsv}. */
  record Chart(
      String file, List<String> expect, List<String> forbid, List<String> says, String why) {
    @Override
    public String toString() {
      return file + (why.isEmpty() ? "" : ": " + why);
    }
  }

  static Stream<Chart> charts() throws IOException {
    List<Chart> charts = new ArrayList<>();
    for (String line : read("cases.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = Arrays.copyOf(line.split("\t", -1), 5);
      charts.add(new Chart(f[0], words(f[1]), words(f[2]), parts(f[3]), f[4] == null ? "" : f[4]));
    }
    return charts.stream();
  }

  private static List<String> words(String field) {
    return field == null || field.isBlank() ? List.of() : List.of(field.trim().split(" +"));
  }

  private static List<String> parts(String field) {
    return field == null || field.isBlank() ? List.of() : List.of(field.split(" \\| "));
  }

  private static String read(String name) throws IOException {
    try (InputStream in = EhrChartsSpecTest.class.getResourceAsStream(DIR + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theCorpus_hasAtLeastFortyCharts() throws IOException {
    assertThat(charts()).hasSizeGreaterThanOrEqualTo(40);
  }

  /** One facade, and so one validator, for every chart. */
  private static final org.crampcare.fhir.CrampCareFhir FHIR =
      org.crampcare.fhir.CrampCareFhir.create();

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void assess_chart_writesATransactionWithZeroValidatorErrors(Chart chart) throws IOException {
    org.hl7.fhir.r4.model.Bundle input =
        FHIR.context()
            .newJsonParser()
            .parseResource(org.hl7.fhir.r4.model.Bundle.class, read(chart.file()));

    org.crampcare.fhir.CrampCareFhir.Result result =
        FHIR.assess(input, java.time.Instant.parse("2026-11-21T23:59:59Z"));

    assertThat(FHIR.validator().validate(result.transaction()).errors()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void assess_chart_givesTheExpectedAdviceAndNoneOfTheForbidden(Chart chart) throws IOException {
    Path file = dir.resolve(chart.file());
    Files.writeString(file, read(chart.file()), StandardCharsets.UTF_8);

    CliRun run = CliRun.of("assess", "--in", file.toString(), "--as-of", "2026-11-21");

    assertThat(run.err()).as("standard error").isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.recommendationCodes()).as("advice").containsAll(chart.expect());
    for (String forbidden : chart.forbid()) {
      assertThat(run.recommendationCodes()).as("forbidden advice").doesNotContain(forbidden);
    }
    for (String text : chart.says()) {
      assertThat(run.flatOut()).as("the summary").contains(text);
    }
    if (!run.flatOut().contains(" 0 not usable")) {
      // Records were found but not used: nothing may claim there were none.
      assertThat(run.out())
          .doesNotContain("Episodes:  none in the")
          .doesNotContain("Red flags: none\n");
    }
  }
}
