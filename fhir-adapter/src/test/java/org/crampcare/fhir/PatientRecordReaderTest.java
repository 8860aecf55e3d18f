package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.util.ArrayList;
import java.util.List;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one reader of a patient's record, against a real FHIR server over HTTP. */
class PatientRecordReaderTest {
  static final FhirContext CTX = FhirContext.forR4Cached();
  static InProcessFhirServer server;
  static IGenericClient client;

  @BeforeAll
  static void start() {
    server = InProcessFhirServer.builder(CTX).pageSize(2).start();
    CTX.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    client = CTX.newRestfulGenericClient(server.baseUrl());
    List<Resource> chart = new ArrayList<>();
    chart.add(new Patient().setId("p1"));
    chart.add(new Patient().setId("other"));
    for (int i = 1; i <= 5; i++) {
      chart.add(observation("o" + i, "p1"));
    }
    chart.add(observation("o-other", "other"));
    chart.add(
        new Condition()
            .setClinicalStatus(status("resolved"))
            .setSubject(new Reference("Patient/p1"))
            .setId("c-resolved"));
    chart.add(new Medication().setId("m-included"));
    chart.add(new Medication().setId("m-fetched"));
    chart.add(
        new MedicationRequest()
            .setStatus(MedicationRequest.MedicationRequestStatus.STOPPED)
            .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
            .setMedication(new Reference("Medication/m-included"))
            .setSubject(new Reference("Patient/p1"))
            .setId("mr1"));
    chart.add(
        new MedicationStatement()
            .setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE)
            .setMedication(new Reference("Medication/m-fetched"))
            .setSubject(new Reference("Patient/p1"))
            .setId("ms1"));
    // A diary entry the patient sent, and one of another patient.
    chart.add(diary("qr1", "p1"));
    chart.add(diary("qr-other", "other"));
    server.load(chart);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Observation observation(String id, String patient) {
    Observation o = new Observation();
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.setCode(new CodeableConcept(new Coding("http://loinc.org", "2823-3", "Potassium")));
    o.setSubject(new Reference("Patient/" + patient));
    o.setId(id);
    return o;
  }

  static org.hl7.fhir.r4.model.QuestionnaireResponse diary(String id, String patient) {
    org.hl7.fhir.r4.model.QuestionnaireResponse r =
        new org.hl7.fhir.r4.model.QuestionnaireResponse();
    r.setQuestionnaire(CrampDiary.URL);
    r.setStatus(org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    r.setSubject(new Reference("Patient/" + patient));
    r.setId(id);
    return r;
  }

  static CodeableConcept status(String code) {
    return new CodeableConcept(
        new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", code, null));
  }

  static List<String> ids(List<? extends Resource> resources) {
    return resources.stream().map(r -> r.fhirType() + "/" + r.getIdElement().getIdPart()).toList();
  }

  @Test
  void read_followsEveryPage_keepsEveryStatus_andFetchesTheMedicationsPointedAt() {
    PatientRecordReader.Record record =
        PatientRecordReader.builder().pageSize(2).build().read(client, "p1");

    assertThat(record.patient().getIdElement().getIdPart()).isEqualTo("p1");
    assertThat(ids(record.resources()))
        .containsExactlyInAnyOrder(
            "Observation/o1",
            "Observation/o2",
            "Observation/o3",
            "Observation/o4",
            "Observation/o5",
            "Condition/c-resolved",
            "MedicationRequest/mr1",
            "MedicationStatement/ms1",
            "Medication/m-included",
            "Medication/m-fetched",
            "QuestionnaireResponse/qr1");
    assertThat(record.toBundle(server.baseUrl() + "/").getEntryFirstRep().getFullUrl())
        .isEqualTo(server.baseUrl() + "/Patient/p1");
  }

  @Test
  void read_pastThePageBound_failsNamingTheSearch_andReturnsNothing() {
    PatientRecordReader reader = PatientRecordReader.builder().pageSize(2).maxPages(2).build();

    assertThatThrownBy(() -> reader.read(client, "p1"))
        .isInstanceOfSatisfying(
            PatientRecordException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PatientRecordException.Kind.TOO_MANY_PAGES);
              assertThat(e.query()).isEqualTo("observations");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "searching Observation?patient=Patient/p1: more than 2 pages of 2;"
                          + " stopped reading");
            });
  }

  @Test
  void read_unknownPatient_isNotFound() {
    assertThatThrownBy(() -> PatientRecordReader.create().read(client, "nobody"))
        .isInstanceOfSatisfying(
            PatientRecordException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PatientRecordException.Kind.NOT_FOUND);
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.query()).isEqualTo("patient");
              assertThat(e.request()).isEqualTo("reading Patient/nobody");
            });
  }

  @Test
  void read_unreachableServer_saysItCannotConnect() {
    IGenericClient nowhere = CTX.newRestfulGenericClient("http://127.0.0.1:1/fhir");

    assertThatThrownBy(() -> PatientRecordReader.create().read(nowhere, "p1"))
        .isInstanceOfSatisfying(
            PatientRecordException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PatientRecordException.Kind.UNREACHABLE);
              assertThat(e.detail()).startsWith("cannot connect");
            });
  }

  @Test
  void prefetchTemplates_areTheSameSearches_withThePageSize() {
    assertThat(PatientRecordReader.builder().pageSize(200).build().prefetchTemplates())
        .containsExactly(
            java.util.Map.entry("patient", "Patient/{{context.patientId}}"),
            java.util.Map.entry(
                "observations", "Observation?patient={{context.patientId}}&_sort=-date&_count=200"),
            java.util.Map.entry("conditions", "Condition?patient={{context.patientId}}&_count=200"),
            java.util.Map.entry(
                "medicationRequests",
                "MedicationRequest?patient={{context.patientId}}"
                    + "&_include=MedicationRequest:medication&_count=200"),
            java.util.Map.entry(
                "medicationStatements",
                "MedicationStatement?patient={{context.patientId}}"
                    + "&_include=MedicationStatement:medication&_count=200"),
            java.util.Map.entry(
                "questionnaireResponses",
                "QuestionnaireResponse?patient={{context.patientId}}&_count=200"));
    assertThatThrownBy(() -> PatientRecordReader.builder().maxPages(0))
        .hasMessage("maxPages must be at least 1, got 0");
  }
}
