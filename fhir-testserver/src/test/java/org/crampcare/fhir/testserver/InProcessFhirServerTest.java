package org.crampcare.fhir.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InProcessFhirServerTest {
  static final FhirContext CTX = FhirContext.forR4Cached();
  static final String LOINC = "http://loinc.org";
  static final String SNOMED = "http://snomed.info/sct";
  static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
  static final String IDS = "https://crampcare.org/fhir/sid/test";

  static InProcessFhirServer server;
  static IGenericClient client;

  @BeforeAll
  static void start() {
    server =
        InProcessFhirServer.builder(CTX)
            .clock(Clock.fixed(Instant.parse("2026-11-21T09:00:00Z"), ZoneOffset.UTC))
            .start();
    client = newClient(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void empty() {
    server.clear();
  }

  static IGenericClient newClient(String baseUrl) {
    CTX.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    return CTX.newRestfulGenericClient(baseUrl);
  }

  static Patient patient(String id) {
    Patient p = new Patient();
    p.setId(id);
    p.addIdentifier().setSystem(IDS).setValue("mrn-" + id);
    p.setGender(AdministrativeGender.FEMALE);
    p.getBirthDateElement().setValueAsString("1958-03-14");
    return p;
  }

  static Observation potassium(String patientRef, String date, double value) {
    Observation o = new Observation();
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.getCode()
        .addCoding(new Coding(LOINC, "2823-3", "Potassium [Moles/volume] in Serum or Plasma"));
    o.setSubject(new Reference(patientRef));
    o.setEffective(new DateTimeType(date));
    o.setValue(
        new Quantity()
            .setValue(value)
            .setUnit("mmol/L")
            .setSystem("http://unitsofmeasure.org")
            .setCode("mmol/L"));
    return o;
  }

  static Observation sodium(String patientRef, String date) {
    Observation o = potassium(patientRef, date, 139);
    o.getCode()
        .getCodingFirstRep()
        .setCode("2951-2")
        .setDisplay("Sodium [Moles/volume] in Serum or Plasma");
    return o;
  }

  static Condition condition(String patientRef, String code, String display, String clinical) {
    Condition c = new Condition();
    c.setSubject(new Reference(patientRef));
    c.getCode().addCoding(new Coding(SNOMED, code, display));
    c.setClinicalStatus(new CodeableConcept(new Coding(CLINICAL, clinical, null)));
    return c;
  }

  static MedicationRequest thiazide(
      String patientRef, String authoredOn, MedicationRequest.MedicationRequestStatus status) {
    MedicationRequest m = new MedicationRequest();
    m.setStatus(status);
    m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
    m.setSubject(new Reference(patientRef));
    m.setMedication(
        new CodeableConcept(new Coding(RXNORM, "310798", "Hydrochlorothiazide 25 MG Oral Tablet")));
    m.getAuthoredOnElement().setValueAsString(authoredOn);
    return m;
  }

  static List<String> ids(Bundle bundle) {
    List<String> ids = new ArrayList<>();
    bundle
        .getEntry()
        .forEach(
            e -> ids.add(e.getResource().getIdElement().toUnqualifiedVersionless().getValue()));
    return ids;
  }

  Bundle search(String query) {
    return client.search().byUrl(query).returnBundle(Bundle.class).execute();
  }

  @Nested
  class Search {
    List<String> loaded;

    @BeforeEach
    void load() {
      loaded =
          server.load(
              List.of(
                  patient("p1"),
                  patient("p2"),
                  potassium("Patient/p1", "2026-11-02T08:30:00Z", 3.1),
                  potassium("Patient/p2", "2026-10-01T08:30:00Z", 4.2),
                  sodium("Patient/p1", "2026-06-15"),
                  condition("Patient/p1", "43339004", "Hypokalemia", "active"),
                  condition("Patient/p1", "40930008", "Hypothyroidism", "resolved"),
                  thiazide(
                      "Patient/p1", "2026-09-01", MedicationRequest.MedicationRequestStatus.ACTIVE),
                  thiazide(
                      "Patient/p1",
                      "2024-01-10",
                      MedicationRequest.MedicationRequestStatus.STOPPED)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = ';',
        value = {
          "Observation?subject=Patient/p1; 3,5",
          "Observation?subject=p1; 3,5",
          "Observation?patient=p1; 3,5",
          "Observation?patient=Patient/p2; 4",
          "Observation?subject:Patient=p2; 4",
          "Observation?code=http://loinc.org|2823-3; 3,4",
          "Observation?code=2951-2; 5",
          "Observation?code=http://snomed.info/sct|2823-3; ''",
          "Observation?code=http://loinc.org|; 3,4,5",
          "Observation?code=2823-3,2951-2&patient=p1; 3,5",
          "Observation?status=final&patient=p2; 4",
          "Observation?date=ge2026-10-01&date=le2026-10-31; 4",
          "Observation?date=ge2026-10-02; 3",
          "Observation?date=2026-11-02; 3",
          "Observation?date=lt2026-10-01T08:30:00Z; 5",
          "Observation?date=gt2026-10-01; 3",
          "Condition?clinical-status=active; 6",
          "Condition?clinical-status=http://terminology.hl7.org/CodeSystem/condition-clinical|resolved; 7",
          "Condition?patient=p1&clinical-status:not=resolved; 6",
          "Condition?code=http://snomed.info/sct|43339004; 6",
          "MedicationRequest?patient=p1&status=active; 8",
          "MedicationRequest?authoredon=ge2026-01-01; 8",
          "MedicationRequest?authoredon=le2025-12-31; 9",
          "MedicationRequest?code=http://www.nlm.nih.gov/research/umls/rxnorm|310798&status=stopped; 9",
          "Patient?identifier=https://crampcare.org/fhir/sid/test|mrn-p2; 2",
          "Patient?identifier=mrn-p1; 1",
          "Patient?_id=p1,p2; 1,2",
          "Observation?_lastUpdated=ge2026-11-21; 3,4,5",
          "Observation?_lastUpdated=lt2026-11-21; ''",
          "Observation?_sort=date; 5,4,3",
          "Observation?_sort=-date; 3,4,5",
          "Observation?patient=p1&_sort=-date; 3,5",
          "MedicationRequest?_sort=authoredon; 9,8",
        })
    void search_byParameter_returnsExactlyTheMatches(String query, String expected) {
      List<String> want = new ArrayList<>();
      for (String n : expected.isEmpty() ? new String[0] : expected.split(",")) {
        want.add(loaded.get(Integer.parseInt(n) - 1));
      }

      assertThat(ids(search(query))).containsExactlyElementsOf(want);
    }

    @Test
    void search_unknownParameter_isRejectedNotIgnored() {
      assertThatThrownBy(() -> search("Observation?colour=blue"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "search parameter 'colour' is not supported for Observation; supported: ");
    }

    @Test
    void search_withInclude_returnsTheReferencedResourcesAsIncludes() {
      Medication med = new Medication();
      med.setId("m1");
      med.getCode().addCoding(new Coding(RXNORM, "617312", "atorvastatin 10 MG Oral Tablet"));
      MedicationStatement statement = new MedicationStatement();
      statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
      statement.setSubject(new Reference("Patient/p2"));
      statement.setMedication(new Reference("Medication/m1"));
      server.load(List.of(med, statement));

      Bundle result =
          search("MedicationStatement?patient=p2&_include=MedicationStatement:medication");

      assertThat(result.getEntry())
          .extracting(
              e -> e.getSearch().getMode().toCode(),
              e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "match",
                  result
                      .getEntry()
                      .get(0)
                      .getResource()
                      .getIdElement()
                      .toUnqualifiedVersionless()
                      .getValue()),
              org.assertj.core.groups.Tuple.tuple("include", "Medication/m1"));
      assertThat(result.getTotal()).isEqualTo(1);
    }

    @Test
    void search_withUnsupportedInclude_isRejected() {
      assertThatThrownBy(() -> search("Observation?_include=Observation:code"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "_include 'Observation:code' is not supported; expected Observation:<reference parameter>[:<target type>]");
    }

    @Test
    void search_sortByNonDate_isRejected() {
      assertThatThrownBy(() -> search("Observation?_sort=code"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "_sort 'code' is not supported for Observation; this server sorts by date parameters only");
    }

    @Test
    void search_chain_isRejected() {
      assertThatThrownBy(() -> search("Observation?subject.name=x"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "search parameter 'subject.name': chained searches are not supported by this server");
    }

    @Test
    void search_badDate_isRejectedWithTheValue() {
      assertThatThrownBy(() -> search("Observation?date=ge2026-13"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "search parameter 'date': '2026-13' is not a FHIR date or dateTime; expected for example 2026-11-01");
    }

    @Test
    void read_byId_returnsVersionedResource() {
      Patient p = client.read().resource(Patient.class).withId("p1").execute();

      assertThat(p.getIdElement().getVersionIdPart()).isEqualTo("1");
      assertThat(p.getMeta().getLastUpdatedElement().getValueAsString())
          .isEqualTo("2026-11-21T09:00:00.000Z");
    }

    @Test
    void search_byAssignedId_findsOnlyThatResource() {
      String id = loaded.get(2).substring("Observation/".length());

      assertThat(ids(search("Observation?_id=" + id))).containsExactly(loaded.get(2));
    }

    @Test
    void read_missing_is404() {
      assertThatThrownBy(() -> client.read().resource(Patient.class).withId("nope").execute())
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Nested
  class Paging {
    @Test
    void search_withCount_followsNextLinksToEveryResultOnce() {
      List<Resource> obs = new ArrayList<>();
      obs.add(patient("p1"));
      for (int day = 1; day <= 7; day++) {
        obs.add(potassium("Patient/p1", "2026-11-0" + day, 4.0));
      }
      List<String> loaded = server.load(obs);

      Bundle page = search("Observation?patient=p1&_count=3");
      List<String> seen = new ArrayList<>(ids(page));
      int pages = 1;
      while (page.getLink(Bundle.LINK_NEXT) != null) {
        page = client.loadPage().next(page).execute();
        seen.addAll(ids(page));
        pages++;
      }

      assertThat(pages).isEqualTo(3);
      assertThat(seen).containsExactlyElementsOf(loaded.subList(1, 8));
    }
  }

  @Nested
  class ConditionalCreate {
    @Test
    void create_twiceWithIfNoneExist_storesOneResource() {
      Patient p = patient("ignored");
      p.setId((String) null);
      MethodOutcome first =
          client
              .create()
              .resource(p)
              .conditionalByUrl("Patient?identifier=" + IDS + "|mrn-ignored")
              .execute();
      MethodOutcome second =
          client
              .create()
              .resource(p)
              .conditionalByUrl("Patient?identifier=" + IDS + "|mrn-ignored")
              .execute();

      assertThat(first.getCreated()).isTrue();
      assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
      assertThat(second.getId().toUnqualifiedVersionless())
          .isEqualTo(first.getId().toUnqualifiedVersionless());
      assertThat(server.resources(Patient.class)).hasSize(1);
    }

    @Test
    void transaction_twiceWithIfNoneExist_storesOneOfEach() {
      server.load(List.of(patient("p1")));
      Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      CarePlan plan = new CarePlan();
      plan.addIdentifier().setSystem(IDS).setValue("plan-1");
      plan.setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PROPOSAL);
      plan.setSubject(new Reference("Patient/p1"));
      tx.addEntry()
          .setFullUrl("urn:uuid:8a6f2b1e-0000-4000-8000-000000000001")
          .setResource(plan)
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl("CarePlan")
          .setIfNoneExist("identifier=" + IDS + "|plan-1");
      Provenance prov = new Provenance();
      prov.addTarget(new Reference("urn:uuid:8a6f2b1e-0000-4000-8000-000000000001"));
      prov.getRecordedElement().setValueAsString("2026-11-21T09:00:00Z");
      prov.addAgent().setWho(new Reference().setDisplay("CrampCare"));
      tx.addEntry()
          .setFullUrl("urn:uuid:8a6f2b1e-0000-4000-8000-000000000002")
          .setResource(prov)
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl("Provenance")
          .setIfNoneExist("target=urn:uuid:8a6f2b1e-0000-4000-8000-000000000001");

      Bundle first = client.transaction().withBundle(tx).execute();
      Bundle second = client.transaction().withBundle(tx).execute();

      assertThat(first.getEntry())
          .extracting(e -> e.getResponse().getStatus())
          .containsExactly("201 Created", "201 Created");
      assertThat(second.getEntry())
          .extracting(e -> e.getResponse().getStatus())
          .containsExactly("200 OK", "200 OK");
      assertThat(second.getEntry())
          .extracting(e -> e.getResponse().getLocation())
          .containsExactlyElementsOf(
              first.getEntry().stream().map(e -> e.getResponse().getLocation()).toList());
      assertThat(server.resources(CarePlan.class)).hasSize(1);
      assertThat(server.resources(Provenance.class)).hasSize(1);
      String planId =
          server
              .resources(CarePlan.class)
              .get(0)
              .getIdElement()
              .toUnqualifiedVersionless()
              .getValue();
      assertThat(server.resources(Provenance.class).get(0).getTargetFirstRep().getReference())
          .isEqualTo(planId);
    }

    @Test
    void conditionalCreate_racingFromManyThreads_storesExactlyOne() throws Exception {
      server.load(List.of(patient("p1")));
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<MethodOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          results.add(
              pool.submit(
                  () -> {
                    Condition c = condition("Patient/p1", "43339004", "Hypokalemia", "active");
                    c.addIdentifier().setSystem(IDS).setValue("race");
                    return client
                        .create()
                        .resource(c)
                        .conditionalByUrl("Condition?identifier=" + IDS + "|race")
                        .execute();
                  }));
        }
        List<String> ids = new ArrayList<>();
        for (java.util.concurrent.Future<MethodOutcome> r : results) {
          ids.add(r.get().getId().toUnqualifiedVersionless().getValue());
        }

        assertThat(ids).hasSize(24).containsOnly(ids.get(0));
        assertThat(server.resources(Condition.class)).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void transaction_conditionMatchingTwo_is412AndWritesNothing() {
      Condition a = condition("Patient/p1", "43339004", "Hypokalemia", "active");
      a.addIdentifier().setSystem(IDS).setValue("dup");
      Condition b = a.copy();
      server.load(List.of(patient("p1"), a, b));
      int before = server.resourceCount();
      Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      tx.addEntry()
          .setResource(potassium("Patient/p1", "2026-11-01", 3.3))
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl("Observation");
      tx.addEntry()
          .setResource(a.copy())
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl("Condition")
          .setIfNoneExist("identifier=" + IDS + "|dup");

      assertThatThrownBy(() -> client.transaction().withBundle(tx).execute())
          .isInstanceOf(PreconditionFailedException.class)
          .hasMessageContaining(
              "Bundle.entry[1] (POST Condition): condition 'identifier="
                  + IDS
                  + "|dup' matched 2 resources; expected at most one");
      assertThat(server.resourceCount()).isEqualTo(before);
    }
  }

  @Nested
  class Rest {
    @Test
    void conditionalUpdate_overRest_createsThenUpdates() {
      server.load(List.of(patient("p1")));
      Condition c = condition("Patient/p1", "43339004", "Hypokalemia", "active");
      c.addIdentifier().setSystem(IDS).setValue("c-rest");

      MethodOutcome first =
          client
              .update()
              .resource(c)
              .conditionalByUrl("Condition?identifier=" + IDS + "|c-rest")
              .execute();
      MethodOutcome second =
          client
              .update()
              .resource(c)
              .conditionalByUrl("Condition?identifier=" + IDS + "|c-rest")
              .execute();

      assertThat(first.getCreated()).isTrue();
      assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
      assertThat(second.getId().getVersionIdPart()).isEqualTo("2");
      assertThat(server.resources(Condition.class)).hasSize(1);
    }

    @Test
    void delete_overRest_removesTheResource() {
      server.load(List.of(patient("p1"), potassium("Patient/p1", "2026-11-01", 3.3)));
      String id = server.resources(Observation.class).get(0).getIdElement().getIdPart();

      client.delete().resourceById("Observation", id).execute();

      assertThat(server.resources(Observation.class)).isEmpty();
      assertThatThrownBy(() -> client.read().resource(Observation.class).withId(id).execute())
          .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void metadata_describesTheServedTypes() {
      org.hl7.fhir.r4.model.CapabilityStatement capabilities =
          client.capabilities().ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute();

      assertThat(capabilities.getRestFirstRep().getResource())
          .extracting(r -> r.getType())
          .contains(
              "Patient", "Observation", "Condition", "MedicationRequest", "CarePlan", "Provenance");
    }

    @Test
    void create_withAReferenceToNothing_isRejected() {
      assertThatThrownBy(
              () ->
                  client.create().resource(potassium("Patient/ghost", "2026-11-01", 3.2)).execute())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "Bundle.entry[0] (POST Observation): reference 'Patient/ghost' points to no resource on this server");
    }
  }

  @Nested
  class Transactions {
    @Test
    void transaction_urnUuidReferences_areResolvedToAssignedIds() {
      Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      Patient p = patient("x");
      p.setId((String) null);
      String patientUrn = "urn:uuid:0f7c1d2e-1111-4a2b-9c3d-000000000001";
      tx.addEntry()
          .setFullUrl(patientUrn)
          .setResource(p)
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl("Patient");
      tx.addEntry()
          .setFullUrl("urn:uuid:0f7c1d2e-1111-4a2b-9c3d-000000000002")
          .setResource(potassium(patientUrn, "2026-11-01", 3.2))
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl("Observation");
      tx.addEntry()
          .setResource(condition(patientUrn, "43339004", "Hypokalemia", "active"))
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl("Condition");

      Bundle response = client.transaction().withBundle(tx).execute();

      String patientId =
          new IdType(response.getEntry().get(0).getResponse().getLocation())
              .toUnqualifiedVersionless()
              .getValue();
      assertThat(patientId).startsWith("Patient/");
      assertThat(server.resources(Observation.class))
          .singleElement()
          .satisfies(o -> assertThat(o.getSubject().getReference()).isEqualTo(patientId));
      assertThat(ids(search("Condition?patient=" + patientId))).hasSize(1);
    }

    @Test
    void transaction_putUpdate_bumpsVersion() {
      server.load(List.of(patient("p1")));
      Patient p = patient("p1");
      p.getBirthDateElement().setValueAsString("1958-03-15");
      Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      tx.addEntry().setResource(p).getRequest().setMethod(HTTPVerb.PUT).setUrl("Patient/p1");

      Bundle response = client.transaction().withBundle(tx).execute();

      assertThat(response.getEntryFirstRep().getResponse().getStatus()).isEqualTo("200 OK");
      assertThat(response.getEntryFirstRep().getResponse().getLocation())
          .isEqualTo("Patient/p1/_history/2");
      assertThat(
              server
                  .read(Patient.class, "p1")
                  .orElseThrow()
                  .getBirthDateElement()
                  .getValueAsString())
          .isEqualTo("1958-03-15");
    }

    @Test
    void transaction_failingEntry_leavesNoTrace() {
      server.load(List.of(patient("p1")));
      int before = server.resourceCount();
      Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      tx.addEntry()
          .setResource(potassium("Patient/p1", "2026-11-01", 3.2))
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl("Observation");
      tx.addEntry()
          .setResource(patient("p1"))
          .getRequest()
          .setMethod(HTTPVerb.PUT)
          .setUrl("Patient/p1");
      tx.addEntry()
          .setResource(
              potassium("urn:uuid:0f7c1d2e-2222-4a2b-9c3d-00000000dead", "2026-11-01", 3.2))
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl("Observation");

      assertThatThrownBy(() -> client.transaction().withBundle(tx).execute())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "Bundle.entry[2] (POST Observation): reference 'urn:uuid:0f7c1d2e-2222-4a2b-9c3d-00000000dead' matches no entry's fullUrl in this transaction");
      assertThat(server.resourceCount()).isEqualTo(before);
      assertThat(server.read(Patient.class, "p1").orElseThrow().getMeta().getVersionId())
          .isEqualTo("1");
      assertThat(ids(search("Observation"))).isEmpty();
    }

    @Test
    void transaction_referenceToMissingResource_isRejected() {
      Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      tx.addEntry()
          .setResource(potassium("Patient/ghost", "2026-11-01", 3.2))
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl("Observation");

      assertThatThrownBy(() -> client.transaction().withBundle(tx).execute())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "Bundle.entry[0] (POST Observation): reference 'Patient/ghost' points to no resource on this server");
      assertThat(server.resourceCount()).isZero();
    }

    @Test
    void transaction_batchBundle_isRejectedAtTheBase() {
      Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
      batch
          .addEntry()
          .setResource(patient("p9"))
          .getRequest()
          .setMethod(HTTPVerb.PUT)
          .setUrl("Patient/p9");

      assertThatThrownBy(() -> client.transaction().withBundle(batch).execute())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "Bundle.type is 'batch'; this server accepts only 'transaction' at the base URL");
      assertThat(server.resourceCount()).isZero();
    }

    @Test
    void transaction_conditionalPut_createsThenUpdates() {
      server.load(List.of(patient("p1")));
      Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      Condition c = condition("Patient/p1", "43339004", "Hypokalemia", "active");
      c.addIdentifier().setSystem(IDS).setValue("c-1");
      tx.addEntry()
          .setResource(c)
          .getRequest()
          .setMethod(HTTPVerb.PUT)
          .setUrl("Condition?identifier=" + IDS + "|c-1");

      Bundle first = client.transaction().withBundle(tx).execute();
      Bundle second = client.transaction().withBundle(tx).execute();

      assertThat(first.getEntryFirstRep().getResponse().getStatus()).isEqualTo("201 Created");
      assertThat(second.getEntryFirstRep().getResponse().getStatus()).isEqualTo("200 OK");
      assertThat(server.resources(Condition.class))
          .singleElement()
          .satisfies(x -> assertThat(x.getMeta().getVersionId()).isEqualTo("2"));
    }
  }

  @Nested
  class BearerToken {
    @Test
    void request_withoutToken_is401_withTokenSucceeds_andIsRecorded() {
      try (InProcessFhirServer secured =
          InProcessFhirServer.builder(CTX).requireBearerToken("s3cret").start()) {
        secured.load(List.of(patient("p1")));
        IGenericClient anonymous = newClient(secured.baseUrl());
        IGenericClient authorized = newClient(secured.baseUrl());
        authorized.registerInterceptor(new BearerTokenAuthInterceptor("s3cret"));

        assertThatThrownBy(() -> anonymous.read().resource(Patient.class).withId("p1").execute())
            .isInstanceOf(AuthenticationException.class)
            .hasMessageContaining("this server requires 'Authorization: Bearer <token>'");
        Patient p = authorized.read().resource(Patient.class).withId("p1").execute();

        assertThat(p.getIdElement().getIdPart()).isEqualTo("p1");
        assertThat(secured.requests())
            .extracting(RecordedRequest::path, RecordedRequest::authorization)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("Patient/p1", Optional.empty()),
                org.assertj.core.groups.Tuple.tuple("Patient/p1", Optional.of("Bearer s3cret")));
      }
    }
  }

  @Nested
  class Setup {
    @Test
    void mountable_servesOnAJettyOwnedBySomeoneElse_andClosingItLeavesThatJettyRunning()
        throws Exception {
      InProcessFhirServer.Mountable mountable = InProcessFhirServer.builder(CTX).mountable();
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      context.addServlet(new ServletHolder(mountable.servlet()), "/ehr/*");
      Server jetty = Jetty.start("test-owner", "127.0.0.1", 0, context);
      try {
        String base = "http://127.0.0.1:" + Jetty.port(jetty) + "/ehr";
        InProcessFhirServer mounted = mountable.mountedAt(base);
        mounted.load(List.of(new Patient().setId("p1")));
        mounted.close();

        Patient read = newClient(base).read().resource(Patient.class).withId("p1").execute();

        assertThat(mounted.baseUrl()).isEqualTo(base);
        assertThat(read.getIdElement().getIdPart()).isEqualTo("p1");
      } finally {
        Jetty.stop(jetty);
      }
    }

    @Test
    void start_onATakenPort_failsNamingHostAndPort() {
      try (InProcessFhirServer first = InProcessFhirServer.start(CTX)) {
        int taken = Integer.parseInt(first.baseUrl().replaceAll(".*:(\\d+)/fhir$", "$1"));

        assertThatThrownBy(() -> InProcessFhirServer.builder(CTX).port(taken).start())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("127.0.0.1:" + taken);
      }
    }

    @Test
    void wildcardHost_isReachedThroughLoopback() {
      try (InProcessFhirServer any = InProcessFhirServer.builder(CTX).host("0.0.0.0").start()) {
        assertThat(any.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/fhir");
      }
    }

    @Test
    void resourceTypes_addsAServedType_andRejectsANonType() {
      try (InProcessFhirServer more =
          InProcessFhirServer.builder(CTX).resourceTypes("Flag").start()) {
        more.load(List.of(new org.hl7.fhir.r4.model.Flag().setId("f1")));
        assertThat(more.resourceCount()).isEqualTo(1);
      }
      assertThatThrownBy(() -> InProcessFhirServer.builder(CTX).resourceTypes("Cramp"))
          .hasMessage("'Cramp' is not an R4 resource type");
    }

    @Test
    void builder_rejectsBadSettingsNamingThem() {
      InProcessFhirServer.Builder builder = InProcessFhirServer.builder(CTX);
      assertThatThrownBy(() -> builder.port(70_000))
          .hasMessage("port must be within 0..65535, got 70000");
      assertThatThrownBy(() -> builder.host(" ")).hasMessage("host must not be blank");
      assertThatThrownBy(() -> builder.pageSize(0))
          .hasMessage("pageSize must be at least 1, got 0");
      assertThatThrownBy(() -> builder.requireBearerToken(""))
          .hasMessage("bearer token must not be blank");
    }
  }
}
