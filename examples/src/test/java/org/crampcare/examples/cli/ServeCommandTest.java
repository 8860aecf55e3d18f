package org.crampcare.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code crampcare serve}, started on a free port in a background thread and stopped. */
class ServeCommandTest {
  private static final Pattern DISCOVERY = Pattern.compile("Discovery: +GET +(\\S+)");
  private static final Pattern FHIR = Pattern.compile("FHIR R4 server: (\\S+) with");

  @Test
  void serve_withFhirServer_servesDiscoveryCardsAndTheSamples_untilStopped() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CrampCareCli cli =
        new CrampCareCli(
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]),
            CliRun.CLOCK);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> exit =
          executor.submit(
              () -> cli.run("serve", "--port", "0", "--with-fhir-server", "--as-of", "2026-11-21"));
      String started = awaitOutput(out, "Press Ctrl-C to stop.");
      Matcher discovery = DISCOVERY.matcher(started);
      Matcher fhir = FHIR.matcher(started);
      assertThat(discovery.find()).as(started).isTrue();
      assertThat(fhir.find()).as(started).isTrue();
      assertThat(started)
          .contains("  Patient/sample-statin  ")
          .contains("Assessing as of: 2026-11-21T23:59:59Z");

      HttpClient http = HttpClient.newHttpClient();
      String base = discovery.group(1).replace("/cds-services", "");
      String endpoint = discovery.group(1) + "/crampcare-patient-view";
      HttpResponse<String> withoutToken =
          http.send(
              HttpRequest.newBuilder(URI.create(discovery.group(1))).build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> services =
          http.send(
              HttpRequest.newBuilder(URI.create(discovery.group(1)))
                  .header("Authorization", "Bearer " + demoToken(http, base, discovery.group(1)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> patient =
          http.send(
              HttpRequest.newBuilder(URI.create(fhir.group(1) + "/Patient/sample-thiazide"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String call =
          "{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
              + "\"fhirServer\":\""
              + fhir.group(1)
              + "\",\"context\":{\"userId\":\"Practitioner/x\",\"patientId\":\"sample-statin\"}}";
      HttpResponse<String> cards =
          http.send(
              HttpRequest.newBuilder(URI.create(endpoint))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + demoToken(http, base, endpoint))
                  .POST(HttpRequest.BodyPublishers.ofString(call))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(started).contains("WARNING: this demo trusts only its own local key");
      assertThat(withoutToken.statusCode()).isEqualTo(401);
      assertThat(services.statusCode()).isEqualTo(200);
      assertThat(services.body()).contains("\"id\":\"crampcare-patient-view\"");
      assertThat(patient.statusCode()).isEqualTo(200);
      assertThat(cards.statusCode()).isEqualTo(200);
      assertThat(cards.body()).contains("\"indicator\":\"critical\"");

      cli.stop();
      assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
      assertThat(out.toString()).endsWith("Stopped.\n");
      assertThat(err.toString()).isEmpty();
    } finally {
      cli.stop();
      executor.shutdownNow();
    }
  }

  private static String demoToken(HttpClient http, String base, String endpoint) throws Exception {
    HttpResponse<String> token =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/demo-token?aud=" + endpoint)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(token.statusCode()).isEqualTo(200);
    return token.body();
  }

  @Test
  void serve_withoutATrustedClient_exits2_namingTheOptions() {
    CliRun run = CliRun.of("serve", "--port", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "crampcare serve: serve trusts no CDS client: give --trust ISSUER=JWKS (the EHR's iss and its JWK Set"
                + " URL or file), or --with-fhir-server for a local demo");
  }

  @Test
  void serve_withABadConfigFile_exits2_listingItsProblems(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path config = dir.resolve("cds.json");
    java.nio.file.Files.writeString(
        config, "{\"schema\":\"crampcare/cds-config/1\",\"issuers\":[]}");

    CliRun run = CliRun.of("serve", "--config", config.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("crampcare serve: configuration " + config + " has 1 problem(s):")
        .contains("$.issuers: [] is not allowed; expected a non-empty array");
  }

  @Test
  void serve_demoOnANonLoopbackHost_exits2() {
    CliRun run = CliRun.of("serve", "--with-fhir-server", "--host", "0.0.0.0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("crampcare serve: --with-fhir-server hands out demo tokens");
  }

  @Test
  void serve_portOutOfRange_exits2() {
    CliRun run = CliRun.of("serve", "--port", "70000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("crampcare serve: --port must be within 0..65535, got 70000");
  }

  @Test
  void serve_portInUse_exits1NamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      CliRun run =
          CliRun.of(
              "serve",
              "--port",
              String.valueOf(port),
              "--trust",
              "https://ehr.example=https://ehr.example/jwks.json");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .startsWith("crampcare serve: cannot listen on 127.0.0.1:" + port + ": ");
    }
  }

  private static String awaitOutput(StringWriter out, String marker) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String text = out.toString();
      if (text.contains(marker)) {
        return text;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not print '" + marker + "' within 60 s: " + out);
  }
}
