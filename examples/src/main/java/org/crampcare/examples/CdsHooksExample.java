package org.crampcare.examples;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.crampcare.server.AllowedFhirServer;
import org.crampcare.server.CdsHooksServer;
import org.crampcare.server.LocalDemoIssuer;

/**
 * Example 4: the CDS Hooks service and a call to it. Starts CrampCare's CDS Hooks 2.0 service with
 * an in-process FHIR server beside it (standing in for the EHR), loads a sample patient, and calls
 * the service as an EHR would when a clinician opens the patient's chart: a {@code patient-view}
 * hook call whose {@code fhirServer} lets the service fetch the record. Prints the discovery answer
 * and the cards.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am -DskipTests install exec:java
 * -Dexec.mainClass=org.crampcare.examples.CdsHooksExample}.
 */
public final class CdsHooksExample {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CdsHooksExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   * @throws IOException if a call fails
   * @throws InterruptedException if interrupted while waiting for an answer
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    run(SamplePatient.STATIN_RED_FLAG, System.out);
  }

  /**
   * Starts the service, calls it for a sample patient and prints the cards.
   *
   * @param sample the patient whose chart is opened
   * @param console where to print
   * @return the service's answer: {@code {"cards": [...]}}
   * @throws IOException if a call fails
   * @throws InterruptedException if interrupted while waiting for an answer
   */
  public static JsonNode run(SamplePatient sample, PrintStream console)
      throws IOException, InterruptedException {
    FhirContext fhir = FhirContext.forR4Cached();
    // The EHR: an in-process FHIR server, mounted on the CDS service's own port.
    InProcessFhirServer.Mountable mountable = InProcessFhirServer.builder(fhir).mountable();
    // The EHR signs every call with its key; the service trusts only that key. A real EHR
    // publishes its JWK Set at a URL: TrustedIssuer.withJwksUrl(iss, url).
    LocalDemoIssuer ehrKey = LocalDemoIssuer.create();
    int port = freePort();
    try (CdsHooksServer service =
        CdsHooksServer.builder(fhir)
            .port(port)
            // The samples are dated for 2026-11-21; a fixed clock keeps their episodes recent.
            .clock(Clock.fixed(SamplePatient.asOf(), ZoneOffset.UTC))
            .trust(ehrKey.trust())
            // The only FHIR server the service may read charts from.
            .allowFhirServer(
                AllowedFhirServer.of("http://127.0.0.1:" + port + InProcessFhirServer.PATH))
            .mount(InProcessFhirServer.PATH, mountable.servlet())
            .start()) {
      InProcessFhirServer ehr = mountable.mountedAt(service.baseUrl() + InProcessFhirServer.PATH);
      ehr.load(sample.bundle(fhir));
      HttpClient http = HttpClient.newHttpClient();

      // 1. Discovery: what services are there, and what data do they want prefetched?
      JsonNode discovery =
          JSON.readTree(
              http.send(
                      HttpRequest.newBuilder(URI.create(service.servicesUrl()))
                          .header("Authorization", "Bearer " + ehrKey.token(service.servicesUrl()))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      for (JsonNode s : discovery.path("services")) {
        console.println("Service " + s.path("id").asText() + " on hook " + s.path("hook").asText());
      }

      // 2. The hook call: no prefetch here, so the service reads the chart from fhirServer.
      ObjectNode call = JSON.createObjectNode();
      call.put("hook", "patient-view");
      call.put("hookInstance", UUID.randomUUID().toString());
      call.put("fhirServer", ehr.baseUrl());
      call.putObject("context")
          .put("userId", "Practitioner/example")
          .put("patientId", sample.patientId());
      String endpoint = service.servicesUrl() + "/crampcare-patient-view";
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(endpoint))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + ehrKey.token(endpoint))
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      console.println("HTTP " + answer.statusCode() + " for Patient/" + sample.patientId());
      JsonNode cards = JSON.readTree(answer.body());
      for (JsonNode card : cards.path("cards")) {
        console.println(
            "  ["
                + card.path("indicator").asText()
                + "] "
                + card.path("summary").asText()
                + " (source: "
                + card.path("source").path("label").asText()
                + ")");
        for (JsonNode suggestion : card.path("suggestions")) {
          console.println("      suggestion: " + suggestion.path("label").asText());
        }
      }
      return cards;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
