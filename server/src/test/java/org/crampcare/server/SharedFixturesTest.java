package org.crampcare.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real patient records (Synthea, Inferno US Core) from the shared fixtures, read in place from
 * {@code shared/fixtures/fhir}; skipped when that folder is not there.
 */
class SharedFixturesTest {
  static final FhirContext CTX = FhirContext.forR4Cached();

  static InProcessFhirServer fhir;
  static TestEhr ehr;
  static CdsHooksServer cds;

  static Optional<Path> fixtures() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared/fixtures/fhir/bundles");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }

  static Stream<Arguments> bundles() throws IOException {
    Optional<Path> dir = fixtures();
    if (dir.isEmpty()) {
      return Stream.of(Arguments.of(Path.of("shared/fixtures/fhir/bundles (missing)")));
    }
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir.get())) {
      files
          .filter(p -> p.toString().endsWith(".json"))
          .sorted()
          .forEach(p -> out.add(Arguments.of(p)));
    }
    return out.stream();
  }

  @BeforeAll
  static void start() {
    // The Inferno file is an extract of a larger server: one of its MedicationDispenses points at
    // a MedicationRequest it does not hold, which a strict server rightly refuses (tested below).
    fhir = InProcessFhirServer.builder(CTX).referentialIntegrity(false).start();
    ehr = TestEhr.start();
    cds =
        CdsHooksServer.builder(CTX)
            .clock(Clock.fixed(Instant.parse("2026-11-21T09:00:00Z"), ZoneOffset.UTC))
            .trust(ehr.trust())
            .allowFhirServer(AllowedFhirServer.of(fhir.baseUrl()))
            .start();
  }

  @AfterAll
  static void stop() {
    cds.close();
    fhir.close();
    ehr.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundles")
  void realTransactionBundle_loadsOverHttp_searchesFindIt_andTheCdsServiceReadsIt(Path file)
      throws Exception {
    assumeTrue(
        Files.isRegularFile(file),
        "shared fixtures not found (looked for shared/fixtures/fhir/bundles above "
            + Path.of("").toAbsolutePath()
            + "); skipping");
    Bundle bundle = (Bundle) CTX.newJsonParser().parseResource(Files.readString(file));
    IGenericClient client = CTX.newRestfulGenericClient(fhir.baseUrl());

    Bundle response = client.transaction().withBundle(bundle).execute();

    assertThat(response.getEntry()).hasSize(bundle.getEntry().size());
    String patientLocation =
        response.getEntry().get(indexOfPatient(bundle)).getResponse().getLocation();
    String patientId = patientLocation.split("/")[1];
    long observations =
        bundle.getEntry().stream()
            .filter(e -> e.getResource().fhirType().equals("Observation"))
            .count();
    List<Resource> found = new ArrayList<>();
    Bundle page =
        client
            .search()
            .byUrl("Observation?patient=" + patientId + "&_count=50")
            .returnBundle(Bundle.class)
            .execute();
    found.addAll(page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList());
    while (page.getLink(Bundle.LINK_NEXT) != null) {
      page = client.loadPage().next(page).execute();
      found.addAll(page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList());
    }
    assertThat(found).hasSize((int) observations);

    String call = CdsCalls.call(patientId).put("fhirServer", fhir.baseUrl()).toString();
    HttpResponse<String> cards =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(cds.servicesUrl() + "/crampcare-patient-view"))
                    .header("Content-Type", "application/json")
                    .header(
                        "Authorization",
                        "Bearer " + ehr.token(cds.servicesUrl() + "/crampcare-patient-view"))
                    .POST(HttpRequest.BodyPublishers.ofString(call))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(cards.statusCode()).as(cards.body()).isEqualTo(200);
    assertThat(CdsCalls.JSON.readTree(cards.body()).has("cards")).isTrue();
  }

  @org.junit.jupiter.api.Test
  void extractWithDanglingReference_isRefusedByAStrictServer_andNothingIsWritten()
      throws Exception {
    Optional<Path> dir = fixtures();
    assumeTrue(dir.isPresent(), "shared fixtures not found; skipping");
    Path file =
        dir.get().resolve("inferno-reference-server-data/uscore_bundle_patient_client_test.json");
    assumeTrue(Files.isRegularFile(file), "Inferno fixture not found; skipping");
    Bundle bundle = (Bundle) CTX.newJsonParser().parseResource(Files.readString(file));
    try (InProcessFhirServer strict = InProcessFhirServer.start(CTX)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.load(bundle))
          .hasMessage(
              "Bundle.entry[14] (PUT MedicationDispense): reference"
                  + " 'MedicationRequest/medicationrequest-coded-oral-axid' points to no resource"
                  + " on this server");
      assertThat(strict.resourceCount()).isZero();
    }
  }

  static int indexOfPatient(Bundle bundle) {
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      if (bundle.getEntry().get(i).getResource() instanceof Patient) {
        return i;
      }
    }
    throw new AssertionError("no Patient in the bundle");
  }
}
