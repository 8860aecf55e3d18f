package org.crampcare.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabResult;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatientContextTest {

  private static final LocalDate BORN = LocalDate.of(1976, 3, 15);

  private static PatientContext.Builder patient() {
    return PatientContext.builder(BORN, Sex.MALE);
  }

  @Nested
  class Age {

    @Test
    void ageOn_countsWholeYears() {
      PatientContext p = patient().build();

      assertThat(p.ageOn(LocalDate.of(2026, 3, 14))).isEqualTo(49);
      assertThat(p.ageOn(LocalDate.of(2026, 3, 15))).isEqualTo(50);
      assertThat(p.ageOn(BORN)).isZero();
    }

    @Test
    void ageOn_dateBeforeBirth_isRejectedNamingBothDates() {
      PatientContext p = patient().build();

      assertThatThrownBy(() -> p.ageOn(LocalDate.of(1976, 3, 14)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "patient.birthDate 1976-03-15 is after the assessment date 1976-03-14; expected a"
                  + " birth date in the past");
    }
  }

  @Nested
  class UniqueIds {

    @Test
    void duplicateConditionIdAndKind_areRejected() {
      PatientContext.Builder b =
          patient().condition("c1", ConditionKind.DIABETES).condition("c1", ConditionKind.DIABETES);

      assertThatThrownBy(b::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("patient.conditions: id 'c1 (diabetes)' appears more than once");
    }

    @Test
    void oneRecordTwoKinds_diabetesWithNeuropathy_isAccepted() {
      PatientContext patient =
          patient()
              .condition("c1", ConditionKind.DIABETES)
              .condition("c1", ConditionKind.NEUROPATHY)
              .build();

      assertThat(patient.conditions()).hasSize(2);
    }

    @Test
    void duplicateMedicationIdAndClass_areRejected() {
      PatientContext.Builder b =
          patient()
              .medication("m1", MedicationClass.STATIN, "simvastatin")
              .medication("m1", MedicationClass.STATIN, "simvastatin 20 mg");

      assertThatThrownBy(b::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("patient.medications: id 'm1 (statin)' appears more than once");
    }

    @Test
    void combinationProduct_oneRecordTwoClasses_isAccepted() {
      PatientContext patient =
          patient()
              .medication("m1", MedicationClass.STATIN, "simvastatin/ezetimibe")
              .medication("m1", MedicationClass.DIHYDROPYRIDINE_CCB, "amlodipine/atorvastatin")
              .build();

      assertThat(patient.medications()).hasSize(2);
    }

    @Test
    void duplicateLabIds_areRejected() {
      LabResult k = LabResult.of("l1", Analyte.POTASSIUM, 4.0, "mmol/L", LocalDate.of(2026, 1, 1));
      PatientContext.Builder b = patient().lab(k).lab(k);

      assertThatThrownBy(b::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("patient.labs: id 'l1' appears more than once");
    }

    @Test
    void sameIdInDifferentLists_isAllowed() {
      PatientContext p =
          patient()
              .condition("x", ConditionKind.DIABETES)
              .medication("x", MedicationClass.STATIN, "simvastatin")
              .build();

      assertThat(p.conditions()).hasSize(1);
      assertThat(p.medications()).hasSize(1);
    }
  }

  @Nested
  class Contents {

    @Test
    void builder_keepsEverythingInInputOrder() {
      Lifestyle life = Lifestyle.unknown().withColdExposure(true);
      PatientContext p =
          patient()
              .id("Patient/7")
              .pregnant(false)
              .condition("c2", ConditionKind.HEART_FAILURE)
              .condition(Condition.ckd("c1", 3))
              .medication("m1", MedicationClass.STATIN, "simvastatin")
              .lifestyle(life)
              .build();

      assertThat(p.id()).contains("Patient/7");
      assertThat(p.sex()).isEqualTo(Sex.MALE);
      assertThat(p.birthDate()).isEqualTo(BORN);
      assertThat(p.conditions()).extracting(Condition::id).containsExactly("c2", "c1");
      assertThat(p.has(ConditionKind.CHRONIC_KIDNEY_DISEASE)).isTrue();
      assertThat(p.has(ConditionKind.DIABETES)).isFalse();
      assertThat(p.takes(MedicationClass.STATIN)).isTrue();
      assertThat(p.takes(MedicationClass.QUININE)).isFalse();
      assertThat(p.lifestyle()).isEqualTo(life);
      assertThatThrownBy(() -> p.conditions().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builder_defaultsToNoIdNotPregnantNothingRecorded() {
      PatientContext p = patient().build();

      assertThat(p.id()).isEmpty();
      assertThat(p.pregnant()).isFalse();
      assertThat(p.conditions()).isEmpty();
      assertThat(p.medications()).isEmpty();
      assertThat(p.labs()).isEmpty();
      assertThat(p.lifestyle()).isEqualTo(Lifestyle.unknown());
    }
  }

  @Nested
  class Conditions {

    @Test
    void ckdStage_onAnotherCondition_isRejected() {
      assertThatThrownBy(() -> new Condition("c1", ConditionKind.DIABETES, Optional.of(3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "condition c1: ckdStage is only allowed for chronic-kidney-disease, got 3 for"
                  + " diabetes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -1})
    void ckdStage_outsideOneToFive_isRejected(int stage) {
      assertThatThrownBy(() -> Condition.ckd("c1", stage))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("condition c1: ckdStage must be between 1 and 5, got " + stage);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void ckdStage_oneToFive_isAccepted(int stage) {
      assertThat(Condition.ckd("c1", stage).ckdStage()).contains(stage);
    }

    @Test
    void id_blank_isRejected() {
      assertThatThrownBy(() -> Condition.of("", ConditionKind.DIABETES))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("condition.id must not be blank");
    }

    @Test
    void conditionKind_dialysisHasNoVerifiedSnomedCode() {
      assertThat(ConditionKind.DIALYSIS.snomed()).isEmpty();
      assertThat(ConditionKind.DIALYSIS.display()).isEqualTo("Dependence on dialysis");
      assertThat(ConditionKind.HEART_FAILURE.snomed())
          .contains(new Coding(CodeSystems.SNOMED_CT, "84114007", "Heart failure"));
      assertThat(ConditionKind.CHRONIC_KIDNEY_DISEASE.code()).isEqualTo("chronic-kidney-disease");
    }

    @ParameterizedTest
    @EnumSource(value = ConditionKind.class, names = "DIALYSIS", mode = EnumSource.Mode.EXCLUDE)
    void conditionKind_othersCarryASnomedCodeWithTheirDisplay(ConditionKind kind) {
      assertThat(kind.snomed())
          .hasValueSatisfying(
              c -> {
                assertThat(c.system()).isEqualTo(CodeSystems.SNOMED_CT);
                assertThat(c.display()).isEqualTo(kind.display());
              });
    }
  }

  @Nested
  class Medications {

    @Test
    void blankIdOrName_isRejected() {
      assertThatThrownBy(() -> new Medication(" ", MedicationClass.STATIN, "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("medication.id must not be blank");
      assertThatThrownBy(() -> new Medication("m1", MedicationClass.STATIN, " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("medication m1: name must not be blank");
    }

    @ParameterizedTest
    @EnumSource(MedicationClass.class)
    void medicationClass_crampAssociationHasASourceExceptQuinineAndMagnesium(MedicationClass c) {
      boolean notAssociated =
          c == MedicationClass.QUININE || c == MedicationClass.MAGNESIUM_SUPPLEMENT;
      assertThat(c.crampAssociated()).isEqualTo(!notAssociated);
      assertThat(c.source().isEmpty()).isEqualTo(notAssociated);
      assertThat(c.atcPrefixes()).isNotEmpty();
    }

    @Test
    void medicationClass_atcPrefixesMatchTheKnowledgeBase() {
      assertThat(MedicationClass.THIAZIDE_DIURETIC.atcPrefixes()).containsExactly("C03A", "C03BA");
      assertThat(MedicationClass.STATIN.atcPrefixes()).containsExactly("C10AA");
      assertThat(MedicationClass.QUININE.atcPrefixes()).containsExactly("P01BC01");
      assertThat(MedicationClass.BETA2_AGONIST.display()).isEqualTo("beta-2 agonist");
    }
  }

  @Nested
  class Lifestyles {

    @Test
    void sittingHours_negative_isRejected() {
      assertThatThrownBy(() -> Lifestyle.unknown().withSittingHoursPerDay(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("lifestyle.sittingHoursPerDay must be between 0 and 24.0, got -1.0");
    }

    @Test
    void repetitiveHandWorkHours_aboveTwentyFour_isRejected() {
      assertThatThrownBy(() -> Lifestyle.unknown().withRepetitiveHandWorkHoursPerDay(25))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "lifestyle.repetitiveHandWorkHoursPerDay must be between 0 and 24.0, got 25.0");
    }

    @Test
    void fluid_aboveTwentyLitres_isRejected() {
      assertThatThrownBy(() -> Lifestyle.unknown().withFluidLitresPerDay(20.5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("lifestyle.fluidLitresPerDay must be between 0 and 20.0, got 20.5");
    }

    @Test
    void alcohol_negative_isRejectedSayingAnyPositiveNumberIsAllowed() {
      assertThatThrownBy(() -> Lifestyle.unknown().withAlcoholUnitsPerWeek(-2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "lifestyle.alcoholUnitsPerWeek must be between 0 and any positive number, got -2.0");
    }

    @Test
    void notANumber_isRejected() {
      assertThatThrownBy(() -> Lifestyle.unknown().withFluidLitresPerDay(Double.NaN))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("lifestyle.fluidLitresPerDay must be between 0 and 20.0, got NaN");
    }

    @Test
    void boundaries_zeroAndTwentyFourHours_areAccepted() {
      Lifestyle life =
          Lifestyle.unknown()
              .withSittingHoursPerDay(24)
              .withRepetitiveHandWorkHoursPerDay(0)
              .withFluidLitresPerDay(20)
              .withAlcoholUnitsPerWeek(0)
              .withExercise(ExerciseHabit.REGULAR)
              .withColdExposure(true);

      assertThat(life.sittingHoursPerDay()).contains(24.0);
      assertThat(life.repetitiveHandWorkHoursPerDay()).contains(0.0);
      assertThat(life.fluidLitresPerDay()).contains(20.0);
      assertThat(life.alcoholUnitsPerWeek()).contains(0.0);
      assertThat(life.exercise()).isEqualTo(ExerciseHabit.REGULAR);
      assertThat(life.coldExposure()).isTrue();
    }

    @Test
    void withers_keepTheOtherValues() {
      Lifestyle life =
          Lifestyle.unknown()
              .withFluidLitresPerDay(1)
              .withAlcoholUnitsPerWeek(2)
              .withExercise(ExerciseHabit.SEDENTARY)
              .withRepetitiveHandWorkHoursPerDay(3)
              .withSittingHoursPerDay(4)
              .withColdExposure(true)
              .withFluidLitresPerDay(1.25);

      assertThat(life)
          .isEqualTo(
              new Lifestyle(
                  Optional.of(1.25),
                  Optional.of(2.0),
                  ExerciseHabit.SEDENTARY,
                  Optional.of(3.0),
                  Optional.of(4.0),
                  true));
      assertThat(ExerciseHabit.STRENUOUS_OR_RECENT_INCREASE.code())
          .isEqualTo("strenuous-or-recent-increase");
      assertThat(Sex.UNKNOWN.code()).isEqualTo("unknown");
    }
  }
}
