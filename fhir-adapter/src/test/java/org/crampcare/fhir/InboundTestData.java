package org.crampcare.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.testing.Episodes;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Builders of small inbound test resources, and the shared context and importer. */
public final class InboundTestData {
  /** The one R4 context of the inbound tests. */
  static final FhirContext CTX = FhirContext.forR4Cached();

  /** The importer under test. */
  static final FhirImporter IMPORTER = new FhirImporter(CTX);

  /** The import time: {@link Episodes#NOW}, 2026-11-21T10:00:00Z. */
  static final Instant AS_OF = Episodes.NOW;

  static final String PATIENT_ID = "p1";

  private InboundTestData() {}

  /** A 50-year-old woman, {@code Patient/p1}. */
  static Patient patient() {
    Patient patient = new Patient();
    patient.setId(PATIENT_ID);
    patient.setBirthDateElement(new DateType("1976-11-21"));
    patient.setGender(AdministrativeGender.FEMALE);
    return patient;
  }

  static Reference subject() {
    return new Reference("Patient/" + PATIENT_ID);
  }

  static CodeableConcept concept(String system, String code) {
    return new CodeableConcept().addCoding(new Coding(system, code, null));
  }

  /** A final lab result dated 2026-11-01, with value and UCUM code. */
  static Observation lab(String id, String loinc, String value, String ucum) {
    Observation o = new Observation();
    o.setId(id);
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.setCode(concept(CodeSystems.LOINC, loinc));
    o.setSubject(subject());
    o.setEffective(new DateTimeType("2026-11-01T08:00:00Z"));
    o.setValue(
        new Quantity()
            .setValue(new BigDecimal(value))
            .setSystem(CodeSystems.UCUM)
            .setCode(ucum)
            .setUnit(ucum));
    return o;
  }

  /**
   * An EHR cramp Observation: 75325-1 with 449918009 as value, 2026-11-20 02:00-02:05 UTC, severity
   * 6 (72514-3), no body site.
   */
  static Observation cramp(String id) {
    Observation o = new Observation();
    o.setId(id);
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.setCode(concept(CodeSystems.LOINC, "75325-1"));
    o.setValue(concept(CodeSystems.SNOMED_CT, "449918009"));
    o.setSubject(subject());
    o.setEffective(
        new Period()
            .setStartElement(new DateTimeType("2026-11-20T02:00:00Z"))
            .setEndElement(new DateTimeType("2026-11-20T02:05:00Z")));
    o.addComponent().setCode(concept(CodeSystems.LOINC, "72514-3")).setValue(new IntegerType(6));
    return o;
  }

  /** A sign finding Observation with the SNOMED code as code, effective at the given time. */
  static Observation finding(String id, String snomed, String effective) {
    Observation o = new Observation();
    o.setId(id);
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.setCode(concept(CodeSystems.SNOMED_CT, snomed));
    o.setSubject(subject());
    o.setEffective(new DateTimeType(effective));
    return o;
  }

  /** An active, confirmed Condition. */
  static Condition condition(String id, String system, String code) {
    Condition c = new Condition();
    c.setId(id);
    c.setClinicalStatus(concept(ConditionReader.CLINICAL_STATUS, "active"));
    c.setVerificationStatus(concept(ConditionReader.VERIFICATION_STATUS, "confirmed"));
    c.setCode(concept(system, code));
    c.setSubject(subject());
    return c;
  }

  /** An active MedicationRequest with a coded medication and its text. */
  static MedicationRequest prescription(String id, String system, String code, String text) {
    MedicationRequest m = new MedicationRequest();
    m.setId(id);
    m.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
    m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
    CodeableConcept medication = new CodeableConcept().setText(text);
    if (!code.isEmpty()) {
      medication.addCoding(new Coding(system, code, text));
    }
    m.setMedication(medication);
    m.setSubject(subject());
    return m;
  }

  /** Imports {@link #patient()} and the given resources. */
  static ImportResult importing(Resource... resources) {
    List<Resource> all = new ArrayList<>();
    all.add(patient());
    all.addAll(List.of(resources));
    return IMPORTER.importResources(all, AS_OF);
  }

  /** Returns the diagnostics of the issues with the given severity, counts issue excluded. */
  static List<String> diagnostics(ImportResult result, IssueSeverity severity) {
    List<OperationOutcomeIssueComponent> issues = result.report().getIssue();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < issues.size() - 1; i++) {
      if (issues.get(i).getSeverity() == severity) {
        out.add(issues.get(i).getDiagnostics());
      }
    }
    return out;
  }

  static List<String> warnings(ImportResult result) {
    return diagnostics(result, IssueSeverity.WARNING);
  }

  static List<String> information(ImportResult result) {
    return diagnostics(result, IssueSeverity.INFORMATION);
  }

  /**
   * Finds {@code shared/fixtures/fhir} by walking up from the working directory.
   *
   * @return the folder, or empty when it is not there
   */
  public static Optional<Path> fixtures() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared").resolve("fixtures").resolve("fhir");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
      dir = dir.getParent();
    }
    return Optional.empty();
  }
}
