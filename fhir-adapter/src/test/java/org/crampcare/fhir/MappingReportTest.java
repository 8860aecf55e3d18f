package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crampcare.fhir.InboundTestData.condition;
import static org.crampcare.fhir.InboundTestData.cramp;
import static org.crampcare.fhir.InboundTestData.importing;
import static org.crampcare.fhir.InboundTestData.lab;
import static org.crampcare.fhir.InboundTestData.prescription;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.crampcare.terminology.CodeSystems;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The mapping report: its shape, its counts, and that it carries no patient data. */
class MappingReportTest {

  @Nested
  class Shape {
    @Test
    void report_listsOneIssuePerUnusedResourceWithSeverityCodeAndPath_thenTheCounts() {
      Observation noSite = cramp("o2");
      noSite.setValue(InboundTestData.concept(CodeSystems.SNOMED_CT, "55300003"));
      noSite.setEffective(null);
      MedicationRequest stopped = prescription("m1", CodeSystems.RXNORM, "4603", "furosemide");
      stopped.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
      Encounter irrelevant = new Encounter();
      irrelevant.setId("e1");

      ImportResult result =
          importing(lab("42", "2823-3", "4.0", "mg"), noSite, stopped, irrelevant, cramp("o1"));

      OperationOutcome report = result.report();
      assertThat(report.getIssue()).hasSize(4);
      assertIssue(
          report.getIssue().get(0),
          IssueSeverity.WARNING,
          "value",
          "Observation.valueQuantity.code",
          "Observation/42: valueQuantity.code 'mg' is not a unit of potassium; expected one of"
              + " mmol/L, meq/L, mg/dL");
      assertIssue(
          report.getIssue().get(1),
          IssueSeverity.WARNING,
          "incomplete",
          "Observation.effective[x]",
          "Observation/o2: effective[x] is missing or not a valid date; a cramp record needs at"
              + " least the day it happened");
      assertIssue(
          report.getIssue().get(2),
          IssueSeverity.INFORMATION,
          "business-rule",
          "MedicationRequest.status",
          "MedicationRequest/m1: status 'stopped' is not active; only active medications are used"
              + " (loop diuretic)");
      OperationOutcomeIssueComponent counts = report.getIssue().get(3);
      assertThat(counts.getSeverity()).isEqualTo(IssueSeverity.INFORMATION);
      assertThat(counts.getCode().toCode()).isEqualTo("informational");
      assertThat(counts.getDiagnostics())
          .isEqualTo(
              "read 6 resources: 2 mapped, 3 relevant but not used (listed), 1 irrelevant to cramps"
                  + " (counted, not listed)");
      assertThat(result.resourcesRead()).isEqualTo(6);
      assertThat(result.resourcesMapped()).isEqualTo(2);
      assertThat(result.resourcesNotUsed()).isEqualTo(3);
      assertThat(result.resourcesIrrelevant()).isEqualTo(1);
    }

    @Test
    void report_isACopy_changingItDoesNotChangeTheResult() {
      ImportResult result = importing(lab("42", "2823-3", "4.0", "mg"));

      result.report().getIssue().clear();

      assertThat(result.report().getIssue()).hasSize(2);
    }

    private void assertIssue(
        OperationOutcomeIssueComponent issue,
        IssueSeverity severity,
        String code,
        String expression,
        String diagnostics) {
      assertThat(issue.getSeverity()).isEqualTo(severity);
      assertThat(issue.getCode().toCode()).isEqualTo(code);
      assertThat(issue.getExpression()).extracting(e -> e.getValue()).containsExactly(expression);
      assertThat(issue.getDiagnostics()).isEqualTo(diagnostics);
    }
  }

  @Group
  class Properties {
    /** One of a few resources, each possibly spoiled in a way the importer must report. */
    @Provide
    Arbitrary<Resource> resources() {
      Arbitrary<String> ids = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6);
      Arbitrary<Resource> labs =
          Combinators.combine(
                  ids,
                  Arbitraries.of("2823-3", "2951-2", "17861-6", "33914-3", "39156-5"),
                  Arbitraries.bigDecimals()
                      .between(BigDecimal.valueOf(-5), BigDecimal.valueOf(500)),
                  Arbitraries.of("mmol/L", "mg/dL", "mg", "", "mL/min"),
                  Arbitraries.of("2026-11-01T08:00:00Z", "2019-01-01", "2027-02-01", "2026", "x"))
              .as(
                  (id, loinc, value, unit, date) -> {
                    Observation o = lab(id, loinc, value.toPlainString(), unit);
                    if (unit.isEmpty()) {
                      ((Quantity) o.getValue()).setCode(null).setUnit(null);
                    }
                    if ("x".equals(date)) {
                      o.setEffective(null);
                    } else {
                      o.setEffective(new DateTimeType(date));
                    }
                    return o;
                  });
      Arbitrary<Resource> cramps =
          Combinators.combine(
                  ids,
                  Arbitraries.of("449918009", "55300003", "90392009", "102549009"),
                  Arbitraries.integers().between(-2, 12),
                  Arbitraries.of(true, false))
              .as(
                  (id, code, severity, withEnd) -> {
                    Observation o = cramp(id);
                    o.setValue(InboundTestData.concept(CodeSystems.SNOMED_CT, code));
                    o.getComponentFirstRep()
                        .setValue(new org.hl7.fhir.r4.model.IntegerType(severity));
                    if (!withEnd) {
                      o.getEffectivePeriod().setEnd(null);
                    }
                    return o;
                  });
      Arbitrary<Resource> conditions =
          Combinators.combine(
                  ids,
                  Arbitraries.of(
                      "84114007", "77386006", "88092000", "43339004", "38341003", "55300003"),
                  Arbitraries.of("active", "resolved", ""))
              .as(
                  (id, code, status) -> {
                    org.hl7.fhir.r4.model.Condition c = condition(id, CodeSystems.SNOMED_CT, code);
                    if (status.isEmpty()) {
                      c.setClinicalStatus(null);
                    } else {
                      c.setClinicalStatus(
                          InboundTestData.concept(ConditionReader.CLINICAL_STATUS, status));
                    }
                    return c;
                  });
      Arbitrary<Resource> medications =
          Combinators.combine(
                  ids,
                  Arbitraries.of("4603", "316672", "999", "849574"),
                  Arbitraries.of(
                      MedicationRequest.MedicationRequestStatus.ACTIVE,
                      MedicationRequest.MedicationRequestStatus.STOPPED,
                      MedicationRequest.MedicationRequestStatus.ENTEREDINERROR))
              .as(
                  (id, code, status) -> {
                    MedicationRequest m =
                        prescription(id, CodeSystems.RXNORM, code, "drug " + code);
                    m.setStatus(status);
                    return m;
                  });
      return Arbitraries.oneOf(labs, cramps, conditions, medications);
    }

    @Property(tries = 200)
    void everyResourceIsCountedOnce_andEveryWarningNamesAnUnusedResource(
        @ForAll @Size(max = 12) List<@From("resources") Resource> resources) {
      ImportResult result = importing(resources.toArray(new Resource[0]));

      assertThat(result.resourcesRead()).isEqualTo(resources.size() + 1);
      assertThat(result.resourcesRead())
          .isEqualTo(
              result.resourcesMapped() + result.resourcesNotUsed() + result.resourcesIrrelevant());
      Set<String> warned = labels(result, IssueSeverity.WARNING);
      int issues = result.diagnostics().size() - 1;
      assertThat(result.resourcesNotUsed()).isBetween(warned.size(), issues);
      assertThat(result.diagnostics()).last().asString().startsWith("read ");
    }

    @Property(tries = 100)
    void diagnostics_neverQuoteALabValueOrTheBirthDateOrName(
        @ForAll @IntRange(min = 100, max = 999) int valueDigits,
        @ForAll @IntRange(min = 1930, max = 1999) int birthYear) {
      String value = "4." + valueDigits + "7";
      Patient patient = InboundTestData.patient();
      patient.setBirthDateElement(new DateType(birthYear + "-03-17"));
      patient.addName(new HumanName().setFamily("Zzyzxmouse"));
      Observation badUnit = lab("u", "2823-3", value, "mg");
      Observation stale = lab("s", "2823-3", value, "mmol/L");
      stale.setEffective(new DateTimeType("2001-01-01"));
      Observation preliminary = lab("p", "2823-3", value, "mmol/L");
      preliminary.setStatus(Observation.ObservationStatus.PRELIMINARY);

      ImportResult result =
          InboundTestData.IMPORTER.importResources(
              List.of(patient, badUnit, stale, preliminary), InboundTestData.AS_OF);

      assertThat(result.diagnostics()).hasSize(4);
      assertThat(String.join("\n", result.diagnostics()))
          .doesNotContain(value)
          .doesNotContain(String.valueOf(birthYear))
          .doesNotContain("Zzyzxmouse");
    }
  }

  private static Set<String> labels(ImportResult result, IssueSeverity severity) {
    Set<String> labels = new LinkedHashSet<>();
    List<OperationOutcomeIssueComponent> issues = new ArrayList<>(result.report().getIssue());
    issues.remove(issues.size() - 1);
    for (OperationOutcomeIssueComponent issue : issues) {
      if (severity == null || issue.getSeverity() == severity) {
        String diagnostics = issue.getDiagnostics();
        labels.add(diagnostics.substring(0, diagnostics.indexOf(": ")));
      }
    }
    return labels;
  }
}
