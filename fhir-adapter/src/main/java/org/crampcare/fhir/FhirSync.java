package org.crampcare.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.google.common.collect.ImmutableList;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.crampcare.CrampCareException;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.RuleBook;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;

/**
 * The EHR round trip: reads one patient's data from a FHIR R4 server, assesses it, and writes the
 * result back as one transaction.
 *
 * <p>Reads the patient's record with {@link PatientRecordReader} (the same reader the CDS Hooks
 * service fetches with): Patient, Observation, Condition, MedicationRequest and MedicationStatement
 * (every page of each search) and the Medication resources the requests point at. Every read
 * finishes before anything is written, and everything is written in one FHIR transaction, which the
 * server applies entirely or not at all. The transaction's entries are conditional creates on
 * CrampCare's deterministic identifiers, so running the sync again with the same data and the same
 * assessment time creates nothing new. CrampCare's earlier open CarePlans of the patient, and their
 * open requests, are revoked in the same transaction and listed in the new plan's {@code replaces}
 * (see {@link PreviousPlans}), so the patient has one active CrampCare plan at a time.
 *
 * <p>Failures are {@link SyncException}s whose message says which request failed, how, and whether
 * anything was written.
 */
public final class FhirSync {
  /** The default page size asked for in searches. */
  public static final int DEFAULT_PAGE_SIZE = PatientRecordReader.DEFAULT_PAGE_SIZE;

  /** The default connect and read timeout of each request. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** The most pages read from one search before giving up. */
  public static final int MAX_PAGES = PatientRecordReader.DEFAULT_MAX_PAGES;

  private final FhirContext fhirContext;
  private final IGenericClient client;
  private final String serverUrl;
  private final Duration timeout;
  private final PatientRecordReader reader;
  private final CrampCareFhir pipeline;

  /**
   * Creates a sync against a server with the default timeout and page size and no authorization.
   *
   * @param fhirContext the application's R4 context
   * @param serverUrl the server's base URL, for example {@code http://localhost:8080/fhir}
   */
  public FhirSync(FhirContext fhirContext, String serverUrl) {
    this(
        fhirContext,
        serverUrl,
        DEFAULT_TIMEOUT,
        DEFAULT_PAGE_SIZE,
        Optional.empty(),
        RuleBook.builtIn());
  }

  /**
   * Creates a sync against a server.
   *
   * @param fhirContext the application's R4 context; its client factory gets the timeout
   * @param serverUrl the server's base URL, for example {@code http://localhost:8080/fhir}
   * @param timeout the connect and read timeout of each request
   * @param pageSize the page size asked for in searches ({@code _count})
   * @param bearerToken sent as {@code Authorization: Bearer <token>} when present
   * @param ruleBook the rule book to assess with
   * @throws IllegalArgumentException if the timeout is under a millisecond or the page size under 1
   */
  public FhirSync(
      FhirContext fhirContext,
      String serverUrl,
      Duration timeout,
      int pageSize,
      Optional<String> bearerToken,
      RuleBook ruleBook) {
    if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
    }
    this.fhirContext = fhirContext;
    this.serverUrl = serverUrl.replaceAll("/+$", "");
    this.timeout = timeout;
    this.reader = PatientRecordReader.builder().pageSize(pageSize).timeout(timeout).build();
    this.pipeline = CrampCareFhir.create(fhirContext, ruleBook);
    IRestfulClientFactory factory = fhirContext.getRestfulClientFactory();
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    factory.setConnectTimeout((int) timeout.toMillis());
    factory.setSocketTimeout((int) timeout.toMillis());
    this.client = fhirContext.newRestfulGenericClient(this.serverUrl);
    bearerToken.ifPresent(
        token -> client.registerInterceptor(new BearerTokenAuthInterceptor(token)));
  }

  /**
   * What one sync read, concluded and wrote.
   *
   * @param input every resource read, as a collection Bundle
   * @param imported what the importer made of it, with the mapping report
   * @param assessment the assessment
   * @param transaction the transaction Bundle that was (or, in a dry run, would be) written
   * @param response the server's transaction response; empty in a dry run
   * @param superseded the patient's earlier CrampCare plans and open requests the transaction
   *     revokes
   */
  public record Result(
      Bundle input,
      ImportResult imported,
      Assessment assessment,
      Bundle transaction,
      Optional<Bundle> response,
      PreviousPlans.Superseded superseded) {

    /** Returns how many entries the server created (status 201). */
    public int created() {
      return count(HTTPVerb.POST, "201");
    }

    /** Returns how many creates matched what was there already (status 200: not duplicated). */
    public int alreadyPresent() {
      return count(HTTPVerb.POST, "200");
    }

    /**
     * Returns how many earlier plans and requests were updated (revoked; see {@link #superseded}).
     */
    public int updated() {
      return count(HTTPVerb.PUT, "2");
    }

    // A transaction response has one entry per request entry, in the same order.
    private int count(HTTPVerb method, String statusPrefix) {
      if (response.isEmpty()) {
        return 0;
      }
      List<Bundle.BundleEntryComponent> requests = transaction.getEntry();
      List<Bundle.BundleEntryComponent> responses = response.get().getEntry();
      int n = 0;
      for (int i = 0; i < Math.min(requests.size(), responses.size()); i++) {
        if (requests.get(i).getRequest().getMethod() == method
            && responses.get(i).getResponse().getStatus().startsWith(statusPrefix)) {
          n++;
        }
      }
      return n;
    }
  }

  /**
   * Reads, assesses and writes back.
   *
   * @param patientId the Patient's id on the server (without {@code Patient/})
   * @param asOf the assessment time
   * @param dryRun when true, nothing is written
   * @return what was read, concluded and written
   * @throws SyncException when a request fails or the data cannot be assessed; the message says
   *     whether anything was written
   */
  public Result sync(String patientId, Instant asOf, boolean dryRun) {
    return sync(patientId, asOf, dryRun, transaction -> {});
  }

  /**
   * Reads, assesses and writes back, and lets the caller act on the transaction before it is
   * written: for example to save it to a file first, so that a file that cannot be saved stops the
   * sync before anything reaches the server.
   *
   * @param patientId the Patient's id on the server (without {@code Patient/})
   * @param asOf the assessment time
   * @param dryRun when true, nothing is written
   * @param beforeWrite called with the transaction before it is written (also in a dry run); if it
   *     throws, nothing is written and the exception propagates
   * @return what was read, concluded and written
   * @throws SyncException when a request fails or the data cannot be assessed; the message says
   *     whether anything was written
   */
  public Result sync(String patientId, Instant asOf, boolean dryRun, Consumer<Bundle> beforeWrite) {
    Bundle input = read(patientId);
    CrampCareFhir.Result result;
    try {
      result = pipeline.assess(input, asOf);
    } catch (CrampCareException | IllegalArgumentException e) {
      throw new SyncException(
          "Patient/"
              + patientId
              + " on "
              + serverUrl
              + ": "
              + e.getMessage()
              + ". Nothing was"
              + " written.",
          e);
    }
    ImportResult imported = result.imported();
    Assessment assessment = result.assessment();
    Bundle transaction = result.transaction();
    beforeWrite.accept(transaction);
    if (dryRun) {
      return new Result(
          input, imported, assessment, transaction, Optional.empty(), result.superseded());
    }
    Bundle response = write(transaction);
    return new Result(
        input, imported, assessment, transaction, Optional.of(response), result.superseded());
  }

  /**
   * Reads the patient's data into a collection Bundle: the record, and CrampCare's own open
   * CarePlans and requests from earlier syncs, which the new transaction supersedes.
   */
  Bundle read(String patientId) {
    try {
      PatientRecordReader.Record record = reader.read(client, patientId);
      List<Resource> resources = new ArrayList<>(record.resources());
      resources.addAll(previousPlans(patientId));
      return new PatientRecordReader.Record(record.patient(), ImmutableList.copyOf(resources))
          .toBundle(serverUrl);
    } catch (PatientRecordException e) {
      String separator =
          e.kind() == PatientRecordException.Kind.NOT_FOUND
                  || e.kind() == PatientRecordException.Kind.TOO_MANY_PAGES
              ? ": "
              : " failed: ";
      throw new SyncException(
          e.request() + " on " + serverUrl + separator + e.detail() + ". Nothing was written.", e);
    }
  }

  /**
   * Searches CrampCare's open CarePlans of the patient and, if there are any, CrampCare's open
   * requests of the patient (recognised by CrampCare's identifier systems).
   */
  private List<Resource> previousPlans(String patientId) {
    String patient = URLEncoder.encode(patientId, StandardCharsets.UTF_8);
    String open = "&status=draft,active,on-hold&_count=" + reader.pageSize();
    List<Resource> found = new ArrayList<>();
    String plans =
        "CarePlan?patient="
            + patient
            + "&identifier="
            + URLEncoder.encode(FhirUrls.ID_CARE_PLAN + "|", StandardCharsets.UTF_8)
            + open;
    found.addAll(
        reader.searchAll(
            client,
            "carePlans",
            "searching CrampCare's open CarePlans of Patient/" + patientId,
            plans,
            "CarePlan"));
    if (found.isEmpty()) {
      return found;
    }
    for (String type : List.of("ServiceRequest", "CommunicationRequest")) {
      String url =
          type
              + "?patient="
              + patient
              + "&identifier="
              + URLEncoder.encode(FhirUrls.ID_RECOMMENDATION + "|", StandardCharsets.UTF_8)
              + open;
      found.addAll(
          reader.searchAll(
              client,
              "requests",
              "searching CrampCare's open " + type + "s of Patient/" + patientId,
              url,
              type));
    }
    return found;
  }

  private Bundle write(Bundle transaction) {
    try {
      return client.transaction().withBundle(transaction).execute();
    } catch (FhirClientConnectionException e) {
      if (PatientRecordReader.isTimeout(e)) {
        throw new SyncException(
            "writing the transaction to "
                + serverUrl
                + " timed out after "
                + timeout.toSeconds()
                + " s. The server applies a transaction entirely or not at all, so either all of"
                + " it or none of it was written; running sync again is safe and creates nothing"
                + " twice.",
            e);
      }
      throw new SyncException(
          "writing the transaction to "
              + serverUrl
              + " failed: "
              + PatientRecordReader.connectionProblem(e)
              + ". Nothing was written.",
          e);
    } catch (BaseServerResponseException e) {
      throw new SyncException(
          "writing the transaction to "
              + serverUrl
              + " failed: "
              + PatientRecordReader.describe(e)
              + ". Nothing was written: the server rejected the transaction as a whole.",
          e);
    }
  }

  /** Returns the resource types the sync reads, in order. */
  public static ImmutableList<String> resourceTypesRead() {
    ImmutableList.Builder<String> types = ImmutableList.builder();
    types.add("Patient");
    for (PatientRecordReader.Search search : PatientRecordReader.Search.values()) {
      types.add(search.resourceType());
    }
    return types.add("Medication").build();
  }
}
