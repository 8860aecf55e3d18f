package org.crampcare.fhir.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.crampcare.fhir.CrampCareFhir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bulk Data export flow against a server on loopback that implements it as the specification
 * says: asynchronously, with {@code Retry-After}, a manifest and files behind a bearer token.
 */
class BulkExportClientTest {
  private static final String TOKEN = "bulk-token-1";

  @TempDir Path dir;
  private HttpServer server;
  private String base;
  private Path files;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Instant> polls = new CopyOnWriteArrayList<>();
  private final AtomicInteger pending = new AtomicInteger(2);
  private volatile String outputUrlOverride;

  @BeforeEach
  void startServer() throws IOException {
    files = dir.resolve("server-files");
    new BulkExportGenerator(3).write(files, 20, false);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/fhir/Patient/$export", this::kickOff);
    server.createContext("/status/1", this::status);
    server.createContext("/files/", this::file);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void kickOff(HttpExchange x) throws IOException {
    requests.add(
        "kick-off " + x.getRequestURI() + " Prefer=" + x.getRequestHeaders().getFirst("Prefer"));
    if (!"respond-async".equals(x.getRequestHeaders().getFirst("Prefer"))) {
      send(
          x,
          400,
          "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
              + "\"code\":\"invalid\",\"diagnostics\":\"Prefer: respond-async is required\"}]}");
      return;
    }
    x.getResponseHeaders().add("Content-Location", base + "/status/1");
    send(x, 202, "");
  }

  private void status(HttpExchange x) throws IOException {
    if (x.getRequestMethod().equals("DELETE")) {
      requests.add("delete status");
      send(x, 202, "");
      return;
    }
    polls.add(Instant.now());
    if (pending.getAndDecrement() > 0) {
      x.getResponseHeaders().add("Retry-After", "1");
      x.getResponseHeaders().add("X-Progress", "exporting");
      send(x, 202, "");
      return;
    }
    StringBuilder output = new StringBuilder();
    try (var listing = Files.list(files)) {
      for (Path f : listing.sorted().toList()) {
        String type = f.getFileName().toString().replace(".ndjson", "");
        String url =
            outputUrlOverride != null ? outputUrlOverride : base + "/files/" + f.getFileName();
        output
            .append(output.length() == 0 ? "" : ",")
            .append("{\"type\":\"")
            .append(type)
            .append("\",\"url\":\"")
            .append(url)
            .append("\"}");
      }
    }
    send(
        x,
        200,
        "{\"transactionTime\":\"2026-11-21T12:00:00Z\",\"request\":\""
            + base
            + "/fhir/Patient/$export\",\"requiresAccessToken\":true,\"output\":["
            + output
            + "],\"error\":[{\"type\":\"OperationOutcome\",\"url\":\""
            + base
            + "/files/errors\"}]}");
  }

  private void file(HttpExchange x) throws IOException {
    String name = x.getRequestURI().getPath().substring("/files/".length());
    requests.add("file " + name + " auth=" + x.getRequestHeaders().getFirst("Authorization"));
    if (!("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
      send(x, 401, "");
      return;
    }
    if (name.equals("errors")) {
      send(
          x,
          200,
          "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
              + "\"code\":\"processing\",\"diagnostics\":\"Observation/x could not be exported\"}]}\n");
      return;
    }
    send(x, 200, Files.readString(files.resolve(name)));
  }

  private static void send(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private BulkExportClient client() {
    return BulkExportClient.builder(URI.create(base + "/fhir/Patient/$export"))
        .bearerToken(Optional.of(TOKEN))
        .types(List.of("Patient", "Observation", "Condition", "MedicationRequest", "Medication"))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void export_kicksOff_pollsAsRetryAfterSays_downloadsWithTheToken_andReadsTheErrors()
      throws IOException {
    BulkExportClient.Result result = client().export(dir.resolve("download"));

    assertThat(requests.get(0))
        .isEqualTo(
            "kick-off /fhir/Patient/$export?_type=Patient,Observation,Condition,MedicationRequest,"
                + "Medication Prefer=respond-async");
    assertThat(polls).hasSize(3);
    for (int i = 1; i < polls.size(); i++) {
      assertThat(Duration.between(polls.get(i - 1), polls.get(i)))
          .as("poll %d waits for Retry-After", i)
          .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
    assertThat(requests)
        .filteredOn(r -> r.startsWith("file "))
        .allSatisfy(r -> assertThat(r).endsWith("auth=Bearer " + TOKEN));
    assertThat(requests).last().isEqualTo("delete status");
    assertThat(result.files()).hasSize(6);
    assertThat(result.errors()).containsExactly("error: Observation/x could not be exported");
    assertThat(result.transactionTime()).isEqualTo("2026-11-21T12:00:00Z");

    // What was downloaded is what the server holds, and assesses as such.
    PopulationRun.Outcome outcome =
        PopulationRun.builder(CrampCareFhir.create(), Instant.parse("2026-11-21T23:59:59Z"))
            .threads(2)
            .shards(5)
            .build()
            .run(result.files(), dir.resolve("out"));
    assertThat(outcome.summary().assessed()).isEqualTo(20);
  }

  @Test
  void aManifestPointingElsewhere_isNotFollowed_andTheTokenNotSent() {
    outputUrlOverride = "http://127.0.0.2:1/steal";

    assertThatThrownBy(() -> client().export(dir.resolve("download")))
        .isInstanceOf(BulkExportClient.BulkExportException.class)
        .hasMessageContaining(
            "the server sent the client to http://127.0.0.2:1/steal, another origin");
    assertThat(requests).noneMatch(r -> r.startsWith("file "));
  }

  @Test
  void aRefusedKickOff_namesWhatTheServerSaid() {
    BulkExportClient client =
        BulkExportClient.builder(URI.create(base + "/fhir/Group/42/$export"))
            .timeout(Duration.ofSeconds(5))
            .build();

    assertThatThrownBy(() -> client.export(dir.resolve("download")))
        .isInstanceOf(BulkExportClient.BulkExportException.class)
        .hasMessageStartingWith("kick-off GET " + base + "/fhir/Group/42/$export answered 404");
  }

  @Test
  void retryAfter_readsSecondsAndHttpDates_andCapsTheWait() {
    assertThat(BulkExportClient.retryAfter(Optional.of("3"))).contains(Duration.ofSeconds(3));
    assertThat(BulkExportClient.retryAfter(Optional.of("7200"))).contains(Duration.ofSeconds(60));
    assertThat(BulkExportClient.retryAfter(Optional.of("Wed, 21 Oct 2015 07:28:00 GMT")))
        .contains(Duration.ZERO);
    assertThat(BulkExportClient.retryAfter(Optional.of("soon"))).isEmpty();
    assertThat(BulkExportClient.retryAfter(Optional.empty())).isEmpty();
  }

  @Test
  void aKickOffUrlThatIsNotAnExport_isRefused() {
    assertThatThrownBy(() -> BulkExportClient.builder(URI.create("file:///etc/passwd")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a Bulk Data kick-off URL");
  }
}
