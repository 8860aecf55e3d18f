package org.crampcare.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.crampcare.recommendation.RuleBook;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the FHIR adapter: one shared R4 {@link FhirContext} (expensive to create,
 * thread-safe), the importer, the assessor, the exporter and, only when first asked for, the
 * validator. Create one per application and share it; it is thread-safe.
 *
 * <pre>{@code
 * CrampCareFhir fhir = CrampCareFhir.create();
 * CrampCareFhir.Result result = fhir.assess(patientBundle, Instant.now());
 * Bundle transaction = result.transaction();   // ready to POST
 * OperationOutcome report = result.imported().report();   // what could not be used, and why
 * }</pre>
 */
public final class CrampCareFhir {
  private final FhirContext context;
  private final Assessor assessor;
  private final FhirImporter importer;
  private final FhirExporter exporter;
  private volatile @Nullable CrampCareValidator validator;

  private CrampCareFhir(FhirContext context, RuleBook ruleBook) {
    this.context = context;
    this.assessor = Assessor.create(ruleBook);
    // The importer flags stale labs by the rule book's own lab age limit.
    this.importer = new FhirImporter(context).withLabMaxAge(ruleBook.thresholds().labMaxAge());
    this.exporter = new FhirExporter(context, ruleBook);
  }

  /** Returns an adapter with a new R4 context and the built-in rule book. */
  public static CrampCareFhir create() {
    return create(FhirContext.forR4(), RuleBook.builtIn());
  }

  /**
   * Returns an adapter over the application's own R4 context and rule book.
   *
   * @param r4Context the shared R4 context
   * @param ruleBook the rule book to assess with
   * @throws IllegalArgumentException if the context is not R4
   */
  public static CrampCareFhir create(FhirContext r4Context, RuleBook ruleBook) {
    Conformance.requireR4(r4Context);
    return new CrampCareFhir(r4Context, ruleBook);
  }

  /** Returns the shared R4 context. */
  public FhirContext context() {
    return context;
  }

  /** Returns the importer. */
  public FhirImporter importer() {
    return importer;
  }

  /** Returns the assessor. */
  public Assessor assessor() {
    return assessor;
  }

  /** Returns the exporter. */
  public FhirExporter exporter() {
    return exporter;
  }

  /**
   * Returns the validator, creating it on the first call. HAPI's validator itself starts on the
   * first {@link CrampCareValidator#validate} call (seconds, about 200 MB of heap), never before.
   */
  public CrampCareValidator validator() {
    CrampCareValidator v = validator;
    if (v == null) {
      synchronized (this) {
        v = validator;
        if (v == null) {
          v = new CrampCareValidator(context, assessor.ruleBook());
          validator = v;
        }
      }
    }
    return v;
  }

  /**
   * Imports a patient's data, assesses it and exports the result as one transaction Bundle.
   *
   * @param patientData a Bundle of one patient (searchset, collection, transaction, batch or {@code
   *     $everything})
   * @param asOf the assessment time ("now")
   * @return what was imported (with the mapping report), the assessment and the transaction
   * @throws FhirMappingException if the Bundle cannot be used at all (no Patient, several, no birth
   *     date)
   * @throws IllegalArgumentException if the data is inconsistent with {@code asOf} (an episode
   *     after it, a birth date after it)
   */
  public Result assess(Bundle patientData, Instant asOf) {
    List<Resource> resources = new ArrayList<>();
    for (Bundle.BundleEntryComponent e : patientData.getEntry()) {
      if (e.getResource() != null) {
        resources.add(e.getResource());
      }
    }
    return assess(importer.importBundle(patientData, asOf), asOf, PreviousPlans.in(resources));
  }

  /**
   * Imports a patient's resources (for example a {@link PatientRecordReader.Record}'s, or a CDS
   * Hooks prefetch), assesses them and exports the result as one transaction Bundle.
   *
   * @param resources one Patient and the patient's other resources
   * @param asOf the assessment time ("now")
   * @return what was imported (with the mapping report), the assessment and the transaction
   * @throws FhirMappingException if the resources cannot be used at all
   * @throws IllegalArgumentException if the data is inconsistent with {@code asOf}
   */
  public Result assess(List<? extends Resource> resources, Instant asOf) {
    return assess(importer.importResources(resources, asOf), asOf, PreviousPlans.in(resources));
  }

  private Result assess(ImportResult imported, Instant asOf, PreviousPlans previous) {
    Assessment assessment = assessor.assess(imported.patient(), imported.episodes(), asOf);
    Bundle transaction =
        exporter.toTransaction(
            assessment,
            imported.patient(),
            imported.episodes(),
            Optional.of(imported.crampRecords()));
    PreviousPlans.Superseded superseded = previous.supersede(transaction);
    return new Result(imported, assessment, transaction, superseded);
  }

  /**
   * The outcome of {@link #assess}.
   *
   * @param imported what was imported, with the mapping report
   * @param assessment the assessment
   * @param transaction the transaction Bundle, ready to POST
   * @param superseded the earlier CrampCare plans of the patient (found among the input) that the
   *     transaction revokes, see {@link PreviousPlans}
   */
  public record Result(
      ImportResult imported,
      Assessment assessment,
      Bundle transaction,
      PreviousPlans.Superseded superseded) {}
}
