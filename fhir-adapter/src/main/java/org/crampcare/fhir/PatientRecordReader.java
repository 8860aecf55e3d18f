package org.crampcare.fhir;

import static com.google.common.base.Preconditions.checkArgument;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Iterables;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
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
 * Reads one patient's record from a FHIR R4 server: the one definition of what CrampCare reads,
 * shared by {@code crampcare sync} and the CDS Hooks service (whose prefetch templates are {@link
 * #prefetchTemplates these searches}).
 *
 * <p>A record is the Patient; every Observation, Condition, MedicationRequest, MedicationStatement
 * and QuestionnaireResponse of the patient, whatever its status (the importer decides what is
 * active, and reports what it does not use and why); and the Medications those requests point at,
 * {@code _include}d or, when the server did not include them, fetched by {@code _id}. Every page of
 * every search is read, up to a bound; a search that goes past it fails rather than leave part of
 * the record unread. A Medication the server cannot find is left out, and the importer reports the
 * request that names it as unclassifiable.
 *
 * <p>The caller supplies the client: its base URL (allow-listed by the CDS service), timeouts and
 * authorization. Immutable and thread-safe; the reads themselves are as thread-safe as the client.
 */
public final class PatientRecordReader {
  /** The searches of a record, after the Patient, with their CDS Hooks prefetch keys. */
  public enum Search {
    /** {@code Observation?patient=...&_sort=-date}: cramps, findings and labs, newest first. */
    OBSERVATIONS("observations", "Observation", "&_sort=-date"),
    /** {@code Condition?patient=...}, every clinical status. */
    CONDITIONS("conditions", "Condition", ""),
    /** {@code MedicationRequest?patient=...&_include=MedicationRequest:medication}. */
    MEDICATION_REQUESTS(
        "medicationRequests", "MedicationRequest", "&_include=MedicationRequest:medication"),
    /** {@code MedicationStatement?patient=...&_include=MedicationStatement:medication}. */
    MEDICATION_STATEMENTS(
        "medicationStatements", "MedicationStatement", "&_include=MedicationStatement:medication"),
    /**
     * {@code QuestionnaireResponse?patient=...}: the cramp diary's answers a patient sent (see
     * {@code CrampDiary}), every status. Not required of a CDS client's prefetch: a client that was
     * set up before the diary existed still gets advice from the rest.
     */
    QUESTIONNAIRE_RESPONSES("questionnaireResponses", "QuestionnaireResponse", "", false);

    private final String key;
    private final String resourceType;
    private final String parameters;
    private final boolean required;

    Search(String key, String resourceType, String parameters) {
      this(key, resourceType, parameters, true);
    }

    Search(String key, String resourceType, String parameters, boolean required) {
      this.key = key;
      this.resourceType = resourceType;
      this.parameters = parameters;
      this.required = required;
    }

    /**
     * Returns whether a CDS client's prefetch must hold this search's result when the service has
     * no FHIR server to read it from.
     */
    public boolean required() {
      return required;
    }

    /** Returns the prefetch key, for example {@code observations}. */
    public String key() {
      return key;
    }

    /** Returns the resource type searched. */
    public String resourceType() {
      return resourceType;
    }

    /** Returns the search URL relative to the base, for a patient id, with a page size. */
    public String url(String patientId, int count) {
      return resourceType
          + "?patient="
          + URLEncoder.encode(patientId, StandardCharsets.UTF_8)
          + parameters
          + "&_count="
          + count;
    }

    String template(int count) {
      return resourceType + "?patient={{context.patientId}}" + parameters + "&_count=" + count;
    }
  }

  /** The prefetch key of the Patient. */
  public static final String PATIENT = "patient";

  /** The part name of the Medications read by {@code _id}, in errors. */
  public static final String MEDICATIONS = "medications";

  /** The default page size asked for in searches. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** The default bound on the pages read from one search. */
  public static final int DEFAULT_MAX_PAGES = 1000;

  private static final int IDS_PER_SEARCH = 50;

  private final int pageSize;
  private final int maxPages;
  private final String timeoutText;

  private PatientRecordReader(int pageSize, int maxPages, String timeoutText) {
    this.pageSize = pageSize;
    this.maxPages = maxPages;
    this.timeoutText = timeoutText;
  }

  /** Returns a reader with the default page size and bound. */
  public static PatientRecordReader create() {
    return builder().build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the page size asked for. */
  public int pageSize() {
    return pageSize;
  }

  /** Returns the bound on the pages read from one search. */
  public int maxPages() {
    return maxPages;
  }

  /**
   * Returns the CDS Hooks prefetch templates of these searches, by key: the Patient first, then
   * each {@link Search}, with this reader's page size.
   */
  public ImmutableMap<String, String> prefetchTemplates() {
    ImmutableMap.Builder<String, String> templates = ImmutableMap.builder();
    templates.put(PATIENT, "Patient/{{context.patientId}}");
    for (Search search : Search.values()) {
      templates.put(search.key(), search.template(pageSize));
    }
    return templates.buildOrThrow();
  }

  /**
   * A patient's record as read.
   *
   * @param patient the Patient
   * @param resources the other resources, each once, in the order read
   */
  public record Record(Patient patient, ImmutableList<Resource> resources) {
    /** Returns the Patient followed by the other resources. */
    public ImmutableList<Resource> all() {
      return ImmutableList.<Resource>builder().add(patient).addAll(resources).build();
    }

    /**
     * Returns the record as a collection Bundle whose full URLs are absolute on {@code baseUrl},
     * for the importer (and for a file a person can read).
     */
    public Bundle toBundle(String baseUrl) {
      String base = baseUrl.replaceAll("/+$", "");
      Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
      for (Resource resource : all()) {
        bundle
            .addEntry()
            .setFullUrl(
                base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
            .setResource(resource);
      }
      return bundle;
    }
  }

  /**
   * Reads a patient's whole record.
   *
   * @param client a client on the server's base URL, with the caller's timeouts and authorization
   * @param patientId the Patient's id on the server (without {@code Patient/})
   * @throws PatientRecordException naming the request that failed; nothing is returned
   */
  public Record read(IGenericClient client, String patientId) {
    Patient patient = readPatient(client, patientId);
    Map<String, Resource> byId = new LinkedHashMap<>();
    for (Search search : Search.values()) {
      for (Resource resource : search(client, search, patientId)) {
        add(byId, resource);
      }
    }
    for (Resource medication : referencedMedications(client, byId.values())) {
      add(byId, medication);
    }
    return new Record(patient, ImmutableList.copyOf(byId.values()));
  }

  /**
   * Reads the Patient.
   *
   * @throws PatientRecordException if it cannot be read
   */
  public Patient readPatient(IGenericClient client, String patientId) {
    return request(
        PATIENT,
        "reading Patient/" + patientId,
        () -> client.read().resource(Patient.class).withId(patientId).execute());
  }

  /**
   * Runs one search of the record to its last page: the resources of the searched type, and the
   * Medications it {@code _include}s.
   *
   * @throws PatientRecordException if a page cannot be read, or there are more than {@link
   *     #maxPages()}
   */
  public ImmutableList<Resource> search(IGenericClient client, Search search, String patientId) {
    return searchAll(
        client,
        search.key(),
        "searching " + search.resourceType() + "?patient=Patient/" + patientId,
        search.url(patientId, pageSize),
        search.resourceType());
  }

  /**
   * Runs a search to its last page (at most {@link #maxPages()}) and returns the resources of the
   * searched type and the Medications it includes.
   *
   * @param key what the search reads, for {@link PatientRecordException#request()}, for example
   *     {@code carePlans}
   * @param what the search as a person reads it, for messages
   * @param relativeUrl the search URL relative to the base, with its {@code _count}
   * @param resourceType the type searched
   * @throws PatientRecordException if a page cannot be read, or there are more than {@link
   *     #maxPages()}
   */
  public ImmutableList<Resource> searchAll(
      IGenericClient client, String key, String what, String relativeUrl, String resourceType) {
    Bundle page =
        request(
            key,
            what,
            () -> client.search().byUrl(relativeUrl).returnBundle(Bundle.class).execute());
    List<Resource> found = new ArrayList<>();
    int pages = 1;
    while (true) {
      for (BundleEntryComponent entry : page.getEntry()) {
        Resource r = entry.getResource();
        if (r != null && (r.fhirType().equals(resourceType) || r.fhirType().equals("Medication"))) {
          found.add(r);
        }
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return ImmutableList.copyOf(found);
      }
      if (++pages > maxPages) {
        throw new PatientRecordException(
            key, what, "more than " + maxPages + " pages of " + pageSize + "; stopped reading");
      }
      Bundle current = page;
      page =
          request(
              key, what + " (page " + pages + ")", () -> client.loadPage().next(current).execute());
    }
  }

  /**
   * Fetches, by {@code _id}, the Medications that requests and statements among {@code resources}
   * point at and that are not among them.
   *
   * @throws PatientRecordException if the search fails
   */
  public ImmutableList<Resource> referencedMedications(
      IGenericClient client, Collection<? extends Resource> resources) {
    Set<String> have = new LinkedHashSet<>();
    Set<String> wanted = new LinkedHashSet<>();
    for (Resource r : resources) {
      if (r.fhirType().equals("Medication")) {
        have.add(r.getIdElement().getIdPart());
      }
      Reference ref = medicationReference(r);
      if (ref != null && ref.hasReference() && !ref.getReference().startsWith("#")) {
        IdType target = new IdType(ref.getReference());
        if ("Medication".equals(target.getResourceType()) && target.hasIdPart()) {
          wanted.add(target.getIdPart());
        }
      }
    }
    wanted.removeAll(have);
    List<Resource> found = new ArrayList<>();
    for (List<String> ids : Iterables.partition(wanted, IDS_PER_SEARCH)) {
      String url =
          "Medication?_id="
              + URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8)
              + "&_count="
              + IDS_PER_SEARCH;
      Bundle bundle =
          request(
              MEDICATIONS,
              "searching Medication?_id=" + String.join(",", ids),
              () -> client.search().byUrl(url).returnBundle(Bundle.class).execute());
      for (BundleEntryComponent entry : bundle.getEntry()) {
        if (entry.getResource() != null && entry.getResource().fhirType().equals("Medication")) {
          found.add(entry.getResource());
        }
      }
    }
    return ImmutableList.copyOf(found);
  }

  private static @org.jspecify.annotations.Nullable Reference medicationReference(Resource r) {
    if (r instanceof MedicationRequest && ((MedicationRequest) r).hasMedicationReference()) {
      return ((MedicationRequest) r).getMedicationReference();
    }
    if (r instanceof MedicationStatement && ((MedicationStatement) r).hasMedicationReference()) {
      return ((MedicationStatement) r).getMedicationReference();
    }
    return null;
  }

  private static void add(Map<String, Resource> byId, Resource resource) {
    String key =
        resource.getIdElement().hasIdPart()
            ? resource.fhirType() + "/" + resource.getIdElement().getIdPart()
            : "#" + byId.size();
    byId.putIfAbsent(key, resource);
  }

  private <T> T request(String query, String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ResourceNotFoundException e) {
      return fail(
          query, what, PatientRecordException.Kind.NOT_FOUND, 404, "not found (HTTP 404)", e);
    } catch (FhirClientConnectionException e) {
      if (isTimeout(e)) {
        return fail(
            query,
            what,
            PatientRecordException.Kind.TIMED_OUT,
            0,
            "no answer within " + timeoutText + " (timed out)",
            e);
      }
      return fail(query, what, PatientRecordException.Kind.UNREACHABLE, 0, connectionProblem(e), e);
    } catch (BaseServerResponseException e) {
      return fail(
          query, what, PatientRecordException.Kind.REJECTED, e.getStatusCode(), describe(e), e);
    }
  }

  private static <T> T fail(
      String query,
      String what,
      PatientRecordException.Kind kind,
      int status,
      String detail,
      Exception cause) {
    throw new PatientRecordException(query, what, kind, status, detail, cause);
  }

  /** Describes a server error: status and the OperationOutcome's diagnostics, else the message. */
  static String describe(BaseServerResponseException e) {
    List<String> details = new ArrayList<>();
    IBaseOperationOutcome outcome = e.getOperationOutcome();
    if (outcome instanceof OperationOutcome) {
      for (OperationOutcome.OperationOutcomeIssueComponent issue :
          ((OperationOutcome) outcome).getIssue()) {
        if (issue.hasDiagnostics()) {
          details.add(issue.getDiagnostics());
        }
      }
    }
    if (details.isEmpty()) {
      details.add(withoutHapiCode(e.getMessage()).replaceFirst("^HTTP \\d+ ", ""));
    }
    return "HTTP " + e.getStatusCode() + " " + String.join("; ", details);
  }

  static String connectionProblem(FhirClientConnectionException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "cannot connect (" + t.getMessage() + ")";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
    }
    return "cannot connect: " + withoutHapiCode(e.getMessage());
  }

  static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  static String withoutHapiCode(@org.jspecify.annotations.Nullable String message) {
    return message == null ? "(no detail)" : message.replaceFirst("^HAPI-\\d+: ", "");
  }

  /** Configures a {@link PatientRecordReader}; not thread-safe. */
  public static final class Builder {
    private int pageSize = DEFAULT_PAGE_SIZE;
    private int maxPages = DEFAULT_MAX_PAGES;
    private String timeoutText = "the client's timeout";

    private Builder() {}

    /**
     * Sets the page size asked for ({@code _count}); default {@value
     * PatientRecordReader#DEFAULT_PAGE_SIZE}.
     *
     * @throws IllegalArgumentException if under 1
     */
    public Builder pageSize(int pageSize) {
      checkArgument(pageSize >= 1, "pageSize must be at least 1, got %s", pageSize);
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets the most pages read from one search; default {@value
     * PatientRecordReader#DEFAULT_MAX_PAGES}.
     *
     * @throws IllegalArgumentException if under 1
     */
    public Builder maxPages(int maxPages) {
      checkArgument(maxPages >= 1, "maxPages must be at least 1, got %s", maxPages);
      this.maxPages = maxPages;
      return this;
    }

    /** Names the client's timeout in "no answer within ..." errors, for example 30 s. */
    public Builder timeout(Duration timeout) {
      this.timeoutText = timeout.toSeconds() + " s";
      return this;
    }

    /** Builds the reader. */
    public PatientRecordReader build() {
      return new PatientRecordReader(pageSize, maxPages, timeoutText);
    }
  }
}
