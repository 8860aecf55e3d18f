package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.crampcare.terminology.CodeSystems;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Fuzz tests of the inbound path. The documented outcomes are an {@link ImportResult} whose counts
 * add up, or a {@link FhirMappingException} (input that cannot be used at all, including text HAPI
 * cannot parse: its {@code DataFormatException} is wrapped). Anything else escaping is a bug.
 *
 * <p>In a normal build Jazzer runs in regression mode: only the seeds under {@code
 * src/test/resources/org/crampcare/fhir/ImporterFuzzTestInputs/<method>/} and an empty input, in a
 * few seconds. Fuzz mode: {@code ./mvnw -Pfuzz -pl fhir-adapter test
 * -Dtest=ImporterFuzzTest#importJson_anyText_onlyDocumentedExceptions} (see docs/fhir-mapping.md).
 */
class ImporterFuzzTest {
  private static final FhirImporter IMPORTER = new FhirImporter(FhirContext.forR4Cached());
  private static final Instant AS_OF = Instant.parse("2026-11-21T10:00:00Z");

  @FuzzTest(maxDuration = "5m")
  void importJson_anyText_onlyDocumentedExceptions(byte[] input) {
    String json = new String(input, StandardCharsets.UTF_8);
    try {
      check(IMPORTER.importJson(json, AS_OF));
    } catch (FhirMappingException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "5m")
  void importBundle_structuredResources_onlyDocumentedExceptions(FuzzedDataProvider data) {
    Bundle bundle = new Bundle();
    bundle.setType(
        data.pickValue(
            new Bundle.BundleType[] {
              Bundle.BundleType.COLLECTION,
              Bundle.BundleType.TRANSACTION,
              Bundle.BundleType.SEARCHSET,
              Bundle.BundleType.BATCH
            }));
    int count = data.consumeInt(0, 12);
    for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
      Resource resource = resource(data, i);
      String fullUrl = data.consumeBoolean() ? "urn:uuid:" + data.consumeString(8) : null;
      bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
    }
    try {
      check(IMPORTER.importBundle(bundle, AS_OF));
    } catch (FhirMappingException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static void check(ImportResult result) {
    assertThat(result.resourcesRead())
        .isEqualTo(
            result.resourcesMapped() + result.resourcesNotUsed() + result.resourcesIrrelevant());
    assertThat(result.diagnostics()).doesNotContainNull().last().asString().startsWith("read ");
  }

  private static Resource resource(FuzzedDataProvider data, int index) {
    switch (data.consumeInt(0, 5)) {
      case 0:
        return patient(data);
      case 1:
        return observation(data, index);
      case 2:
        return condition(data, index);
      case 3:
        return prescription(data, index);
      case 4:
        return statement(data, index);
      default:
        org.hl7.fhir.r4.model.Medication medication = new org.hl7.fhir.r4.model.Medication();
        medication.setId(id(data, index));
        medication.setCode(concept(data, CodeSystems.RXNORM, "4603", "36567", "316672", "C10AA"));
        return medication;
    }
  }

  private static String id(FuzzedDataProvider data, int index) {
    return data.consumeBoolean() ? "r" + index : data.consumeString(6);
  }

  private static String pick(FuzzedDataProvider data, String... values) {
    return data.consumeBoolean() ? data.consumeString(12) : data.pickValue(values);
  }

  private static CodeableConcept concept(FuzzedDataProvider data, String system, String... codes) {
    CodeableConcept concept = new CodeableConcept();
    concept.addCoding(
        new Coding(
            data.consumeBoolean() ? system : pick(data, CodeSystems.SNOMED_CT, CodeSystems.LOINC),
            pick(data, codes),
            null));
    if (data.consumeBoolean()) {
      concept.setText(pick(data, "Furosemide 40 mg", "simvastatin", "Lasix", "magnesium"));
    }
    return concept;
  }

  private static Reference subject(FuzzedDataProvider data) {
    return new Reference(pick(data, "Patient/p", "Patient/r0", "urn:uuid:x", "#c", ""));
  }

  private static Patient patient(FuzzedDataProvider data) {
    Patient patient = new Patient();
    patient.setId(data.consumeBoolean() ? "p" : data.consumeString(4));
    if (data.consumeBoolean()) {
      DateType birth = new DateType();
      birth.setValueAsString(data.pickValue(new String[] {"1970-01-01", "1970", "2030-01-01"}));
      patient.setBirthDateElement(birth);
    }
    if (data.consumeBoolean()) {
      patient.setGender(data.pickValue(AdministrativeGender.values()));
    }
    return patient;
  }

  private static DateTimeType dateTime(FuzzedDataProvider data) {
    DateTimeType value = new DateTimeType();
    value.setValueAsString(
        data.pickValue(
            new String[] {
              "2026-11-20T02:00:00Z",
              "2026-11-20T02:05:00+05:30",
              "2026-11-20",
              "2026",
              "2026-11-20T02:00:00",
              "1999-01-01T00:00:00Z",
              "2027-01-01T00:00:00Z"
            }));
    return value;
  }

  private static Observation observation(FuzzedDataProvider data, int index) {
    Observation o = new Observation();
    o.setId(id(data, index));
    o.setStatus(data.pickValue(Observation.ObservationStatus.values()));
    o.setCode(
        concept(
            data,
            CodeSystems.LOINC,
            "75325-1",
            "2823-3",
            "2951-2",
            "17861-6",
            "33914-3",
            "82810-3",
            "55300003",
            "90392009",
            "26544005"));
    if (data.consumeBoolean()) {
      o.setSubject(subject(data));
    }
    switch (data.consumeInt(0, 3)) {
      case 0:
        o.setEffective(dateTime(data));
        break;
      case 1:
        o.setEffective(new Period().setStartElement(dateTime(data)).setEndElement(dateTime(data)));
        break;
      default:
        break;
    }
    switch (data.consumeInt(0, 3)) {
      case 0:
        o.setValue(
            concept(data, CodeSystems.SNOMED_CT, "449918009", "102549009", "55300003", "82470000"));
        break;
      case 1:
        o.setValue(quantity(data));
        break;
      case 2:
        o.setValue(new BooleanType(data.consumeBoolean()));
        break;
      default:
        break;
    }
    if (data.consumeBoolean()) {
      o.setBodySite(
          concept(data, CodeSystems.SNOMED_CT, "53840002", "53840002:272741003=7771000", "1"));
    }
    int components = data.consumeInt(0, 2);
    for (int i = 0; i < components; i++) {
      o.addComponent()
          .setCode(concept(data, CodeSystems.LOINC, "72514-3", "64750-3"))
          .setValue(data.consumeBoolean() ? new IntegerType(data.consumeInt()) : quantity(data));
    }
    if (data.consumeBoolean()) {
      o.addReferenceRange().setLow(quantity(data)).setHigh(quantity(data));
    }
    return o;
  }

  private static Quantity quantity(FuzzedDataProvider data) {
    Quantity quantity = new Quantity();
    if (data.consumeBoolean()) {
      quantity.setValue(
          data.consumeBoolean()
              ? BigDecimal.valueOf(data.consumeDouble())
              : new BigDecimal(data.consumeLong()).scaleByPowerOfTen(data.consumeInt(-40, 40)));
    }
    if (data.consumeBoolean()) {
      quantity.setCode(pick(data, "mmol/L", "mg/dL", "meq/L", "mL/min", "%"));
    }
    if (data.consumeBoolean()) {
      quantity.setUnit(pick(data, "mmol/L", "mEq/L"));
    }
    return quantity;
  }

  private static Condition condition(FuzzedDataProvider data, int index) {
    Condition c = new Condition();
    c.setId(id(data, index));
    c.setCode(
        concept(data, CodeSystems.SNOMED_CT, "84114007", "72892002", "88092000", "N18.3", "Z99.2"));
    if (data.consumeBoolean()) {
      c.setClinicalStatus(
          concept(data, ConditionReader.CLINICAL_STATUS, "active", "resolved", "relapse"));
    }
    if (data.consumeBoolean()) {
      c.setVerificationStatus(
          concept(data, ConditionReader.VERIFICATION_STATUS, "confirmed", "refuted"));
    }
    if (data.consumeBoolean()) {
      c.setOnset(dateTime(data));
    }
    if (data.consumeBoolean()) {
      c.setAbatement(dateTime(data));
    }
    c.setSubject(subject(data));
    return c;
  }

  private static MedicationRequest prescription(FuzzedDataProvider data, int index) {
    MedicationRequest m = new MedicationRequest();
    m.setId(id(data, index));
    m.setStatus(data.pickValue(MedicationRequest.MedicationRequestStatus.values()));
    if (data.consumeBoolean()) {
      m.setMedication(concept(data, CodeSystems.RXNORM, "4603", "310798", "C03CA01", "435"));
    } else {
      m.setMedication(new Reference(pick(data, "#m", "Medication/r1", "urn:uuid:x")));
    }
    m.setSubject(subject(data));
    return m;
  }

  private static MedicationStatement statement(FuzzedDataProvider data, int index) {
    MedicationStatement m = new MedicationStatement();
    m.setId(id(data, index));
    m.setStatus(data.pickValue(MedicationStatement.MedicationStatementStatus.values()));
    m.setMedication(concept(data, CodeSystems.ATC, "C03AA03", "R03AC02", "P01BC01"));
    if (data.consumeBoolean()) {
      m.setSubject(subject(data));
    }
    return m;
  }
}
