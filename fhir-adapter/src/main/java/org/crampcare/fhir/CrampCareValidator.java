package org.crampcare.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.util.Optional;
import org.crampcare.recommendation.RuleBook;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional run-time validation of resources against base FHIR R4 and CrampCare's profiles, with
 * HAPI's {@code FhirInstanceValidator}. Thread-safe: create one and share it.
 *
 * <p>The validator is expensive (about 200 MB of heap and several seconds to start), so it is built
 * on the first call to {@link #validate} and never before: constructing this class loads none of
 * HAPI's validation classes. Without a terminology server, SNOMED CT and LOINC codes cannot be
 * checked; the validator reports that as warnings.
 *
 * <pre>{@code
 * CrampCareValidator validator = new CrampCareValidator(fhirContext); // cheap
 * ValidationReport report = validator.validate(bundle);               // first call: seconds
 * if (!report.isValid()) { ... report.errors() ... }
 * }</pre>
 */
public final class CrampCareValidator {
  private static final Logger log = LoggerFactory.getLogger(CrampCareValidator.class);

  private final FhirContext context;
  private final Optional<CodeSystem> ruleBookCodes;
  private volatile @Nullable ValidatorEngine engine;

  /**
   * Returns a validator that starts HAPI's validator on first use.
   *
   * @param r4Context the application's shared R4 context
   * @throws IllegalArgumentException if the context is not R4
   */
  public CrampCareValidator(FhirContext r4Context) {
    this(r4Context, RuleBook.builtIn());
  }

  /**
   * Returns a validator that also knows a rule book's own codes (its CodeSystem, which the exporter
   * writes into each transaction that uses them).
   *
   * @param r4Context the application's shared R4 context
   * @param ruleBook the rule book the validated output was made with
   * @throws IllegalArgumentException if the context is not R4
   */
  public CrampCareValidator(FhirContext r4Context, RuleBook ruleBook) {
    Conformance.requireR4(r4Context);
    this.context = r4Context;
    this.ruleBookCodes = RuleBookTerminology.of(ruleBook).codeSystem();
  }

  /**
   * Validates a resource (a Bundle validates every entry).
   *
   * @param resource the resource
   * @return every issue found; {@link ValidationReport#isValid()} when there is no error
   */
  public ValidationReport validate(IBaseResource resource) {
    return engine().validate(resource);
  }

  /** Returns whether HAPI's validator has been started (by a first call to {@link #validate}). */
  public boolean isStarted() {
    return engine != null;
  }

  /** Returns the engine, starting it on first use; package-private for conformance tests. */
  ValidatorEngine engine() {
    ValidatorEngine e = engine;
    if (e == null) {
      synchronized (this) {
        e = engine;
        if (e == null) {
          long start = System.nanoTime();
          e = new ValidatorEngine(context, ruleBookCodes);
          engine = e;
          log.info(
              "Started the FHIR validator with CrampCare's profiles in {} ms",
              (System.nanoTime() - start) / 1_000_000);
        }
      }
    }
    return e;
  }
}
