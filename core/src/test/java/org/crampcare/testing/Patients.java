package org.crampcare.testing;

import java.time.LocalDate;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabResult;
import org.crampcare.patient.Condition;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.patient.Sex;

/**
 * Test data builder for patients: {@code Patients.anAdult().with(HEART_FAILURE).taking(STATIN)
 * .build()}. Defaults: a 50-year-old woman ({@code patient-1}), not pregnant, nothing recorded.
 * Published in the core test-jar for the other modules.
 */
public final class Patients {
  /** The date of {@link Episodes#NOW}. */
  public static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  private final PatientContext.Builder builder;
  private int next = 1;

  private Patients(LocalDate birthDate, Sex sex) {
    this.builder = PatientContext.builder(birthDate, sex).id("patient-1");
  }

  /** A 50-year-old woman. */
  public static Patients anAdult() {
    return new Patients(TODAY.minusYears(50), Sex.FEMALE);
  }

  /** A patient of the given age in whole years on {@link #TODAY}. */
  public static Patients aged(int years) {
    return new Patients(TODAY.minusYears(years), Sex.FEMALE);
  }

  /** A 50-year-old man. */
  public static Patients aMan() {
    return new Patients(TODAY.minusYears(50), Sex.MALE);
  }

  /** A patient born on the given date. */
  public static Patients bornOn(LocalDate birthDate) {
    return new Patients(birthDate, Sex.FEMALE);
  }

  /** Marks the patient pregnant. */
  public Patients pregnant() {
    builder.pregnant(true);
    return this;
  }

  /** Adds a condition with a generated id {@code Condition/c<n>}. */
  public Patients with(ConditionKind kind) {
    builder.condition("Condition/c" + next++, kind);
    return this;
  }

  /** Adds chronic kidney disease at a stage. */
  public Patients withCkdStage(int stage) {
    builder.condition(Condition.ckd("Condition/c" + next++, stage));
    return this;
  }

  /** Adds a medication with a generated id {@code MedicationRequest/m<n>}. */
  public Patients taking(MedicationClass medicationClass) {
    builder.medication(
        "MedicationRequest/m" + next++, medicationClass, medicationClass.display() + " tablet");
    return this;
  }

  /** Adds a lab result taken {@code daysAgo} days before {@link #TODAY}, with no lab range. */
  public Patients lab(Analyte analyte, double value, String unit, int daysAgo) {
    builder.lab(
        LabResult.of("Observation/l" + next++, analyte, value, unit, TODAY.minusDays(daysAgo)));
    return this;
  }

  /**
   * Adds a lab result taken {@code daysAgo} days before {@link #TODAY} with the reporting lab's own
   * range, in {@code unit}.
   */
  public Patients lab(
      Analyte analyte, double value, String unit, int daysAgo, double low, double high) {
    builder.lab(
        LabResult.of("Observation/l" + next++, analyte, value, unit, TODAY.minusDays(daysAgo))
            .withRange(low, high));
    return this;
  }

  /** Adds chronic kidney disease without a stage. */
  public Patients withCkd() {
    return with(ConditionKind.CHRONIC_KIDNEY_DISEASE);
  }

  /** Adds a current eGFR result in mL/min/{1.73_m2}. */
  public Patients egfr(double value) {
    return lab(Analyte.EGFR, value, "mL/min/{1.73_m2}", 10);
  }

  /** Adds a lab result. */
  public Patients lab(LabResult result) {
    builder.lab(result);
    return this;
  }

  /** Adds current, normal potassium, sodium, calcium and magnesium results. */
  public Patients normalElectrolytes() {
    return lab(Analyte.POTASSIUM, 4.2, "mmol/L", 10)
        .lab(Analyte.SODIUM, 140, "mmol/L", 10)
        .lab(Analyte.CALCIUM_TOTAL, 9.4, "mg/dL", 10)
        .lab(Analyte.MAGNESIUM, 0.85, "mmol/L", 10);
  }

  /** Adds a sign recorded on its own (an examination finding, a problem-list entry). */
  public Patients finding(SignFinding finding) {
    builder.finding(finding);
    return this;
  }

  /** Sets the lifestyle. */
  public Patients lifestyle(Lifestyle lifestyle) {
    builder.lifestyle(lifestyle);
    return this;
  }

  /** Builds the patient. */
  public PatientContext build() {
    return builder.build();
  }
}
