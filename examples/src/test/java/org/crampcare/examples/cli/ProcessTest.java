package org.crampcare.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as its own process: what a terminal and a service manager see. */
class ProcessTest {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Pattern TOKEN = Pattern.compile("one call.*:\\n  (\\S+)\\n");
  private static final Pattern ENDPOINT = Pattern.compile("Patient view: POST (\\S+)");
  private static final Pattern FHIR = Pattern.compile("FHIR R4 server: (\\S+) ");

  @Test
  void serve_stopsCleanlyOnSigterm_afterHandlingACall() throws Exception {
    try (CliProcess serve =
        CliProcess.start(
            List.of("-Xmx512m"),
            "serve",
            "--with-fhir-server",
            "--port",
            "0",
            "--as-of",
            "2026-11-21")) {
      assertThat(serve.awaitOutput("Press Ctrl-C to stop.", START))
          .as("serve started; stderr: %s", serve.err())
          .isTrue();
      String out = serve.out();
      String endpoint = group(ENDPOINT, out);
      String body =
          "{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
              + "\"fhirServer\":\""
              + group(FHIR, out)
              + "\",\"context\":{\"userId\":\"Practitioner/example\",\"patientId\":"
              + "\"sample-statin\"}}";
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(endpoint))
                      .header("Authorization", "Bearer " + group(TOKEN, out))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("urgent-medical-review");

      serve.terminate();
      int exit = serve.waitFor(Duration.ofSeconds(30));

      // 143 = 128 + SIGTERM: the JVM ended because of the signal, after its shutdown hooks.
      assertThat(exit).isEqualTo(143);
      assertThat(serve.out()).endsWith("Press Ctrl-C to stop.\nStopped.\n");
      assertThat(serve.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void outOfMemory_isOneLine_notAStackTrace(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.json");
    Files.writeString(big, RealUseTest.withOldCramps(50_000), StandardCharsets.UTF_8);

    try (CliProcess assess =
        CliProcess.start(
            List.of("-Xmx64m"),
            "assess",
            "--in",
            big.toString(),
            "--as-of",
            "2026-11-21",
            "--max-input-size",
            "100MB")) {
      int exit = assess.waitFor(Duration.ofSeconds(120));

      assertThat(exit).isEqualTo(1);
      assertThat(assess.err())
          .isEqualTo(
              "crampcare: out of memory (Java's heap limit is 64 MB). Give Java more memory, for"
                  + " example JAVA_OPTS=-Xmx2g (validate needs at least 256 MB; a large input"
                  + " needs more), or split the input.\n");
      assertThat(assess.out()).isEmpty();
    }
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
    return m.group(1);
  }

  @Test
  void population_readsAnExportLargerThanItsHeap_whateverTheSizeOfItsResources(@TempDir Path dir)
      throws Exception {
    // 160 patients, each with a 1 MB scanned document: 160 MB of NDJSON for a 128 MB heap. A
    // partition batch counted in lines alone would hold all of it at once.
    int patients = 160;
    String scan = "JVBERi0xLjQK".repeat(1_000_000 / 12);
    Path export = Files.createDirectories(dir.resolve("export"));
    try (java.io.Writer pt = Files.newBufferedWriter(export.resolve("Patient.ndjson"));
        java.io.Writer docs = Files.newBufferedWriter(export.resolve("DocumentReference.ndjson"))) {
      for (int i = 0; i < patients; i++) {
        pt.write(
            "{\"resourceType\":\"Patient\",\"id\":\"d"
                + i
                + "\",\"gender\":\"female\",\"birthDate\":\"1950-01-01\"}\n");
        docs.write(
            "{\"resourceType\":\"DocumentReference\",\"id\":\"scan-"
                + i
                + "\",\"status\":\"current\",\"subject\":{\"reference\":\"Patient/d"
                + i
                + "\"},\"content\":[{\"attachment\":{\"contentType\":\"application/pdf\","
                + "\"data\":\""
                + scan
                + "\"}}]}\n");
      }
    }
    Path out = dir.resolve("out");

    try (CliProcess population =
        CliProcess.start(
            List.of("-Xmx128m"),
            "population",
            "--in",
            export.toString(),
            "--out",
            out.toString(),
            "--as-of",
            "2026-11-21",
            "--threads",
            "2",
            "--quiet")) {
      int exit = population.waitFor(Duration.ofSeconds(180));

      assertThat(exit).as("stderr: %s", population.err()).isZero();
    }
    String summary = Files.readString(out.resolve("summary.json"), StandardCharsets.UTF_8);
    assertThat(summary).contains("\"DocumentReference\" : " + patients);
    assertThat(Files.readAllLines(out.resolve("OperationOutcome.ndjson"))).hasSize(patients);
  }
}
