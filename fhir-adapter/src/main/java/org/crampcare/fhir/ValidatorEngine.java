package org.crampcare.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * HAPI's instance validator over base R4 and CrampCare's conformance resources. Expensive: only
 * {@link CrampCareValidator} creates one, on first use, so that the validation classes are never
 * loaded unless asked for. Thread-safe.
 */
final class ValidatorEngine {
  private final FhirContext context;
  private final ValidationSupportChain chain;
  private final FhirValidator validator;

  ValidatorEngine(FhirContext context, Optional<CodeSystem> ruleBookCodes) {
    PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(context);
    ruleBookCodes.ifPresent(ours::addCodeSystem);
    for (Resource resource : Conformance.resources(context)) {
      if (resource instanceof StructureDefinition) {
        ours.addStructureDefinition(resource);
      } else if (resource instanceof ValueSet) {
        ours.addValueSet(resource);
      } else if (resource instanceof CodeSystem) {
        ours.addCodeSystem(resource);
      } else if (resource instanceof org.hl7.fhir.r4.model.Questionnaire) {
        // So that a diary QuestionnaireResponse is validated against the diary's items.
        ours.addResource(resource);
      } else {
        throw new AssertionError(resource.fhirType());
      }
    }
    this.context = context;
    this.chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(context),
            ours,
            new SnapshotGeneratingValidationSupport(context),
            new InMemoryTerminologyServerValidationSupport(context),
            new CommonCodeSystemsTerminologyService(context));
    FhirInstanceValidator module = new FhirInstanceValidator(chain);
    validator = context.newValidator().registerValidatorModule(module);
  }

  /**
   * Returns a StructureDefinition with its snapshot, as the validator sees it; for tests of the
   * shipped profiles (a profile whose snapshot cannot be generated validates nothing).
   */
  StructureDefinition snapshot(String url) {
    IBaseResource fetched = chain.fetchStructureDefinition(url);
    if (!(fetched instanceof StructureDefinition)) {
      throw new IllegalArgumentException("no StructureDefinition " + url);
    }
    StructureDefinition sd = (StructureDefinition) fetched;
    if (sd.hasSnapshot()) {
      return sd;
    }
    IBaseResource generated =
        new SnapshotGeneratingValidationSupport(context)
            .generateSnapshot(
                new ValidationSupportContext(chain), sd.copy(), url, FhirUrls.BASE, sd.getName());
    if (!(generated instanceof StructureDefinition)) {
      throw new IllegalStateException("no snapshot generated for " + url);
    }
    return (StructureDefinition) generated;
  }

  ValidationReport validate(IBaseResource resource) {
    ValidationResult result = validator.validateWithResult(resource);
    List<ValidationReport.Issue> issues = new ArrayList<>();
    for (SingleValidationMessage m : result.getMessages()) {
      issues.add(
          new ValidationReport.Issue(
              severity(m),
              m.getLocationString() == null ? "" : m.getLocationString(),
              m.getMessage()));
    }
    return new ValidationReport(issues);
  }

  private static ValidationReport.Severity severity(SingleValidationMessage m) {
    if (m.getSeverity() == null) {
      return ValidationReport.Severity.ERROR;
    }
    switch (m.getSeverity()) {
      case FATAL:
        return ValidationReport.Severity.FATAL;
      case ERROR:
        return ValidationReport.Severity.ERROR;
      case WARNING:
        return ValidationReport.Severity.WARNING;
      case INFORMATION:
        return ValidationReport.Severity.INFORMATION;
    }
    throw new AssertionError(m.getSeverity());
  }
}
