package org.crampcare.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.google.common.collect.ImmutableList;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.crampcare.CrampCareException;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.ImportResult;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.RuleBook;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The EHR round trip: reads one patient's data from a FHIR R4 server, assesses it, and writes the
 * result back as one transaction.
 *
 * <p>Reads Patient, Observation, Condition, MedicationRequest and MedicationStatement (every page
 * of each search) and the Medication resources the requests point at. Every read finishes before
 * anything is written, and everything is written in one FHIR transaction, which the server applies
 * entirely or not at all. The transaction's entries are conditional creates on CrampCare's
 * deterministic identifiers, so running the sync again with the same data and the same assessment
 * time creates nothing new.
 *
 * <p>Failures are {@link SyncException}s whose message says which request failed, how, and whether
 * anything was written.
 */
public final class FhirSync {
  /** The default page size asked for in searches. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** The default connect and read timeout of each request. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** The most pages read from one search before giving up. */
  public static final int MAX_PAGES = 1000;

  private final FhirContext fhirContext;
  private final IGenericClient client;
  private final String serverUrl;
  private final Duration timeout;
  private final int pageSize;
  private final RuleBook ruleBook;

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
    this.pageSize = pageSize;
    this.ruleBook = ruleBook;
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
   */
  public record Result(
      Bundle input,
      ImportResult imported,
      Assessment assessment,
      Bundle transaction,
      Optional<Bundle> response) {

    /** Returns how many entries the server created (status 201). */
    public int created() {
      return countStatus("201");
    }

    /** Returns how many entries already existed (status 200: the conditional create matched). */
    public int alreadyPresent() {
      return countStatus("200");
    }

    private int countStatus(String status) {
      return response
          .map(
              r ->
                  (int)
                      r.getEntry().stream()
                          .filter(e -> e.getResponse().getStatus().startsWith(status))
                          .count())
          .orElse(0);
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
    Bundle input = read(patientId);
    CrampCareFhir.Result result;
    try {
      result = CrampCareFhir.create(fhirContext, ruleBook).assess(input, asOf);
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
    if (dryRun) {
      return new Result(input, imported, assessment, transaction, Optional.empty());
    }
    Bundle response = write(transaction);
    return new Result(input, imported, assessment, transaction, Optional.of(response));
  }

  /** Reads the patient's data into a collection Bundle. */
  Bundle read(String patientId) {
    Bundle input = new Bundle().setType(BundleType.COLLECTION);
    Map<String, Resource> byId = new LinkedHashMap<>();
    Patient patient =
        request(
            "reading Patient/" + patientId,
            () -> client.read().resource(Patient.class).withId(patientId).execute());
    add(byId, patient);
    String subject = "Patient/" + patientId;
    for (Class<? extends Resource> type :
        List.of(
            Observation.class,
            Condition.class,
            MedicationRequest.class,
            MedicationStatement.class)) {
      for (Resource resource : search(type, subject)) {
        add(byId, resource);
      }
    }
    for (Reference medication : medicationReferences(byId.values())) {
      String reference = medication.getReference();
      if (reference == null
          || !reference.startsWith("Medication/")
          || byId.containsKey(reference)) {
        continue;
      }
      String id = reference.substring("Medication/".length());
      add(
          byId,
          request(
              "reading " + reference,
              () -> client.read().resource(Medication.class).withId(id).execute()));
    }
    for (Resource resource : byId.values()) {
      input
          .addEntry()
          .setFullUrl(
              serverUrl + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
          .setResource(resource);
    }
    return input;
  }

  private List<Resource> search(Class<? extends Resource> type, String subject) {
    String what = "searching " + type.getSimpleName() + "?patient=" + subject;
    Bundle page =
        request(
            what,
            () ->
                client
                    .search()
                    .forResource(type)
                    .whereMap(Map.of("patient", List.of(subject)))
                    .count(pageSize)
                    .returnBundle(Bundle.class)
                    .execute());
    List<Resource> found = new ArrayList<>();
    int pages = 1;
    while (true) {
      for (BundleEntryComponent entry : page.getEntry()) {
        if (entry.hasResource()
            && type.isInstance(entry.getResource())
            && (!entry.hasSearch()
                || entry.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE)) {
          found.add(entry.getResource());
        }
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return found;
      }
      if (++pages > MAX_PAGES) {
        throw new SyncException(
            what
                + " on "
                + serverUrl
                + ": more than "
                + MAX_PAGES
                + " pages of "
                + pageSize
                + "; stopped reading. Nothing was written.");
      }
      Bundle current = page;
      page =
          request(what + " (page " + pages + ")", () -> client.loadPage().next(current).execute());
    }
  }

  private static List<Reference> medicationReferences(Iterable<Resource> resources) {
    List<Reference> references = new ArrayList<>();
    for (Resource resource : resources) {
      if (resource instanceof MedicationRequest
          && ((MedicationRequest) resource).hasMedicationReference()) {
        references.add(((MedicationRequest) resource).getMedicationReference());
      } else if (resource instanceof MedicationStatement
          && ((MedicationStatement) resource).hasMedicationReference()) {
        references.add(((MedicationStatement) resource).getMedicationReference());
      }
    }
    return references;
  }

  private static void add(Map<String, Resource> byId, Resource resource) {
    byId.putIfAbsent(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
  }

  private Bundle write(Bundle transaction) {
    try {
      return client.transaction().withBundle(transaction).execute();
    } catch (FhirClientConnectionException e) {
      if (isTimeout(e)) {
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
              + connectionProblem(e)
              + ". Nothing was written.",
          e);
    } catch (BaseServerResponseException e) {
      throw new SyncException(
          "writing the transaction to "
              + serverUrl
              + " failed: "
              + describe(e)
              + ". Nothing was written: the server rejected the transaction as a whole.",
          e);
    }
  }

  private <T> T request(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ResourceNotFoundException e) {
      throw new SyncException(
          what + " on " + serverUrl + ": not found (HTTP 404). Nothing was written.", e);
    } catch (FhirClientConnectionException e) {
      throw new SyncException(
          what + " on " + serverUrl + " failed: " + connectionProblem(e) + ". Nothing was written.",
          e);
    } catch (BaseServerResponseException e) {
      throw new SyncException(
          what + " on " + serverUrl + " failed: " + describe(e) + ". Nothing was written.", e);
    }
  }

  /** Describes a server error: status, reason and the OperationOutcome's diagnostics if any. */
  private static String describe(BaseServerResponseException e) {
    StringBuilder s = new StringBuilder("HTTP ").append(e.getStatusCode());
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
      String message = FhirFiles.withoutHapiCode(e.getMessage());
      details.add(message.replaceFirst("^HTTP \\d+ ", ""));
    }
    return s.append(' ').append(String.join("; ", details)).toString();
  }

  private String connectionProblem(FhirClientConnectionException e) {
    if (isTimeout(e)) {
      return "no answer within " + timeout.toSeconds() + " s (timed out)";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "cannot connect (" + t.getMessage() + ")";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
    }
    return "cannot connect: " + FhirFiles.withoutHapiCode(e.getMessage());
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Returns the resource types the sync reads, in order. */
  public static ImmutableList<String> resourceTypesRead() {
    return ImmutableList.of(
        "Patient",
        "Observation",
        "Condition",
        "MedicationRequest",
        "MedicationStatement",
        "Medication");
  }
}
