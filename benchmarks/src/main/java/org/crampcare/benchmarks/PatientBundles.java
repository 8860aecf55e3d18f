package org.crampcare.benchmarks;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Date;
import java.util.List;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.fhir.EpisodeObservations;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.patient.Condition;
import org.crampcare.patient.Medication;
import org.crampcare.patient.PatientContext;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coding;
import org.crampcare.testing.Fixtures;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;

/** The patient bundles the FHIR pipeline benchmark reads, as JSON. */
final class PatientBundles {
  /** The Synthea patient used: heart failure, hypertension, hydrochlorothiazide and furosemide. */
  static final String SYNTHEA_FILE =
      "bundles/smart-generated-sample-data/"
          + "Dennis_Durgan_78f005f3-7b33-4a5b-84d9-28417b36dbab.json";

  private static final String FIXTURES = "shared/fixtures/fhir";
  private static final String PATIENT_ID = "bench-1";
  private static final String PATIENT_REFERENCE = "Patient/" + PATIENT_ID;
  private static final String UCUM = "http://unitsofmeasure.org";
  private static final String CONDITION_CLINICAL =
      "http://terminology.hl7.org/CodeSystem/condition-clinical";
  private static final String OBSERVATION_CATEGORY =
      "http://terminology.hl7.org/CodeSystem/observation-category";

  // Medication codes from the knowledge base, section A5: RxNorm ingredients, else ATC.
  private static final List<Coding> MEDICATION_CODES =
      List.of(
          new Coding(CodeSystems.RXNORM, "4603", "furosemide"),
          new Coding(CodeSystems.RXNORM, "83367", "atorvastatin"),
          new Coding(CodeSystems.RXNORM, "435", "albuterol"),
          new Coding(CodeSystems.ATC, "C08CA05", "nifedipine"),
          new Coding(CodeSystems.ATC, "A12CC10", "magnesium oxide"));

  private PatientBundles() {}

  /**
   * Returns the shared Synthea fixture as JSON.
   *
   * @throws IllegalStateException if {@code shared/fixtures/fhir} is not found above the working
   *     directory (or at {@code -Dcrampcare.fixtures=DIR})
   */
  static String synthea() {
    Path file = fixturesDir().resolve(SYNTHEA_FILE);
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the Synthea fixture " + file + "; run with -p bundle=built to skip it", e);
    }
  }

  private static Path fixturesDir() {
    String configured = System.getProperty("crampcare.fixtures");
    if (configured != null) {
      return Paths.get(configured);
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(FIXTURES);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared FHIR fixtures not found: no "
            + FIXTURES
            + " above "
            + Paths.get("").toAbsolutePath()
            + "; run from the repository with shared/ beside it, set -Dcrampcare.fixtures=DIR,"
            + " or run with -p bundle=built to skip the Synthea bundle");
  }

  /**
   * Returns the benchmark patient of {@link Fixtures} as an EHR would send it: a collection Bundle
   * with the Patient, its 5 Conditions, 5 MedicationRequests, 10 lab Observations and 50
   * cramp-episode Observations (in CrampCare's profile).
   */
  static String built(FhirContext context) {
    PatientContext patient = Fixtures.patient();
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    Patient p = new Patient();
    p.setId(PATIENT_ID);
    p.setBirthDateElement(new DateType(patient.birthDate().toString()));
    p.setGender(Enumerations.AdministrativeGender.MALE);
    add(bundle, p);
    int n = 0;
    for (Condition c : patient.conditions()) {
      org.hl7.fhir.r4.model.Condition condition = new org.hl7.fhir.r4.model.Condition();
      condition.setId("condition-" + ++n);
      condition.setClinicalStatus(concept(CONDITION_CLINICAL, "active", "Active"));
      Coding snomed =
          c.kind()
              .snomed()
              .orElseThrow(() -> new IllegalStateException("no SNOMED code for " + c.kind()));
      condition.setCode(concept(snomed.system(), snomed.code(), snomed.display()));
      condition.setSubject(new Reference(PATIENT_REFERENCE));
      add(bundle, condition);
    }
    n = 0;
    for (Medication m : patient.medications()) {
      Coding code = MEDICATION_CODES.get(n);
      MedicationRequest request = new MedicationRequest();
      request.setId("medication-" + ++n);
      request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
      request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
      CodeableConcept medication = concept(code.system(), code.code(), code.display());
      medication.setText(m.name());
      request.setMedication(medication);
      request.setSubject(new Reference(PATIENT_REFERENCE));
      add(bundle, request);
    }
    n = 0;
    for (LabResult lab : patient.labs()) {
      Coding loinc = lab.analyte().loincCodes().get(0);
      Observation o = new Observation();
      o.setId("lab-" + ++n);
      o.setStatus(Observation.ObservationStatus.FINAL);
      o.addCategory(concept(OBSERVATION_CATEGORY, "laboratory", "Laboratory"));
      o.setCode(concept(loinc.system(), loinc.code(), loinc.display()));
      o.setSubject(new Reference(PATIENT_REFERENCE));
      o.setEffective(new DateTimeType(lab.date().toString()));
      o.setValue(quantity(new Quantity(), lab.value(), lab.unit()));
      lab.referenceRange().ifPresent(range -> addRange(o, range, lab.unit()));
      add(bundle, o);
    }
    n = 0;
    for (CrampEpisode episode : Fixtures.episodes()) {
      Observation o = EpisodeObservations.toObservation(episode, PATIENT_REFERENCE);
      o.setId("episode-" + ++n);
      add(bundle, o);
    }
    bundle.setTimestamp(Date.from(Fixtures.AS_OF));
    return context.newJsonParser().encodeResourceToString(bundle);
  }

  private static void addRange(Observation o, ReferenceRange range, String unit) {
    Observation.ObservationReferenceRangeComponent r = o.addReferenceRange();
    range.low().ifPresent(low -> r.setLow(quantity(new SimpleQuantity(), low, unit)));
    range.high().ifPresent(high -> r.setHigh(quantity(new SimpleQuantity(), high, unit)));
  }

  private static <Q extends Quantity> Q quantity(Q q, BigDecimal value, String unit) {
    q.setValue(value).setUnit(unit).setSystem(UCUM).setCode(unit);
    return q;
  }

  private static CodeableConcept concept(String system, String code, String display) {
    CodeableConcept concept = new CodeableConcept();
    concept.addCoding().setSystem(system).setCode(code).setDisplay(display);
    return concept;
  }

  private static void add(Bundle bundle, Resource resource) {
    String type = resource.fhirType();
    bundle
        .addEntry()
        .setFullUrl("https://ehr.example.org/fhir/" + type + "/" + resource.getIdPart())
        .setResource(resource);
  }
}
