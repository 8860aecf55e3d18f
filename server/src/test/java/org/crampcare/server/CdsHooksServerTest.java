package org.crampcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.crampcare.fhir.testserver.RecordedRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CdsHooksServerTest {
  static final FhirContext CTX = FhirContext.forR4Cached();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "test-token-7f3a";
  static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
  static final String THIAZIDE = "cc-thiazide";
  static final String SWELLING = "cc-swelling";

  static InProcessFhirServer fhir;
  static TestEhr ehr;
  static CdsHooksServer cds;
  static HttpClient http;
  static String service;

  @BeforeAll
  static void start() {
    fhir = InProcessFhirServer.builder(CTX).requireBearerToken(TOKEN).start();
    fhir.load(bundle("fhir/patient-thiazide-night-cramps.json"));
    fhir.load(bundle("fhir/patient-calf-swelling.json"));
    ehr = TestEhr.start();
    cds =
        CdsHooksServer.builder(CTX)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .trust(ehr.trust())
            .allowFhirServer(AllowedFhirServer.of(fhir.baseUrl()))
            .allowOrigin("https://ehr.example.net")
            .start();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    service = cds.servicesUrl() + "/crampcare-patient-view";
  }

  @AfterAll
  static void stop() {
    cds.close();
    fhir.close();
    ehr.close();
  }

  @BeforeEach
  void forgetRequests() {
    fhir.clearRequests();
  }

  static Bundle bundle(String resource) {
    return CdsCalls.bundle(CTX, resource);
  }

  /**
   * Sends the request as the test EHR does: with a fresh token for the endpoint unless it has one.
   */
  static HttpResponse<String> send(HttpRequest request) {
    return sendAsIs(
        request.headers().firstValue("Authorization").isPresent()
            ? request
            : HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + ehr.token(endpoint(request.uri())))
                .build());
  }

  /** The URL a token for a call to the URI is addressed to: without query or trailing slash. */
  static String endpoint(URI uri) {
    String s = uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  static HttpResponse<String> sendAsIs(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static HttpResponse<String> post(String url, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode call(String patientId) {
    return CdsCalls.call(patientId);
  }

  static ObjectNode withFhirServer(ObjectNode body, String token) {
    body.put("fhirServer", fhir.baseUrl());
    ObjectNode auth = body.putObject("fhirAuthorization");
    auth.put("access_token", token);
    auth.put("token_type", "Bearer");
    auth.put("expires_in", 300);
    auth.put("scope", "patient/*.read");
    auth.put("subject", "cds-service");
    return body;
  }

  static ObjectNode withPrefetch(ObjectNode body, String patientId) {
    return CdsCalls.withPrefetch(CTX, body, fhir, Optional.of(TOKEN), patientId);
  }

  static String text(JsonNode node) {
    return node.toString();
  }

  /** Collects the paths of every null, empty string, empty array or empty object in a tree. */
  static List<String> emptyFields(JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    if (node.isNull()
        || (node.isTextual() && node.asText().isEmpty())
        || (node.isContainerNode() && node.isEmpty())) {
      out.add(path);
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.addAll(emptyFields(e.getValue(), path + "." + e.getKey()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.addAll(emptyFields(node.get(i), path + "[" + i + "]"));
      }
    }
    return out;
  }

  /** Removes the {@code _include}d entries from a searchset Bundle in JSON. */
  static final class ArrayNodeFilter {
    static void removeIncluded(JsonNode bundle) {
      com.fasterxml.jackson.databind.node.ArrayNode entries =
          (com.fasterxml.jackson.databind.node.ArrayNode) bundle.get("entry");
      for (int i = entries.size() - 1; i >= 0; i--) {
        if (entries.get(i).get("search").get("mode").asText().equals("include")) {
          entries.remove(i);
        }
      }
    }
  }

  @Nested
  class Discovery {
    @Test
    void discovery_listsPatientViewServiceWithPrefetchTemplates() {
      HttpResponse<String> response =
          send(HttpRequest.newBuilder(URI.create(cds.servicesUrl())).GET().build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/json;charset=utf-8");
      JsonNode services = json(response).get("services");
      assertThat(services).hasSize(3); // patient-view first, then order-select and order-sign
      JsonNode s = services.get(0);
      assertThat(s.get("id").asText()).isEqualTo("crampcare-patient-view");
      assertThat(s.get("hook").asText()).isEqualTo("patient-view");
      assertThat(s.get("description").asText()).isNotBlank();
      assertThat(s.get("prefetch").get("patient").asText())
          .isEqualTo("Patient/{{context.patientId}}");
      assertThat(s.get("prefetch").get("observations").asText())
          .isEqualTo("Observation?patient={{context.patientId}}&_sort=-date&_count=200");
      // Every status: the importer decides what is active, and a resolved cramp still happened.
      assertThat(s.get("prefetch").get("conditions").asText())
          .isEqualTo("Condition?patient={{context.patientId}}&_count=200");
      assertThat(s.get("prefetch").get("medicationRequests").asText())
          .isEqualTo(
              "MedicationRequest?patient={{context.patientId}}&_include=MedicationRequest:medication&_count=200");
      assertThat(s.get("prefetch").get("medicationStatements").asText())
          .isEqualTo(
              "MedicationStatement?patient={{context.patientId}}&_include=MedicationStatement:medication&_count=200");
      // The cramp diary's answers (optional in prefetch: see the Prefetch tests).
      assertThat(s.get("prefetch").get("questionnaireResponses").asText())
          .isEqualTo("QuestionnaireResponse?patient={{context.patientId}}&_count=200");
      assertThat(emptyFields(json(response), "$")).isEmpty();
    }

    @Test
    void discovery_withTrailingSlash_isTheSame() {
      HttpResponse<String> response =
          send(HttpRequest.newBuilder(URI.create(cds.servicesUrl() + "/")).GET().build());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response).get("services").get(0).get("id").asText())
          .isEqualTo("crampcare-patient-view");
    }
  }

  @Nested
  class Prefetch {
    @Test
    void call_withFullPrefetch_answersCardsWithoutTouchingTheFhirServer() {
      String body = text(withPrefetch(call(THIAZIDE), THIAZIDE));
      fhir.clearRequests();

      HttpResponse<String> response = post(service, body);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(fhir.requests()).isEmpty();
      JsonNode cards = json(response).get("cards");
      assertThat(cards)
          .extracting(c -> c.get("indicator").asText() + " " + c.get("summary").asText())
          .containsExactly(
              "warning Muscle cramps: Medication review",
              "warning Muscle cramps: Follow up an abnormal laboratory result",
              "warning Muscle cramps: Electrolyte testing",
              "info Muscle cramps: 6 self-care suggestions to discuss");
    }

    @Test
    void call_withoutTheDiaryInPrefetch_andNoFhirServer_stillAnswersFromTheRest() {
      // An EHR set up before the diary existed sends the five other prefetch searches.
      ObjectNode body = withPrefetch(call(THIAZIDE), THIAZIDE);
      ((ObjectNode) body.get("prefetch")).remove("questionnaireResponses");
      fhir.clearRequests();

      HttpResponse<String> response = post(service, text(body));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(fhir.requests()).isEmpty();
      JsonNode cards = json(response).get("cards");
      assertThat(cards.get(0).get("summary").asText())
          .isEqualTo("Muscle cramps: Medication review");
      // Said on every card: the advice does not rest on the diary.
      assertThat(cards)
          .allSatisfy(
              c ->
                  assertThat(c.get("detail").asText())
                      .contains(
                          "**Not read:** the patient's cramp diary (the call's prefetch has no"
                              + " questionnaireResponses and names no FHIR server): this advice"
                              + " does not include it."));
      // With the diary's search in the prefetch, nothing is said to be unread.
      JsonNode full =
          json(post(service, text(withPrefetch(call(THIAZIDE), THIAZIDE)))).get("cards");
      assertThat(full)
          .allSatisfy(c -> assertThat(c.get("detail").asText()).doesNotContain("Not read"));
    }

    @Test
    void call_keepsThePrefetchsDecimalsAsWritten() {
      // A lab writes 3.10: the trailing zero is part of the value (its precision), and the
      // card says what the record says.
      ObjectNode body = withPrefetch(call(THIAZIDE), THIAZIDE);
      String written = text(body).replace("\"value\":3.1,", "\"value\":3.10,");
      assertThat(written).contains("\"value\":3.10,");

      HttpResponse<String> response = post(service, written);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("3.10 mmol/L").doesNotContain("3.1 mmol/L");
    }

    @Test
    void call_withPrefetchAndFhirServer_givesTheSameCardsAsFetching() {
      String prefetched = post(service, text(withPrefetch(call(SWELLING), SWELLING))).body();
      String fetched = post(service, text(withFhirServer(call(SWELLING), TOKEN))).body();

      assertThat(prefetched).isEqualTo(fetched);
    }

    @Test
    void call_withNullObservations_meansNoEpisodes_andAnswersNoCards() {
      ObjectNode body = withPrefetch(call(THIAZIDE), THIAZIDE);
      ((ObjectNode) body.get("prefetch")).putNull("observations");

      HttpResponse<String> response = post(service, text(body));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"cards\":[]}");
    }

    @Test
    void call_withPartialPrefetch_fetchesOnlyWhatIsMissing() {
      ObjectNode body = withFhirServer(withPrefetch(call(THIAZIDE), THIAZIDE), TOKEN);
      ((ObjectNode) body.get("prefetch")).remove("conditions");
      fhir.clearRequests();

      HttpResponse<String> response = post(service, text(body));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(fhir.requests())
          .extracting(RecordedRequest::path)
          .containsExactly("Condition?patient=cc-thiazide&_count=200");
    }

    @Test
    void call_patientWithoutBirthDate_is422NamingOnlyTheId() {
      ObjectNode body = withPrefetch(call(THIAZIDE), THIAZIDE);
      ((ObjectNode) body.get("prefetch").get("patient")).remove("birthDate");

      HttpResponse<String> response = post(service, text(body));

      assertThat(response.statusCode()).isEqualTo(422);
      assertThat(json(response).get("error").asText())
          .isEqualTo(
              "the patient's record cannot be assessed: Patient/cc-thiazide: birthDate is missing;"
                  + " it is required to compute the patient's age (the advice is for adults only)");
    }

    @Test
    void call_prefetchPatientIsNull_is412() {
      ObjectNode body = withPrefetch(call(THIAZIDE), THIAZIDE);
      ((ObjectNode) body.get("prefetch")).putNull("patient");

      HttpResponse<String> response = post(service, text(body));

      assertThat(response.statusCode()).isEqualTo(412);
      assertThat(json(response).get("error").asText())
          .isEqualTo("prefetch.patient is null: the CDS client reports no Patient to assess");
    }
  }

  @Nested
  class Fetching {
    @Test
    void call_withoutPrefetch_fetchesFromFhirServerWithTheBearerToken() {
      HttpResponse<String> response = post(service, text(withFhirServer(call(THIAZIDE), TOKEN)));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response).get("cards")).hasSize(4);
      assertThat(fhir.requests())
          .filteredOn(r -> !r.path().equals("metadata"))
          .extracting(RecordedRequest::path)
          .containsExactly(
              "Patient/cc-thiazide",
              "Observation?patient=cc-thiazide&_sort=-date&_count=200",
              "Condition?patient=cc-thiazide&_count=200",
              "MedicationRequest?patient=cc-thiazide&_include=MedicationRequest:medication&_count=200",
              "MedicationStatement?patient=cc-thiazide&_include=MedicationStatement:medication&_count=200",
              "QuestionnaireResponse?patient=cc-thiazide&_count=200");
      assertThat(fhir.requests())
          .extracting(RecordedRequest::authorization)
          .containsOnly(Optional.of("Bearer " + TOKEN));
    }

    @Test
    void call_medicationByReferenceNotIncluded_fetchesTheMedication() {
      ObjectNode body = withFhirServer(withPrefetch(call(SWELLING), SWELLING), TOKEN);
      ArrayNodeFilter.removeIncluded(body.get("prefetch").get("medicationStatements"));
      fhir.clearRequests();

      HttpResponse<String> response = post(service, text(body));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(fhir.requests())
          .extracting(RecordedRequest::path)
          .containsExactly("Medication?_id=cc-swelling-atorva&_count=50");
      assertThat(json(response).get("cards"))
          .extracting(c -> c.get("summary").asText())
          .contains("Muscle cramps: Medication review");
    }

    @Test
    void call_withWrongToken_is412NamingTheServersAnswer() {
      HttpResponse<String> response = post(service, text(withFhirServer(call(THIAZIDE), "wrong")));

      assertThat(response.statusCode()).isEqualTo(412);
      assertThat(json(response).get("error").asText())
          .isEqualTo(
              "fhirServer answered HTTP 401 to the patient query; the service cannot get the patient's data");
    }

    @Test
    void call_unknownPatient_is412() {
      HttpResponse<String> response = post(service, text(withFhirServer(call("nobody"), TOKEN)));

      assertThat(response.statusCode()).isEqualTo(412);
      assertThat(json(response).get("error").asText())
          .isEqualTo(
              "fhirServer answered HTTP 404 to the patient query; the service cannot get the patient's data");
    }

    @Test
    void call_withoutPrefetchOrFhirServer_is412() {
      HttpResponse<String> response = post(service, text(call(THIAZIDE)));

      assertThat(response.statusCode()).isEqualTo(412);
      assertThat(json(response).get("error").asText())
          .isEqualTo(
              "prefetch lacks patient, observations, conditions, medicationRequests,"
                  + " medicationStatements and no fhirServer was given to fetch them from");
    }

    @Test
    void call_toFhirServerNotAllowed_is412() {
      try (CdsHooksServer strict =
          CdsHooksServer.builder(CTX)
              .clock(Clock.fixed(NOW, ZoneOffset.UTC))
              .trust(ehr.trust())
              .allowFhirServer(AllowedFhirServer.of("https://ehr.example.net/fhir"))
              .start()) {
        HttpResponse<String> response =
            post(
                strict.servicesUrl() + "/crampcare-patient-view",
                text(withFhirServer(call(THIAZIDE), TOKEN)));

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(json(response).get("error").asText())
            .isEqualTo(
                "fhirServer " + fhir.baseUrl() + " is not one this service is allowed to call");
        assertThat(fhir.requests()).isEmpty();
      }
    }
  }

  @Nested
  class BadRequests {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "malformed JSON | {\"hook\": \"patient-view\", | request body is not valid JSON (line 1, column 25)",
          "not an object | [1, 2] | request body must be a JSON object",
          "wrong hook | {\"hook\":\"order-select\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"}} | hook 'order-select' is not handled by this service; expected 'patient-view'",
          "missing hook | {\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"}} | hook is required",
          "missing hookInstance | {\"hook\":\"patient-view\",\"context\":{\"patientId\":\"p\"}} | hookInstance is required",
          "missing context | {\"hook\":\"patient-view\",\"hookInstance\":\"x\"} | context is required and must be a JSON object",
          "missing patientId | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{}} | context.patientId is required",
          "numeric patientId | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":7}} | context.patientId must be a non-empty string",
          "patientId with a slash | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"a/b\"}} | context.patientId is not a FHIR id; expected 1-64 characters A-Z, a-z, 0-9, '-' or '.'",
          "bad fhirServer | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"fhirServer\":\"ftp://x\"} | fhirServer must be an absolute http or https URL",
          "token without type | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"fhirAuthorization\":{\"access_token\":\"t\"}} | fhirAuthorization.token_type is required",
          "prefetch not an object | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"prefetch\":[]} | prefetch must be a JSON object",
          "prefetch value a string | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"prefetch\":{\"patient\":\"Patient/p\"}} | prefetch.patient must be a FHIR resource (a JSON object) or null",
          "prefetch not FHIR | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"prefetch\":{\"patient\":{\"name\":\"x\"}}} | prefetch.patient is not a FHIR R4 resource (HAPI-1838)",
          "prefetch patient of another id | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"prefetch\":{\"patient\":{\"resourceType\":\"Patient\",\"id\":\"q\"}}} | prefetch.patient is Patient/q but context.patientId is p",
          "prefetch search not a Bundle | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"},\"prefetch\":{\"conditions\":{\"resourceType\":\"Patient\"}}} | prefetch.conditions is a Patient; expected a Bundle",
        })
    void call_badRequest_is400WithTheReason(String name, String body, String reason) {
      HttpResponse<String> response = post(service, body);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).get("error").asText()).isEqualTo(reason);
    }

    @Test
    void call_unknownService_is404() {
      HttpResponse<String> response = post(cds.servicesUrl() + "/no-such-service", "{}");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(json(response).get("error").asText())
          .isEqualTo("no CDS service at /cds-services/no-such-service; see GET /cds-services");
    }

    @Test
    void call_withGet_is405() {
      HttpResponse<String> response =
          send(HttpRequest.newBuilder(URI.create(service)).GET().build());

      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }
  }

  @Nested
  class Cards {
    @Test
    void redFlag_givesCriticalCardFirst_carryingTheCarePlanSuggestion() {
      JsonNode cards =
          json(post(service, text(withFhirServer(call(SWELLING), TOKEN)))).get("cards");

      JsonNode first = cards.get(0);
      assertThat(first.get("indicator").asText()).isEqualTo("critical");
      assertThat(first.get("summary").asText())
          .isEqualTo("Urgent medical review: possible deep vein thrombosis");
      assertThat(first.get("source").get("label").asText()).isEqualTo("CrampCare");
      assertThat(first.get("source").get("url").asText()).startsWith("http");
      assertThat(first.get("detail").asText()).contains("**Why:**", "**Evidence:**");
      assertThat(first.get("selectionBehavior").asText()).isEqualTo("at-most-one");
      JsonNode action = first.get("suggestions").get(0).get("actions").get(0);
      assertThat(action.get("type").asText()).isEqualTo("create");
      CarePlan plan =
          (CarePlan) CTX.newJsonParser().parseResource(action.get("resource").toString());
      assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PROPOSAL);
      assertThat(plan.getSubject().getReference()).isEqualTo("Patient/cc-swelling");
      assertThat(plan.getActivity()).isNotEmpty();
      for (CarePlan.CarePlanActivityComponent a : plan.getActivity()) {
        assertThat(a.getReference().getReference()).startsWith("#");
      }
      for (int i = 1; i < cards.size(); i++) {
        assertThat(cards.get(i).has("suggestions")).isFalse();
        assertThat(cards.get(i).has("selectionBehavior")).isFalse();
      }
    }

    @Test
    void aDiaryEntryOnTheFhirServer_isRead_andASwollenCalfGivesTheCriticalCard() {
      // The patient sent a diary entry (as the diary page stores it): a calf cramp with swelling.
      org.crampcare.episode.CrampEpisode cramp =
          org.crampcare.episode.CrampEpisode.builder(
                  "diary-cramp",
                  NOW.minus(java.time.Duration.ofDays(1)),
                  org.crampcare.episode.BodySite.CALF)
              .sign(org.crampcare.episode.AssociatedSign.SWELLING)
              .build();
      org.hl7.fhir.r4.model.QuestionnaireResponse entry =
          org.crampcare.fhir.CrampDiary.response(
              cramp, "Patient/cc-diary", NOW.minus(java.time.Duration.ofHours(20)));
      entry.setId("diary-entry-1");
      org.hl7.fhir.r4.model.Patient patient = new org.hl7.fhir.r4.model.Patient();
      patient.setId("cc-diary");
      patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1958-06-02"));
      fhir.load(List.of(patient, entry));

      JsonNode cards =
          json(post(service, text(withFhirServer(call("cc-diary"), TOKEN)))).get("cards");

      assertThat(cards.get(0).get("indicator").asText()).isEqualTo("critical");
      assertThat(cards.get(0).get("summary").asText())
          .isEqualTo("Urgent medical review: possible deep vein thrombosis");
    }

    @Test
    void aServiceBuiltWithTheClinicsRuleBook_givesItsCards() {
      org.crampcare.recommendation.RuleBook clinic =
          org.crampcare.recommendation.RuleBook.builtIn().toBuilder()
              .version("clinic/1")
              .disable("medication-review-nice-listed")
              .build();
      String body = text(withPrefetch(call(THIAZIDE), THIAZIDE));
      try (CdsHooksServer own =
          CdsHooksServer.builder(CTX)
              .clock(Clock.fixed(NOW, ZoneOffset.UTC))
              .trust(ehr.trust())
              .ruleBook(clinic)
              .start()) {
        JsonNode builtIn = json(post(service, body)).get("cards");
        JsonNode clinics =
            json(post(own.servicesUrl() + "/crampcare-patient-view", body)).get("cards");

        assertThat(builtIn)
            .extracting(c -> c.get("summary").asText())
            .contains("Muscle cramps: Medication review");
        assertThat(clinics)
            .extracting(c -> c.get("summary").asText())
            .doesNotContain("Muscle cramps: Medication review")
            .contains("Muscle cramps: Follow up an abnormal laboratory result");
      }
    }

    @Test
    void cardsSayHowManyCrampRecordsWereFoundAndUsed() {
      JsonNode cards =
          json(post(service, text(withPrefetch(call(THIAZIDE), THIAZIDE)))).get("cards");

      for (JsonNode card : cards) {
        assertThat(card.get("detail").asText()).contains("**Records:** ").contains(" cramp record");
      }
    }

    @Test
    void unreadableCrampRecord_isSaidInAnInfoCard_evenWithoutAdvice() {
      ObjectNode body = withPrefetch(call(THIAZIDE), THIAZIDE);
      org.hl7.fhir.r4.model.Observation undated = new org.hl7.fhir.r4.model.Observation();
      undated.setId("undated-cramp");
      undated.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
      undated.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("55300003");
      undated.setSubject(new Reference("Patient/" + THIAZIDE));
      Bundle observations = new Bundle().setType(Bundle.BundleType.SEARCHSET);
      observations.addEntry().setResource(undated);
      try {
        ((ObjectNode) body.get("prefetch"))
            .set(
                "observations",
                JSON.readTree(CTX.newJsonParser().encodeResourceToString(observations)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }

      JsonNode cards = json(post(service, text(body))).get("cards");

      JsonNode unread = cards.get(cards.size() - 1);
      assertThat(unread.get("indicator").asText()).isEqualTo("info");
      assertThat(unread.get("summary").asText())
          .isEqualTo("Muscle cramps: 1 cramp record(s) in the chart could not be read");
      assertThat(unread.get("detail").asText())
          .contains("does not mean there were no cramps or no red flags")
          .contains("1 cramp record found: 0 used, 0 merged as duplicates, 1 not usable");
    }

    @Test
    void carePlan_isSelfContained_everyLocalReferenceResolves() {
      JsonNode cards =
          json(post(service, text(withFhirServer(call(THIAZIDE), TOKEN)))).get("cards");
      JsonNode resource =
          cards.get(0).get("suggestions").get(0).get("actions").get(0).get("resource");
      CarePlan plan = (CarePlan) CTX.newJsonParser().parseResource(resource.toString());

      Set<String> contained = new TreeSet<>();
      plan.getContained().forEach(r -> contained.add("#" + r.getIdElement().getIdPart()));
      List<String> references = new ArrayList<>();
      List<Resource> all = new ArrayList<>(plan.getContained());
      all.add(plan);
      for (Resource r : all) {
        for (Reference ref :
            CTX.newTerser().getAllPopulatedChildElementsOfType(r, Reference.class)) {
          if (ref.getReference() != null) {
            references.add(ref.getReference());
          }
        }
      }

      assertThat(references).noneMatch(r -> r.startsWith("urn:"));
      assertThat(references).filteredOn(r -> r.startsWith("#")).allMatch(contained::contains);
      assertThat(resource.toString()).doesNotContain("urn:uuid");
    }

    @Test
    void everyResponse_hasNoEmptyOrNullField_andShortSummaries() {
      for (String patient : List.of(THIAZIDE, SWELLING)) {
        JsonNode response = json(post(service, text(withFhirServer(call(patient), TOKEN))));

        assertThat(emptyFields(response, "$")).isEmpty();
        assertThat(response.get("cards")).isNotEmpty();
        for (JsonNode card : response.get("cards")) {
          assertThat(card.get("summary").asText().length()).isLessThan(140);
          assertThat(card.get("uuid").asText())
              .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
          assertThat(card.get("indicator").asText()).isIn("info", "warning", "critical");
        }
      }
    }

    @Test
    void sameInput_givesTheSameCards_byteForByte() {
      String body = text(withFhirServer(call(THIAZIDE), TOKEN));

      assertThat(post(service, body).body()).isEqualTo(post(service, body).body());
    }

    @Test
    void summary_longerThan139_isCutWithAnEllipsis() {
      String cut = org.crampcare.server.Cards.summary("x".repeat(200));

      assertThat(cut).hasSize(139).endsWith("\u2026");
      assertThat(org.crampcare.server.Cards.summary("short")).isEqualTo("short");
    }
  }

  @Nested
  class Feedback {
    @Test
    void feedback_isAcknowledgedAndKeptWithoutComments() {
      String body =
          "{\"feedback\":[{\"card\":\"9368d37b-283f-44a0-93ea-547cebab93ed\",\"outcome\":\"overridden\","
              + "\"overrideReason\":{\"reason\":{\"system\":\"http://example.org/cds-reasons\",\"code\":\"not-relevant\"},"
              + "\"userComment\":\"free text\"},\"outcomeTimestamp\":\"2026-11-21T09:05:00Z\"},"
              + "{\"card\":\"e8467ee5-8730-3541-907c-1508c0425da8\",\"outcome\":\"accepted\","
              + "\"acceptedSuggestions\":[{\"id\":\"2a1c8b1e-1111-4a2b-9c3d-000000000001\"}],"
              + "\"outcomeTimestamp\":\"2026-11-21T09:06:00Z\"}]}";
      int before = cds.feedback().size();

      HttpResponse<String> response = post(service + "/feedback", body);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"received\":2}");
      List<CdsFeedback> kept = cds.feedback().subList(before, before + 2);
      assertThat(kept.get(0).outcome()).isEqualTo("overridden");
      assertThat(kept.get(0).overrideReason())
          .hasValue("http://example.org/cds-reasons|not-relevant");
      assertThat(kept.get(1).acceptedSuggestions())
          .containsExactly("2a1c8b1e-1111-4a2b-9c3d-000000000001");
      assertThat(kept.get(1).received()).isEqualTo(NOW);
      assertThat(kept.toString()).doesNotContain("free text");
    }

    @Test
    void feedback_withUnknownOutcome_is400() {
      HttpResponse<String> response =
          post(
              service + "/feedback",
              "{\"feedback\":[{\"card\":\"c\",\"outcome\":\"ignored\",\"outcomeTimestamp\":\"2026-11-21T09:05:00Z\"}]}");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).get("error").asText())
          .isEqualTo(
              "feedback[0].outcome 'ignored' is not valid; expected 'accepted' or 'overridden'");
    }

    @Test
    void feedback_empty_is400() {
      HttpResponse<String> response = post(service + "/feedback", "{\"feedback\":[]}");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).get("error").asText())
          .isEqualTo("feedback is required and must be a non-empty array");
    }
  }

  @Nested
  class Cors {
    static HttpResponse<String> preflight(String origin) {
      return sendAsIs(
          HttpRequest.newBuilder(URI.create(service))
              .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
              .header("Origin", origin)
              .header("Access-Control-Request-Method", "POST")
              .header("Access-Control-Request-Headers", "authorization, content-type, x-evil")
              .build());
    }

    @Test
    void preflight_fromAConfiguredOrigin_isAnsweredForThatOriginOnly() {
      HttpResponse<String> response = preflight("https://ehr.example.net");

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("https://ehr.example.net");
      assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
          .hasValue("GET, POST, OPTIONS");
      // The requested headers are not echoed back: only these two are allowed.
      assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
          .hasValue("Authorization, Content-Type");
    }

    @Test
    void preflight_fromAnyOtherOrigin_is403_withoutCorsHeaders() {
      HttpResponse<String> response = preflight("https://evil.example.com");

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void errors_toAConfiguredOrigin_alsoCarryCorsHeaders() {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(URI.create(service))
                  .header("Content-Type", "application/json")
                  .header("Origin", "https://ehr.example.net")
                  .POST(HttpRequest.BodyPublishers.ofString("not json"))
                  .build());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("https://ehr.example.net");
    }

    @Test
    void aServiceCall_thatIsNotJson_is415_soNoPageCanSendItWithoutAPreflight() {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(URI.create(service))
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString(text(call(THIAZIDE))))
                  .build());

      assertThat(response.statusCode()).isEqualTo(415);
      assertThat(json(response).get("error").asText())
          .isEqualTo("Content-Type must be application/json, got 'text/plain'");
    }
  }

  @Nested
  class OneJetty {
    @Test
    void mount_servesAFhirServerOnTheSamePort_andTheLoopWorks() {
      InProcessFhirServer.Mountable mountable = InProcessFhirServer.builder(CTX).mountable();
      int port = freePort();
      try (CdsHooksServer both =
          CdsHooksServer.builder(CTX)
              .port(port)
              .clock(Clock.fixed(NOW, ZoneOffset.UTC))
              .trust(ehr.trust())
              .allowFhirServer(AllowedFhirServer.of("http://127.0.0.1:" + port + "/fhir"))
              .mount("/fhir", mountable.servlet())
              .start()) {
        InProcessFhirServer attached = mountable.mountedAt(both.baseUrl() + "/fhir");
        attached.load(bundle("fhir/patient-calf-swelling.json"));
        ObjectNode body = call(SWELLING);
        body.put("fhirServer", attached.baseUrl());

        HttpResponse<String> response =
            post(both.servicesUrl() + "/crampcare-patient-view", text(body));

        assertThat(attached.baseUrl()).isEqualTo(both.baseUrl() + "/fhir");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("cards").get(0).get("indicator").asText())
            .isEqualTo("critical");
      }
    }
  }
}
