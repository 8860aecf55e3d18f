package org.crampcare.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Collectors;
import org.crampcare.examples.SamplePatient;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code crampcare sync} against a real HAPI FHIR server on a free port. */
class SyncCommandTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private InProcessFhirServer ehr;

  @BeforeEach
  void startServer() {
    ehr = InProcessFhirServer.builder(FHIR).pageSize(3).start();
    IGenericClient client = FHIR.newRestfulGenericClient(ehr.baseUrl());
    // Loaded over HTTP the way an integrator would, two patients so searches must filter.
    for (SamplePatient sample :
        List.of(SamplePatient.NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM, SamplePatient.STATIN_RED_FLAG)) {
      client.transaction().withBundle(sample.bundle(FHIR)).execute();
    }
  }

  @AfterEach
  void stopServer() {
    ehr.close();
  }

  private CliRun sync(String... more) {
    String[] args = new String[6 + more.length];
    args[0] = "sync";
    args[1] = "--fhir-server";
    args[2] = ehr.baseUrl();
    args[3] = "--as-of";
    args[4] = "2026-11-21";
    args[5] = "--patient=sample-thiazide";
    System.arraycopy(more, 0, args, 6, more.length);
    return CliRun.of(args);
  }

  @Nested
  class WritesBack {
    @Test
    void sync_writesOneCarePlanWithActivitiesRequestsAndProvenance() {
      int before = ehr.resourceCount();

      CliRun run = sync();

      assertThat(run.err()).isEmpty();
      assertThat(run.exitCode()).isZero();
      List<CarePlan> plans = ehr.resources(CarePlan.class);
      assertThat(plans).hasSize(1);
      CarePlan plan = plans.get(0);
      assertThat(plan.getSubject().getReference()).isEqualTo("Patient/sample-thiazide");
      assertThat(plan.getActivity()).hasSize(10);
      assertThat(plan.getActivity())
          .allSatisfy(a -> assertThat(a.getReference().getReference()).isNotBlank());
      assertThat(ehr.resources(ServiceRequest.class)).isNotEmpty();
      assertThat(ehr.resources(CommunicationRequest.class)).isNotEmpty();
      assertThat(ehr.resources(Provenance.class)).hasSize(1);
      assertThat(ehr.resourceCount()).isGreaterThan(before);
      assertThat(run.out())
          .contains("Read 9 resources from " + ehr.baseUrl())
          .contains("Wrote one transaction of ");
    }

    @Test
    void sync_referencesTheEhrsOwnResourcesFromTheRequests() {
      sync();

      List<String> reasons =
          ehr.resources(ServiceRequest.class).stream()
              .flatMap(r -> r.getReasonReference().stream())
              .map(Reference::getReference)
              .collect(Collectors.toList());
      assertThat(reasons).contains("Observation/sample-thiazide-potassium");
    }

    @Test
    void sync_readsEveryPage() {
      // The server pages by 3 when asked: 7 Observations take 3 pages.
      CliRun run = sync("--page-size", "3");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .contains(
              "Read 9 resources from "
                  + ehr.baseUrl()
                  + ": MedicationRequest 1, Observation 7, Patient 1")
          .contains("5 episodes in the last 28 days");
    }

    @Test
    void sync_twice_createsNothingTheSecondTime() {
      CliRun first = sync();
      int afterFirst = ehr.resourceCount();
      int observations = ehr.resources(Observation.class).size();

      CliRun second = sync();

      assertThat(second.exitCode()).isZero();
      assertThat(ehr.resourceCount()).isEqualTo(afterFirst);
      assertThat(ehr.resources(CarePlan.class)).hasSize(1);
      assertThat(ehr.resources(Provenance.class)).hasSize(1);
      assertThat(ehr.resources(Observation.class)).hasSize(observations);
      assertThat(second.out()).contains(": 0 created, ");
      assertThat(second.recommendationCodes()).isEqualTo(first.recommendationCodes());
    }

    private CliRun syncOn(String day, String... more) {
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "sync",
                  "--fhir-server",
                  ehr.baseUrl(),
                  "--as-of",
                  day,
                  "--patient=sample-thiazide"));
      args.addAll(List.of(more));
      return CliRun.of(args.toArray(new String[0]));
    }

    private List<CarePlan> plansWithStatus(CarePlan.CarePlanStatus status) {
      return ehr.resources(CarePlan.class).stream()
          .filter(p -> p.getStatus() == status)
          .collect(Collectors.toList());
    }

    private List<String> activeRequests() {
      List<String> active = new java.util.ArrayList<>();
      ehr.resources(ServiceRequest.class).stream()
          .filter(r -> r.getStatus() == ServiceRequest.ServiceRequestStatus.ACTIVE)
          .forEach(r -> active.add("ServiceRequest/" + r.getIdElement().getIdPart()));
      ehr.resources(CommunicationRequest.class).stream()
          .filter(r -> r.getStatus() == CommunicationRequest.CommunicationRequestStatus.ACTIVE)
          .forEach(r -> active.add("CommunicationRequest/" + r.getIdElement().getIdPart()));
      return active;
    }

    private static List<String> activities(CarePlan plan) {
      return plan.getActivity().stream()
          .map(a -> a.getReference().getReference())
          .map(r -> new org.hl7.fhir.r4.model.IdType(r).toUnqualifiedVersionless().getValue())
          .collect(Collectors.toList());
    }

    @Test
    void sync_onThreeDays_keepsOneActivePlan_revokingTheEarlierOneAndItsOpenRequests() {
      String[] days = {"2026-11-21", "2026-11-22", "2026-11-23"};
      String previous = null;
      for (int day = 0; day < days.length; day++) {
        CliRun run = syncOn(days[day]);

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        List<CarePlan> active = plansWithStatus(CarePlan.CarePlanStatus.ACTIVE);
        assertThat(active).hasSize(1);
        CarePlan current = active.get(0);
        assertThat(current.getCreatedElement().getValueAsString()).startsWith(days[day]);
        assertThat(plansWithStatus(CarePlan.CarePlanStatus.REVOKED)).hasSize(day);
        // What is active is exactly the current plan's requests, not a pile of earlier ones.
        assertThat(activeRequests()).containsExactlyInAnyOrderElementsOf(activities(current));
        if (previous == null) {
          assertThat(current.getReplaces()).isEmpty();
          assertThat(run.out()).doesNotContain("Replaced ");
        } else {
          assertThat(current.getReplaces())
              .extracting(Reference::getReference)
              .containsExactly(previous);
          CarePlan revoked =
              ehr.read(CarePlan.class, previous.substring("CarePlan/".length())).orElseThrow();
          assertThat(revoked.getStatus()).isEqualTo(CarePlan.CarePlanStatus.REVOKED);
          assertThat(revoked.getNoteFirstRep().getText())
              .startsWith("Replaced by the CrampCare assessment as of " + days[day]);
          assertThat(run.out())
              .contains("Replaced the earlier CrampCare plan " + previous + " (now revoked")
              .contains("revoked " + activities(revoked).size() + " open requests of it.")
              .contains(", " + (1 + activities(revoked).size()) + " earlier ones revoked.");
        }
        previous = "CarePlan/" + current.getIdElement().getIdPart();
      }

      // The same day again: the same plan, so nothing new and nothing revoked.
      int before = ehr.resourceCount();
      CliRun again = syncOn(days[2]);

      assertThat(again.exitCode()).isZero();
      assertThat(again.out()).contains(": 0 created, ").doesNotContain("Replaced ");
      assertThat(ehr.resourceCount()).isEqualTo(before);
      assertThat(plansWithStatus(CarePlan.CarePlanStatus.ACTIVE))
          .extracting(p -> "CarePlan/" + p.getIdElement().getIdPart())
          .containsExactly(previous);
    }

    @Test
    void sync_leavesRequestsAClinicianActedOn_asTheyAre() {
      syncOn("2026-11-21");
      ServiceRequest done =
          ehr.resources(ServiceRequest.class).stream()
              .filter(r -> r.getStatus() == ServiceRequest.ServiceRequestStatus.ACTIVE)
              .findFirst()
              .orElseThrow();
      done.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
      FHIR.newRestfulGenericClient(ehr.baseUrl()).update().resource(done).execute();

      CliRun run = syncOn("2026-11-22", "--dry-run");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .contains("The transaction replaces the earlier CrampCare plan CarePlan/")
          .contains("  PUT CarePlan/")
          .doesNotContain("  PUT ServiceRequest/" + done.getIdElement().getIdPart() + "\n");
      assertThat(
              ehr.read(ServiceRequest.class, done.getIdElement().getIdPart())
                  .orElseThrow()
                  .getStatus())
          .isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED);
    }

    @Test
    void sync_dryRun_writesNothingAndListsTheEntries() {
      int before = ehr.resourceCount();

      CliRun run = sync("--dry-run");

      assertThat(run.exitCode()).isZero();
      assertThat(ehr.resourceCount()).isEqualTo(before);
      assertThat(ehr.resources(CarePlan.class)).isEmpty();
      assertThat(run.out())
          .contains("Dry run: nothing was written. The transaction would hold ")
          .contains("  POST CarePlan (if none exists: identifier=");
    }

    @Test
    void sync_redFlagPatient_putsUrgentReviewFirst() {
      CliRun run =
          CliRun.of(
              "sync",
              "--fhir-server",
              ehr.baseUrl(),
              "--patient",
              "sample-statin",
              "--as-of",
              "2026-11-21");

      assertThat(run.exitCode()).isZero();
      assertThat(run.recommendationCodes()).first().isEqualTo("urgent-medical-review");
      assertThat(ehr.resources(ServiceRequest.class))
          .filteredOn(
              r ->
                  r.getCode().getCoding().stream()
                      .anyMatch(c -> c.getCode().equals("urgent-medical-review")))
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.getPriority())
                      .isEqualTo(ServiceRequest.ServiceRequestPriority.ASAP));
    }
  }

  @Nested
  class Failures {
    @Test
    void sync_unknownPatient_exits1AndWritesNothing() {
      int before = ehr.resourceCount();

      CliRun run = CliRun.of("sync", "--fhir-server", ehr.baseUrl(), "--patient", "nobody");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "crampcare sync: reading Patient/nobody on "
                  + ehr.baseUrl()
                  + ": not found (HTTP 404). Nothing was written.\n");
      assertThat(ehr.resourceCount()).isEqualTo(before);
    }

    @Test
    void sync_closedPort_exits1WithConnectionRefused() throws IOException {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      String url = "http://127.0.0.1:" + port + "/fhir";

      CliRun run = CliRun.of("sync", "--fhir-server", url, "--patient", "sample-thiazide");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .startsWith(
              "crampcare sync: reading Patient/sample-thiazide on "
                  + url
                  + " failed: cannot connect (")
          .contains("Connection refused")
          .endsWith("). Nothing was written.\n");
    }

    @Test
    void sync_serverError_exits1WithTheServersDiagnostics() {
      try (StubHttpServer broken = StubHttpServer.failing(500)) {
        CliRun run =
            CliRun.of("sync", "--fhir-server", broken.baseUrl(), "--patient", "sample-thiazide");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
            .isEqualTo(
                "crampcare sync: reading Patient/sample-thiazide on "
                    + broken.baseUrl()
                    + " failed: HTTP 500 database unavailable. Nothing was written.\n");
      }
    }

    @Test
    void sync_transactionRejected_exits1AndTheServerHoldsNothingNew_andOutIsNotWritten(
        @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
      int before = ehr.resourceCount();
      java.nio.file.Path out = dir.resolve("transaction.json");
      try (StubHttpServer proxy = StubHttpServer.readOnlyProxy(ehr.baseUrl())) {
        CliRun run =
            CliRun.of(
                "sync",
                "--fhir-server",
                proxy.baseUrl(),
                "--patient",
                "sample-thiazide",
                "--as-of",
                "2026-11-21",
                "--out",
                out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
            .isEqualTo(
                "crampcare sync: writing the transaction to "
                    + proxy.baseUrl()
                    + " failed: HTTP 500 database unavailable. Nothing was written: the server"
                    + " rejected the transaction as a whole.\n");
      }
      assertThat(ehr.resourceCount()).isEqualTo(before);
      assertThat(ehr.resources(CarePlan.class)).isEmpty();
      // The transaction was staged beside --out before it was sent; nothing is left of it.
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
        assertThat(files).isEmpty();
      }
    }

    @Test
    void sync_slowServer_exits1AfterTheTimeout() {
      try (StubHttpServer slow = StubHttpServer.slow(5_000)) {
        CliRun run =
            CliRun.of(
                "sync",
                "--fhir-server",
                slow.baseUrl(),
                "--patient",
                "sample-thiazide",
                "--timeout",
                "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
            .isEqualTo(
                "crampcare sync: reading Patient/sample-thiazide on "
                    + slow.baseUrl()
                    + " failed: no answer within 1 s (timed out). Nothing was written.\n");
      }
    }

    @Test
    void sync_serverThatNeedsAToken_exits1WithHttp401_andWorksWithTheToken() {
      try (InProcessFhirServer guarded =
          InProcessFhirServer.builder(FHIR).requireBearerToken("s3cret").start()) {
        guarded.load(SamplePatient.HAND_CRAMPS_TYPING.bundle(FHIR));

        CliRun refused =
            CliRun.of("sync", "--fhir-server", guarded.baseUrl(), "--patient", "sample-typing");
        CliRun allowed =
            CliRun.of(
                "sync",
                "--fhir-server",
                guarded.baseUrl(),
                "--patient",
                "sample-typing",
                "--bearer-token",
                "s3cret");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
            .startsWith(
                "crampcare sync: reading Patient/sample-typing on "
                    + guarded.baseUrl()
                    + " failed: HTTP 401 ");
        assertThat(allowed.exitCode()).isZero();
        assertThat(guarded.resources(CarePlan.class)).hasSize(1);
      }
    }
  }

  @Nested
  class Usage {
    @Test
    void sync_withoutPatient_exits2() {
      CliRun run = CliRun.of("sync", "--fhir-server", "http://127.0.0.1:1/fhir");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).startsWith("crampcare sync: Missing required option: '--patient=ID'");
    }

    @Test
    void sync_zeroTimeout_exits2() {
      CliRun run =
          CliRun.of(
              "sync",
              "--fhir-server",
              "http://127.0.0.1:1/fhir",
              "--patient",
              "x",
              "--timeout",
              "0");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .startsWith("crampcare sync: --timeout must be at least 1 second, got 0");
    }
  }
}
