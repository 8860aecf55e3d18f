package org.crampcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code order-select} and {@code order-sign} with draft orders as EHRs send them (R4
 * MedicationRequest, RxNorm and text), over real HTTP with real tokens.
 */
class OrderServicesTest {
  static final FhirContext CTX = FhirContext.forR4Cached();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
  static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  static final String THIAZIDE_PATIENT = "cc-thiazide";

  static InProcessFhirServer fhir;
  static TestEhr ehr;
  static CdsHooksServer cds;
  static HttpClient http;

  @BeforeAll
  static void start() {
    fhir = InProcessFhirServer.builder(CTX).start();
    fhir.load(CdsCalls.bundle(CTX, "fhir/patient-thiazide-night-cramps.json"));
    ehr = TestEhr.start();
    cds =
        CdsHooksServer.builder(CTX)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .trust(ehr.trust())
            .allowFhirServer(AllowedFhirServer.of(fhir.baseUrl()))
            .start();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    cds.close();
    fhir.close();
    ehr.close();
  }

  static MedicationRequest draft(String id, String rxcui, String text) {
    MedicationRequest m = new MedicationRequest();
    m.setId(id);
    m.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
    m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
    m.setMedication(new CodeableConcept().addCoding(new Coding(RXNORM, rxcui, text)).setText(text));
    return m;
  }

  static ObjectNode call(String hook, String patientId, MedicationRequest... drafts) {
    ObjectNode body = JSON.createObjectNode();
    body.put("hook", hook);
    body.put("hookInstance", java.util.UUID.randomUUID().toString());
    body.put("fhirServer", fhir.baseUrl());
    ObjectNode context = body.putObject("context");
    context.put("userId", "Practitioner/example");
    context.put("patientId", patientId);
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    ArrayNode selections = context.putArray("selections");
    for (MedicationRequest d : drafts) {
      d.setSubject(new Reference("Patient/" + patientId));
      bundle.addEntry().setResource(d);
      selections.add("MedicationRequest/" + d.getIdElement().getIdPart());
    }
    try {
      context.set("draftOrders", JSON.readTree(CTX.newJsonParser().encodeResourceToString(bundle)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return body;
  }

  static HttpResponse<String> post(String serviceId, String body) {
    String url = cds.servicesUrl() + "/" + serviceId;
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + ehr.token(url))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The cards of an order-select call for one selected draft. */
  static JsonNode select(String patientId, MedicationRequest draft) {
    return cards(post(OrderService.SELECT_ID, call("order-select", patientId, draft).toString()));
  }

  static JsonNode cards(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      return JSON.readTree(response.body()).get("cards");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void discovery_listsTheOrderServices_withTheOverrideReasonsTheirCardsOffer()
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(cds.servicesUrl()))
                .header("Authorization", "Bearer " + ehr.token(cds.servicesUrl()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<String> hooks = new ArrayList<>();
    Map<String, List<String>> reasons = new java.util.LinkedHashMap<>();
    for (JsonNode s : JSON.readTree(response.body()).get("services")) {
      hooks.add(s.get("hook").asText());
      List<String> codes = new ArrayList<>();
      s.path("extension")
          .path("org.crampcare.overrideReasons")
          .forEach(c -> codes.add(c.get("system").asText() + "|" + c.get("code").asText()));
      reasons.put(s.get("hook").asText(), codes);
    }

    assertThat(hooks).containsExactly("patient-view", "order-select", "order-sign");
    String system = "https://crampcare.org/fhir/CodeSystem/override-reason|";
    assertThat(reasons.get("order-select"))
        .containsExactly(
            system + "treating-malaria", system + "specialist-decision", system + "other");
    assertThat(reasons.get("order-sign")).isEqualTo(reasons.get("order-select"));
    assertThat(reasons.get("patient-view")).isEmpty();
  }

  @Test
  void quinineForCramps_isACriticalCard_citingTheFda_withOverrideReasons_andRemoval() {
    JsonNode cards = select(THIAZIDE_PATIENT, draft("draft-q", "9071", "quinine sulfate 324 mg"));

    assertThat(cards).hasSize(1);
    JsonNode card = cards.get(0);
    assertThat(card.get("indicator").asText()).isEqualTo("critical");
    assertThat(card.get("summary").asText()).isEqualTo("Quinine is not recommended for leg cramps");
    assertThat(card.get("detail").asText()).contains("boxed warning (2009)").contains("REMS");
    assertThat(card.get("overrideReasons").get(0).get("code").asText())
        .isEqualTo("treating-malaria");
    JsonNode action = card.get("suggestions").get(0).get("actions").get(0);
    assertThat(action.get("type").asText()).isEqualTo("delete");
    assertThat(action.get("resourceId").asText()).isEqualTo("MedicationRequest/draft-q");
  }

  @Test
  void aThiazide_forAPatientWithCrampsAndLowPotassium_isAWarning_suggestingTestsNotADrug() {
    JsonNode cards =
        select(THIAZIDE_PATIENT, draft("draft-h", "5487", "hydrochlorothiazide 25 mg"));

    assertThat(cards).hasSize(1);
    JsonNode card = cards.get(0);
    assertThat(card.get("indicator").asText()).isEqualTo("warning");
    assertThat(card.get("detail").asText())
        .contains("Diuretics, salbutamol and other beta-2 agonists")
        .contains("potassium");
    List<String> created = new ArrayList<>();
    for (JsonNode a : card.get("suggestions").get(0).get("actions")) {
      assertThat(a.get("type").asText()).isEqualTo("create");
      assertThat(a.get("resource").get("resourceType").asText()).isEqualTo("ServiceRequest");
      created.add(a.get("resource").get("code").get("coding").get(0).get("code").asText());
    }
    assertThat(created).containsExactly("2823-3", "19123-9", "17861-6");
  }

  @Test
  void aCallWhosePrefetchLeavesOutTheDiary_saysOnItsCardThatTheDiaryWasNotRead() {
    MedicationRequest thiazide = draft("draft-h2", "5487", "hydrochlorothiazide 25 mg");
    ObjectNode body = call("order-select", THIAZIDE_PATIENT, thiazide);
    body.remove("fhirServer");
    CdsCalls.withPrefetch(CTX, body, fhir, java.util.Optional.empty(), THIAZIDE_PATIENT);
    ((ObjectNode) body.get("prefetch")).remove("questionnaireResponses");

    JsonNode cards = cards(post(OrderService.SELECT_ID, body.toString()));

    assertThat(cards).hasSize(1);
    assertThat(cards.get(0).get("detail").asText())
        .contains(
            "**Not read:** the patient's cramp diary (the call's prefetch has no"
                + " questionnaireResponses and names no FHIR server): this advice does not"
                + " include it.");
    assertThat(select(THIAZIDE_PATIENT, thiazide).get(0).get("detail").asText())
        .as("with a FHIR server the diary is read")
        .doesNotContain("Not read");
  }

  @Test
  void aStatin_forAPatientWithNoCrampHistory_givesNoCard() {
    fhir.load(patientWithoutHistory("cc-no-history"));

    JsonNode cards = select("cc-no-history", draft("draft-s", "36567", "simvastatin 20 mg"));

    assertThat(cards).isEmpty();
    // The same draft for a patient with cramps and low potassium does warn.
    JsonNode control = select(THIAZIDE_PATIENT, draft("draft-s2", "36567", "simvastatin 20 mg"));
    assertThat(control).hasSize(1);
    assertThat(control.get(0).get("detail").asText()).contains("Statins cause muscle symptoms");
  }

  @Test
  void orderSign_doesNotRepeatACardAlreadyOverridden_andTheSummaryCountsIt() throws Exception {
    String body =
        call("order-sign", THIAZIDE_PATIENT, draft("draft-q2", "9071", "quinine 300 mg"))
            .toString();
    JsonNode first = cards(post(OrderService.SIGN_ID, body));
    assertThat(first).hasSize(1);
    String uuid = first.get(0).get("uuid").asText();
    ObjectNode feedback = JSON.createObjectNode();
    ObjectNode item = feedback.putArray("feedback").addObject();
    item.put("card", uuid);
    item.put("outcome", "overridden");
    item.put("outcomeTimestamp", "2026-11-21T09:01:00Z");
    item.putObject("overrideReason")
        .putObject("reason")
        .put("system", OrderService.OVERRIDE_SYSTEM)
        .put("code", "treating-malaria");

    assertThat(post(OrderService.SIGN_ID + "/feedback", feedback.toString()).statusCode())
        .isEqualTo(200);
    JsonNode again = cards(post(OrderService.SIGN_ID, body));
    String summaryUrl = cds.servicesUrl() + "/" + CdsHooksServlet.FEEDBACK_SUMMARY;
    HttpResponse<String> summary =
        http.send(
            HttpRequest.newBuilder(URI.create(summaryUrl))
                .header("Authorization", "Bearer " + ehr.token(summaryUrl))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(again).isEmpty();
    JsonNode counts = JSON.readTree(summary.body()).get("crampcare-order-sign quinine");
    assertThat(counts.get("overridden").asInt()).isEqualTo(1);
    assertThat(
            counts
                .get("overrideReasons")
                .get(OrderService.OVERRIDE_SYSTEM + "|treating-malaria")
                .asInt())
        .isEqualTo(1);
    assertThat(summary.body()).doesNotContain(uuid).doesNotContain(THIAZIDE_PATIENT);
  }

  @Test
  void aDraftWithOnlyText_isClassifiedByItsIngredient_andSigningQuinineIsCritical() {
    MedicationRequest textOnly = new MedicationRequest();
    textOnly.setId("draft-text");
    textOnly.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
    textOnly.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
    textOnly.setMedication(new CodeableConcept().setText("Quinine sulfate 324 mg oral capsule"));

    JsonNode cards =
        cards(
            post(OrderService.SIGN_ID, call("order-sign", THIAZIDE_PATIENT, textOnly).toString()));

    assertThat(cards).hasSize(1);
    assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
  }

  @Test
  void orderSelect_withoutSelections_is400() {
    ObjectNode body = call("order-select", THIAZIDE_PATIENT, draft("d1", "9071", "quinine"));
    ((ObjectNode) body.get("context")).remove("selections");

    HttpResponse<String> response = post(OrderService.SELECT_ID, body.toString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("context.selections is required");
  }

  static Bundle patientWithoutHistory(String id) {
    org.hl7.fhir.r4.model.Patient p = new org.hl7.fhir.r4.model.Patient();
    p.setId(id);
    p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1960-03-01"));
    Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
    b.addEntry().setResource(p);
    return b;
  }
}
