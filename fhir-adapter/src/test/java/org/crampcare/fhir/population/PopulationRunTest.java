package org.crampcare.fhir.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.crampcare.fhir.CrampCareFhir;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Bulk Data export of 200 patients, assessed as a population. */
class PopulationRunTest {
  private static final Instant AS_OF = Instant.parse("2026-11-21T23:59:59Z");
  private static final CrampCareFhir FHIR = CrampCareFhir.create();
  private static final int PATIENTS = 200;

  @TempDir static Path shared;
  private static Path export;
  private static BulkExportGenerator generator;
  private static Path outOneThread;
  private static PopulationRun.Outcome outcome;

  @BeforeAll
  static void assessTheExportWithOneThread() throws IOException {
    export = shared.resolve("export");
    generator = new BulkExportGenerator(42);
    generator.write(export, PATIENTS, false);
    outOneThread = shared.resolve("out-1");
    outcome =
        PopulationRun.builder(FHIR, AS_OF)
            .threads(1)
            .shards(7)
            .build()
            .run(BulkInput.files(export), outOneThread);
  }

  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> listing = Files.list(dir)) {
      for (Path f : listing.toList()) {
        files.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    return files;
  }

  /** Every patient's resources from the export, grouped as a person would by hand. */
  private static Map<String, List<Resource>> byPatient() throws IOException {
    IParser parser = FHIR.context().newJsonParser();
    Map<String, Resource> medications = new TreeMap<>();
    Map<String, List<Resource>> patients = new TreeMap<>();
    for (Path file : BulkInput.files(export)) {
      try (BufferedReader in = Files.newBufferedReader(file)) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.startsWith("{")) {
            continue;
          }
          Resource r = (Resource) parser.parseResource(line);
          if (r.fhirType().equals("Medication")) {
            medications.put(r.getIdElement().getIdPart(), r);
          } else if (r.fhirType().equals("Patient")) {
            patients.computeIfAbsent(r.getIdElement().getIdPart(), k -> new ArrayList<>()).add(r);
          }
        }
      }
    }
    for (Path file : BulkInput.files(export)) {
      try (BufferedReader in = Files.newBufferedReader(file)) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.startsWith("{")) {
            continue;
          }
          Resource r = (Resource) parser.parseResource(line);
          if (r.fhirType().equals("Patient")
              || r.fhirType().equals("Medication")
              || r.fhirType().equals("Organization")) {
            continue;
          }
          String subject =
              FHIR.context().newTerser().getSinglePrimitiveValueOrNull(r, "subject.reference");
          if (subject == null || !subject.startsWith("Patient/")) {
            continue;
          }
          List<Resource> record = patients.get(subject.substring("Patient/".length()));
          if (record == null) {
            continue;
          }
          record.add(r);
          if (r instanceof org.hl7.fhir.r4.model.MedicationRequest) {
            String med =
                ((org.hl7.fhir.r4.model.MedicationRequest) r)
                    .getMedicationReference()
                    .getReferenceElement()
                    .getIdPart();
            record.add(medications.get(med));
          }
        }
      }
    }
    return patients;
  }

  @Test
  void eachPatientsResult_isWhatAssessingThatPatientAloneGives() throws IOException {
    IParser parser = FHIR.context().newJsonParser();
    Set<String> expectedPlans = new HashSet<>();
    for (List<Resource> record : byPatient().values()) {
      CrampCareFhir.Result result = FHIR.assess(record, AS_OF);
      for (Resource r : BulkAssessor.ndjsonResources(result.transaction())) {
        if (r.fhirType().equals("CarePlan")) {
          expectedPlans.add(parser.encodeResourceToString(r));
        }
      }
    }

    List<String> plans = Files.readAllLines(outOneThread.resolve("CarePlan.ndjson"));

    assertThat(plans).hasSize(PATIENTS).doesNotHaveDuplicates();
    assertThat(new HashSet<>(plans)).isEqualTo(expectedPlans);
  }

  @Test
  void theOutputIsTheSame_whateverTheThreadCount() throws IOException {
    Path outThree = shared.resolve("out-3");

    PopulationRun.builder(FHIR, AS_OF)
        .threads(3)
        .shards(7)
        .build()
        .run(BulkInput.files(export), outThree);

    assertThat(contents(outThree)).isEqualTo(contents(outOneThread));
  }

  @Test
  void theOutputIsTheSame_whenEveryLineIsReadAndWrittenByHapiWithItsDefaults() throws IOException {
    Path outHapi = shared.resolve("out-hapi");

    PopulationRun.builder(FHIR, AS_OF)
        .threads(1)
        .shards(7)
        .hapiDefaults()
        .build()
        .run(BulkInput.files(export), outHapi);

    assertThat(contents(outHapi)).isEqualTo(contents(outOneThread));
  }

  @Test
  void aResourceWhoseReferenceHoldsATargetWithoutId_isLeftToTheDefaultEncoder() {
    org.hl7.fhir.r4.model.Bundle transaction = new org.hl7.fhir.r4.model.Bundle();
    org.hl7.fhir.r4.model.MedicationRequest request = new org.hl7.fhir.r4.model.MedicationRequest();
    request.setMedication(
        new org.hl7.fhir.r4.model.Reference(
            new org.hl7.fhir.r4.model.Medication()
                .setCode(new org.hl7.fhir.r4.model.CodeableConcept().setText("furosemide"))));
    org.hl7.fhir.r4.model.CarePlan plan = new org.hl7.fhir.r4.model.CarePlan();
    plan.addActivity().getReference().setReference("urn:uuid:1");
    transaction.addEntry().setFullUrl("urn:uuid:1").setResource(request);
    transaction.addEntry().setFullUrl("urn:uuid:2").setResource(plan);

    List<Resource> resources = BulkAssessor.ndjsonResources(transaction);

    assertThat(resources.get(0).getUserData(BulkAssessor.AUTO_CONTAIN)).isEqualTo(Boolean.TRUE);
    assertThat(resources.get(1).getUserData(BulkAssessor.AUTO_CONTAIN)).isNull();
    // what the default encoder does with it, and the reason it is kept for such resources
    assertThat(FHIR.context().newJsonParser().encodeResourceToString(resources.get(0)))
        .contains("\"contained\"", "furosemide");
  }

  @Test
  void theSummary_countsPatients_advice_combinations_andWhatWasNotUsed() {
    PopulationSummary s = outcome.summary();

    assertThat(s.patients()).isEqualTo(PATIENTS + 1); // and the orphan cramp's "nobody"
    assertThat(s.assessed()).isEqualTo(PATIENTS);
    assertThat(s.notAssessedByReason()).hasSize(1);
    assertThat(s.notAssessedByReason().values()).containsExactly(1L);
    assertThat(s.notLinkedToAPatient()).containsExactly(Map.entry("Organization", 1L));
    assertThat(s.unreadableLines()).containsExactly(Map.entry("Organization.ndjson", 1L));
    assertThat(s.resourcesByType()).containsEntry("Patient", (long) PATIENTS);
    assertThat(s.medicationLabCombinations())
        .containsEntry(
            "thiazide-diuretic + low-potassium",
            (long) generator.expected().get("thiazide-diuretic + low-potassium"));
    assertThat(s.recommendations()).isNotEmpty();
    assertThat(outcome.filesWritten())
        .contains(
            "CarePlan.ndjson",
            "OperationOutcome.ndjson",
            "Provenance.ndjson",
            "Device.ndjson",
            "summary.json",
            "summary.csv",
            "summary.html");
  }

  @Test
  void everyPatient_hasOneMappingReport_includingThePatientThatCouldNotBeAssessed()
      throws IOException {
    List<String> reports = Files.readAllLines(outOneThread.resolve("OperationOutcome.ndjson"));

    assertThat(reports).hasSize(PATIENTS + 1);
    assertThat(reports)
        .filteredOn(r -> r.contains("mapping report of Patient/nobody"))
        .singleElement()
        .satisfies(r -> assertThat(r).contains("not assessed: "));
  }

  @Test
  void aPatientsReport_listsRepeatedCaveatsOnce_namingEveryResource() {
    org.hl7.fhir.r4.model.OperationOutcome report = new org.hl7.fhir.r4.model.OperationOutcome();
    for (String id : List.of("a", "b", "c", "d")) {
      report
          .addIssue()
          .setSeverity(org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.INFORMATION)
          .setCode(org.hl7.fhir.r4.model.OperationOutcome.IssueType.INFORMATIONAL)
          .setDiagnostics("Observation/" + id + ": dated more than P12M before 2026-11-21")
          .addExpression("Observation.effective[x]");
      if (id.equals("a")) {
        report
            .addIssue()
            .setSeverity(org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.WARNING)
            .setCode(org.hl7.fhir.r4.model.OperationOutcome.IssueType.VALUE)
            .setDiagnostics("Observation/x: unit 'mg' is not a unit of potassium");
      }
    }
    for (String id : List.of("e", "f")) {
      report
          .addIssue()
          .setSeverity(org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.INFORMATION)
          .setCode(org.hl7.fhir.r4.model.OperationOutcome.IssueType.INFORMATIONAL)
          .setDiagnostics("Observation/" + id + ": no end time: duration not recorded");
    }

    BulkAssessor.compact(report);

    assertThat(report.getIssue())
        .extracting(
            org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
        .containsExactly(
            "4 resources (Observation/a, Observation/b, Observation/c, Observation/d): dated more"
                + " than P12M before 2026-11-21",
            "Observation/x: unit 'mg' is not a unit of potassium",
            "Observation/e: no end time: duration not recorded",
            "Observation/f: no end time: duration not recorded");
    assertThat(report.getIssueFirstRep().getExpression().get(0).getValue())
        .isEqualTo("Observation.effective[x]");
  }

  @Test
  void sharedResources_areWrittenOnce_andReferencesResolveWithinTheOutput() throws IOException {
    assertThat(Files.readAllLines(outOneThread.resolve("Device.ndjson"))).hasSize(1);
    String plans = Files.readString(outOneThread.resolve("CarePlan.ndjson"));
    assertThat(plans).doesNotContain("urn:uuid:");
  }

  @Test
  void gzipFilesAndAManifest_giveTheSameResult() throws IOException {
    Path gz = shared.resolve("export-gz");
    new BulkExportGenerator(42).write(gz, PATIENTS, true);
    StringBuilder outputs = new StringBuilder();
    for (Path f : BulkInput.files(gz)) {
      outputs
          .append(outputs.length() == 0 ? "" : ",")
          .append("{\"type\":\"x\",\"url\":\"")
          .append(f.getFileName())
          .append("\"}");
    }
    Path manifest = gz.resolve("manifest.json");
    Files.writeString(
        manifest,
        "{\"transactionTime\":\"2026-11-21T00:00:00Z\",\"request\":\"x\",\"requiresAccessToken\":"
            + "false,\"output\":["
            + outputs
            + "],\"error\":[]}",
        StandardCharsets.UTF_8);
    Path out = shared.resolve("out-gz");

    PopulationRun.Outcome fromGzip =
        PopulationRun.builder(FHIR, AS_OF)
            .threads(2)
            .shards(7)
            .build()
            .run(BulkInput.files(manifest), out);

    Map<String, String> ndjson = contents(out);
    Map<String, String> expected = contents(outOneThread);
    ndjson.keySet().removeIf(name -> name.startsWith("summary."));
    expected.keySet().removeIf(name -> name.startsWith("summary."));
    assertThat(ndjson).isEqualTo(expected);
    assertThat(fromGzip.summary().resourcesByType()).isEqualTo(outcome.summary().resourcesByType());
    assertThat(fromGzip.summary().unreadableLines())
        .containsExactly(Map.entry("Organization.ndjson.gz", 1L));
  }

  @Test
  void aRerun_replacesTheEarlierResults_andLeavesNoWorkFolder() throws IOException {
    Path out = shared.resolve("out-rerun");
    PopulationRun run = PopulationRun.builder(FHIR, AS_OF).threads(2).shards(7).build();
    assertThat(run.run(BulkInput.files(export), out).replacedEarlier()).isFalse();
    Files.writeString(out.resolve("Stale.ndjson"), "{}\n");

    PopulationRun.Outcome again = run.run(BulkInput.files(export), out);

    assertThat(again.replacedEarlier()).isTrue();
    assertThat(contents(out)).isEqualTo(contents(outOneThread));
  }

  @Test
  void aSecondRunIntoTheSameFolder_isRefusedWhileTheFirstHoldsIt() throws IOException {
    Path out = Files.createDirectories(shared.resolve("out-locked"));
    try (java.nio.channels.FileChannel channel =
            java.nio.channels.FileChannel.open(
                out.resolve(PopulationRun.LOCK),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock held = channel.lock()) {
      // The lock held here stands for another run, in this process or another.
      assertThatThrownBy(
              () ->
                  PopulationRun.builder(FHIR, AS_OF)
                      .threads(1)
                      .build()
                      .run(BulkInput.files(export), out))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              out
                  + ": another population run is writing to this folder; wait for it to end or"
                  + " choose another folder");
    }
    try (Stream<Path> listing = Files.list(out)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly(PopulationRun.LOCK);
    }
  }

  @Test
  void aFolderWithoutNdjson_isRefusedByName() throws IOException {
    Path empty = Files.createDirectories(shared.resolve("empty"));

    assertThatThrownBy(() -> BulkInput.files(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(empty + ": holds no .ndjson or .ndjson.gz file; expected a Bulk Data export");
  }

  @Test
  void ofTwoMedicationsWithOneId_theFirstInTheExportIsUsed_whateverTheThreads() throws IOException {
    Path dir = Files.createDirectories(shared.resolve("two-medications"));
    Files.writeString(
        dir.resolve("Patient.ndjson"),
        "{\"resourceType\":\"Patient\",\"id\":\"m1\",\"gender\":\"female\","
            + "\"birthDate\":\"1950-01-01\"}\n");
    Files.writeString(
        dir.resolve("MedicationRequest.ndjson"),
        "{\"resourceType\":\"MedicationRequest\",\"id\":\"r1\",\"status\":\"active\","
            + "\"intent\":\"order\",\"medicationReference\":{\"reference\":\"Medication/med-1\"},"
            + "\"subject\":{\"reference\":\"Patient/m1\"}}\n");
    // Two files of Medications, the same id in both and twice in the first: the very first wins.
    StringBuilder first = new StringBuilder();
    first.append(BulkExportGenerator.medication("med-1", "4603", "furosemide"));
    for (int i = 0; i < 5000; i++) {
      first.append(BulkExportGenerator.medication("other-" + i, "4603", "furosemide"));
    }
    first.append(
        BulkExportGenerator.medication("med-1", "198211", "Simvastatin 40 MG Oral Tablet"));
    Files.writeString(dir.resolve("Medication.ndjson"), first);
    Files.writeString(
        dir.resolve("Medication.x.ndjson"), // after Medication.ndjson in name order
        BulkExportGenerator.medication("med-1", "198211", "Simvastatin 40 MG Oral Tablet"));

    for (int threads : new int[] {1, 2, 4}) {
      Path out = shared.resolve("two-medications-out-" + threads);
      PopulationRun.builder(FHIR, AS_OF).threads(threads).build().run(BulkInput.files(dir), out);

      assertThat(Files.readString(out.resolve("Provenance.ndjson")))
          .as("%d threads", threads)
          .contains("furosemide")
          .doesNotContain("Simvastatin");
    }
  }

  @Test
  void linesOfTypesTheImportDoesNotRead_areCountedUnparsed_andChangeNothing() throws IOException {
    Path dir = shared.resolve("with-claims");
    new BulkExportGenerator(5).write(dir, 20, false, 3);
    StringBuilder encounters = new StringBuilder();
    StringBuilder claims = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      encounters.append(
          "{\"resourceType\":\"Encounter\",\"id\":\"enc-"
              + i
              + "\",\"status\":\"finished\",\"class\":{\"system\":"
              + "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"},"
              + "\"subject\":{\"reference\":\"Patient/p"
              + i
              + "\"},\"period\":{\"start\":\"2026-10-01T09:00:00Z\"}}\n");
      // A Claim whose status HAPI would not accept: not parsed, so it cannot stop the patient.
      claims.append(
          "{\"resourceType\":\"Claim\",\"id\":\"claim-"
              + i
              + "\",\"status\":\""
              + (i == 3 ? "settled" : "active")
              + "\",\"use\":\"claim\",\"patient\":{\"reference\":\"Patient/p"
              + i
              + "\"},\"created\":\"2026-10-01\",\"provider\":{\"reference\":"
              + "\"Organization/org-1\"},\"priority\":{\"coding\":[{\"code\":\"normal\"}]},"
              + "\"insurance\":[{\"sequence\":1,\"focal\":true,\"coverage\":{\"display\":"
              + "\"Medicare\"}}]}\n");
    }
    Files.writeString(dir.resolve("Encounter.ndjson"), encounters);
    Files.writeString(dir.resolve("Claim.ndjson"), claims);
    // A cramp with a date no calendar has: HAPI leaves it empty and the import reports the record.
    Files.writeString(
        dir.resolve("Observation.ndjson"),
        "{\"resourceType\":\"Observation\",\"id\":\"p2-bad-date\",\"status\":\"final\","
            + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":"
            + "\"55300003\"}]},\"subject\":{\"reference\":\"Patient/p2\"},"
            + "\"effectiveDateTime\":\"2026-13-45\"}\n",
        java.nio.file.StandardOpenOption.APPEND);
    Path fast = shared.resolve("with-claims-fast");
    Path hapi = shared.resolve("with-claims-hapi");

    PopulationRun.Outcome outcome =
        PopulationRun.builder(FHIR, AS_OF).threads(2).build().run(BulkInput.files(dir), fast);
    PopulationRun.builder(FHIR, AS_OF)
        .threads(2)
        .hapiDefaults()
        .build()
        .run(BulkInput.files(dir), hapi);

    Map<String, String> files = contents(fast);
    // The HAPI run parses the Claim with the status HAPI does not know and still assesses p3:
    // its lenient reading leaves the status empty, as the single-patient import does.
    assertThat(files).isEqualTo(contents(hapi));
    assertThat(outcome.summary().assessed()).isEqualTo(20);
    String reports = files.get("OperationOutcome.ndjson");
    assertThat(reports).contains("Observation/p2-bad-date");
    assertThat(reports.lines().filter(l -> l.contains("Patient/p0\"")).findFirst().orElseThrow())
        .contains(" 2 irrelevant to cramps"); // the Encounter and the Claim
  }
}
