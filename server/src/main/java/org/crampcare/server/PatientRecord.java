package org.crampcare.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Gathers one patient's record for the patient-view service: from the CDS client's prefetch where
 * given, otherwise from its FHIR server with the client's bearer token.
 */
final class PatientRecord {
  /** The prefetch templates the service advertises, by key. */
  static final ImmutableMap<String, String> PREFETCH =
      ImmutableMap.of(
          "patient", "Patient/{{context.patientId}}",
          "observations", "Observation?patient={{context.patientId}}&_sort=-date&_count=200",
          "conditions", "Condition?patient={{context.patientId}}&clinical-status=active",
          "medicationRequests",
              "MedicationRequest?patient={{context.patientId}}&status=active"
                  + "&_include=MedicationRequest:medication",
          "medicationStatements",
              "MedicationStatement?patient={{context.patientId}}&status=active"
                  + "&_include=MedicationStatement:medication");

  /** The most pages read per search when fetching; a patient's active lists are short. */
  static final int MAX_PAGES = 10;

  private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d+");

  private final FhirContext ctx;
  private final Predicate<URI> allowedServers;

  PatientRecord(FhirContext ctx, Predicate<URI> allowedServers) {
    this.ctx = ctx;
    this.allowedServers = allowedServers;
  }

  /**
   * Returns the patient's resources: the Patient first, then the others.
   *
   * @throws CdsRequestException 400 for malformed prefetch, 412 when the data can be had neither
   *     from prefetch nor from the FHIR server
   */
  ImmutableList<Resource> gather(CdsRequest request) {
    List<Resource> resources = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String key : PREFETCH.keySet()) {
      if (!request.prefetch().containsKey(key)) {
        missing.add(key);
        continue;
      }
      JsonNode value = request.prefetch().get(key);
      if (value.isNull()) {
        if (key.equals("patient")) {
          throw new CdsRequestException(
              412, "prefetch.patient is null: the CDS client reports no Patient to assess");
        }
        continue;
      }
      resources.addAll(fromPrefetch(key, value, request.patientId()));
    }
    Optional<IGenericClient> client = Optional.empty();
    if (!missing.isEmpty()) {
      if (request.fhirServer().isEmpty()) {
        throw new CdsRequestException(
            412,
            "prefetch lacks "
                + String.join(", ", missing)
                + " and no fhirServer was given to fetch them from");
      }
      client = Optional.of(client(request));
      for (String key : missing) {
        resources.addAll(fetch(client.get(), key, request.patientId()));
      }
    } else if (request.fhirServer().isPresent()) {
      client = Optional.of(client(request));
    }
    if (client.isPresent()) {
      resources.addAll(referencedMedications(client.get(), resources));
    }
    // The same resource can come twice (a Medication included by two searches): keep the first.
    Map<String, Resource> unique = new LinkedHashMap<>();
    for (Resource r : resources) {
      String key =
          r.getIdElement().hasIdPart()
              ? r.fhirType() + "/" + r.getIdElement().getIdPart()
              : "#" + unique.size();
      unique.putIfAbsent(key, r);
    }
    List<Resource> out = new ArrayList<>(unique.values());
    out.sort((a, b) -> Boolean.compare(!(a instanceof Patient), !(b instanceof Patient)));
    return ImmutableList.copyOf(out);
  }

  private List<Resource> fromPrefetch(String key, JsonNode value, String patientId) {
    IBaseResource parsed;
    try {
      parsed = parser().parseResource(value.toString());
    } catch (DataFormatException e) {
      Matcher code = HAPI_CODE.matcher(String.valueOf(e.getMessage()));
      throw new CdsRequestException(
          400,
          "prefetch."
              + key
              + " is not a FHIR R4 resource"
              + (code.find() ? " (" + code.group() + ")" : ""),
          e);
    }
    if (key.equals("patient")) {
      if (!(parsed instanceof Patient)) {
        throw CdsRequestException.badRequest(
            "prefetch.patient is a " + ((Resource) parsed).fhirType() + "; expected a Patient");
      }
      Patient patient = (Patient) parsed;
      if (patient.getIdElement().hasIdPart()
          && !patient.getIdElement().getIdPart().equals(patientId)) {
        throw CdsRequestException.badRequest(
            "prefetch.patient is Patient/"
                + patient.getIdElement().getIdPart()
                + " but context.patientId is "
                + patientId);
      }
      patient.setId(patientId);
      return List.of(patient);
    }
    if (!(parsed instanceof Bundle)) {
      throw CdsRequestException.badRequest(
          "prefetch." + key + " is a " + ((Resource) parsed).fhirType() + "; expected a Bundle");
    }
    return entries((Bundle) parsed);
  }

  private IParser parser() {
    IParser parser = ctx.newJsonParser();
    parser.setOverrideResourceIdWithBundleEntryFullUrl(false);
    // Lenient, and quiet: HAPI's parse warnings may quote values, which may be patient data.
    parser.setParserErrorHandler(new LenientErrorHandler(false));
    return parser;
  }

  private static List<Resource> entries(Bundle bundle) {
    List<Resource> out = new ArrayList<>();
    for (BundleEntryComponent e : bundle.getEntry()) {
      if (e.hasResource() && !(e.getResource() instanceof OperationOutcome)) {
        out.add(e.getResource());
      }
    }
    return out;
  }

  private IGenericClient client(CdsRequest request) {
    URI server = request.fhirServer().orElseThrow();
    if (!allowedServers.test(server)) {
      throw new CdsRequestException(
          412, "fhirServer " + server + " is not one this service is allowed to call");
    }
    IGenericClient client = ctx.newRestfulGenericClient(server.toString());
    request
        .accessToken()
        .ifPresent(t -> client.registerInterceptor(new BearerTokenAuthInterceptor(t)));
    return client;
  }

  private List<Resource> fetch(IGenericClient client, String key, String patientId) {
    String template = PREFETCH.get(key);
    if (template == null) {
      throw new AssertionError("fetch is called only with the advertised prefetch keys: " + key);
    }
    String query =
        template.replace(
            "{{context.patientId}}", URLEncoder.encode(patientId, StandardCharsets.UTF_8));
    try {
      if (key.equals("patient")) {
        return List.of(client.read().resource(Patient.class).withId(patientId).execute());
      }
      Bundle page = client.search().byUrl(query).returnBundle(Bundle.class).execute();
      List<Resource> out = new ArrayList<>(entries(page));
      // "Recent" observations are the first page, as a prefetch would give; active lists are
      // read to the end (within a bound).
      int pages = 1;
      while (!key.equals("observations")
          && page.getLink(Bundle.LINK_NEXT) != null
          && pages < MAX_PAGES) {
        page = client.loadPage().next(page).execute();
        out.addAll(entries(page));
        pages++;
      }
      return out;
    } catch (FhirClientConnectionException e) {
      throw new CdsRequestException(
          412, "fhirServer could not be reached for the " + key + " query", e);
    } catch (BaseServerResponseException e) {
      throw new CdsRequestException(
          412,
          "fhirServer answered HTTP "
              + e.getStatusCode()
              + " to the "
              + key
              + " query; the service cannot get the patient's data",
          e);
    }
  }

  private List<Resource> referencedMedications(IGenericClient client, List<Resource> resources) {
    Set<String> have = new LinkedHashSet<>();
    Set<String> wanted = new LinkedHashSet<>();
    for (Resource r : resources) {
      if (r.fhirType().equals("Medication")) {
        have.add(r.getIdElement().getIdPart());
      }
      Reference ref = null;
      if (r instanceof MedicationRequest && ((MedicationRequest) r).hasMedicationReference()) {
        ref = ((MedicationRequest) r).getMedicationReference();
      } else if (r instanceof MedicationStatement
          && ((MedicationStatement) r).hasMedicationReference()) {
        ref = ((MedicationStatement) r).getMedicationReference();
      }
      if (ref != null && ref.hasReference() && !ref.getReference().startsWith("#")) {
        IdType target = new IdType(ref.getReference());
        if ("Medication".equals(target.getResourceType()) && target.hasIdPart()) {
          wanted.add(target.getIdPart());
        }
      }
    }
    wanted.removeAll(have);
    if (wanted.isEmpty()) {
      return List.of();
    }
    try {
      Bundle found =
          client
              .search()
              .byUrl(
                  "Medication?_id="
                      + URLEncoder.encode(String.join(",", wanted), StandardCharsets.UTF_8))
              .returnBundle(Bundle.class)
              .execute();
      return entries(found);
    } catch (BaseServerResponseException e) {
      // The medications stay unresolved; the importer reports each one it cannot classify.
      return List.of();
    }
  }
}
