package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crampcare.testing.Episodes.NOW;
import static org.crampcare.testing.Episodes.anEpisode;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.ExerciseHabit;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.testing.Patients;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in rules as tables: a situation in, the codes that must and must not come out. */
class RuleTableTest {

  private static final Assessor ASSESSOR = Assessor.withBuiltInRules();

  private static Assessment assess(PatientContext patient, CrampEpisode episode) {
    return ASSESSOR.assess(patient, List.of(episode), NOW);
  }

  private static CrampEpisode calf() {
    return anEpisode("e1").calf().build();
  }

  private static Lifestyle life() {
    return Lifestyle.unknown();
  }

  @Nested
  class SituationToCodes {

    static Stream<Arguments> situations() {
      return Stream.of(
          arguments(
              "hand cramp",
              Patients.anAdult().build(),
              anEpisode("e1").hand().build(),
              List.of("hand-strengthening-exercises", "stretch-affected-muscle"),
              List.of("walk-and-move", "activity-breaks")),
          arguments(
              "abdominal cramp",
              Patients.anAdult().build(),
              anEpisode("e1").at(BodySite.ABDOMEN).build(),
              List.of("stretch-affected-muscle", "regular-stretching"),
              List.of("walk-and-move", "hand-strengthening-exercises")),
          arguments(
              "6 hours of repetitive hand work",
              Patients.anAdult().lifestyle(life().withRepetitiveHandWorkHoursPerDay(6)).build(),
              calf(),
              List.of("activity-breaks", "hand-strengthening-exercises"),
              List.of()),
          arguments(
              "3 hours of repetitive hand work (below 4)",
              Patients.anAdult().lifestyle(life().withRepetitiveHandWorkHoursPerDay(3)).build(),
              calf(),
              List.of(),
              List.of("activity-breaks", "hand-strengthening-exercises")),
          arguments(
              "cramp while typing",
              Patients.anAdult().build(),
              anEpisode("e1").hand().in(Setting.REPETITIVE_TASK).build(),
              List.of("activity-breaks", "hand-strengthening-exercises"),
              List.of()),
          arguments(
              "cramp during exercise",
              Patients.anAdult().build(),
              anEpisode("e1").in(Setting.DURING_EXERCISE).build(),
              List.of("gradual-exercise-progression", "hydration"),
              List.of("discuss-fluid-targets")),
          arguments(
              "cramp after exercise",
              Patients.anAdult().build(),
              anEpisode("e1").in(Setting.AFTER_EXERCISE).build(),
              List.of("gradual-exercise-progression", "hydration"),
              List.of()),
          arguments(
              "strenuous exercise habit",
              Patients.anAdult()
                  .lifestyle(life().withExercise(ExerciseHabit.STRENUOUS_OR_RECENT_INCREASE))
                  .build(),
              calf(),
              List.of("gradual-exercise-progression"),
              List.of("move-after-sitting", "hydration")),
          arguments(
              "sedentary",
              Patients.anAdult().lifestyle(life().withExercise(ExerciseHabit.SEDENTARY)).build(),
              calf(),
              List.of("move-after-sitting"),
              List.of("gradual-exercise-progression")),
          arguments(
              "regular exercise",
              Patients.anAdult().lifestyle(life().withExercise(ExerciseHabit.REGULAR)).build(),
              calf(),
              List.of(),
              List.of("move-after-sitting", "gradual-exercise-progression")),
          arguments(
              "sitting 8 hours (at the threshold)",
              Patients.anAdult().lifestyle(life().withSittingHoursPerDay(8)).build(),
              calf(),
              List.of("move-after-sitting"),
              List.of()),
          arguments(
              "sitting 7.5 hours",
              Patients.anAdult().lifestyle(life().withSittingHoursPerDay(7.5)).build(),
              calf(),
              List.of(),
              List.of("move-after-sitting")),
          arguments(
              "cramp after prolonged sitting",
              Patients.anAdult().build(),
              anEpisode("e1").in(Setting.AFTER_PROLONGED_SITTING).build(),
              List.of("move-after-sitting"),
              List.of()),
          arguments(
              "often exposed to cold",
              Patients.anAdult().lifestyle(life().withColdExposure(true)).build(),
              calf(),
              List.of("keep-muscles-warm"),
              List.of()),
          arguments(
              "cramp in the cold",
              Patients.anAdult().build(),
              anEpisode("e1").in(Setting.COLD_EXPOSURE).build(),
              List.of("keep-muscles-warm"),
              List.of()),
          arguments(
              "cramp at rest or at night only",
              Patients.anAdult().build(),
              anEpisode("e1").in(Setting.AT_REST).atNight().build(),
              List.of("stretch-affected-muscle"),
              List.of("keep-muscles-warm", "move-after-sitting", "gradual-exercise-progression")),
          arguments(
              "20 units of alcohol a week",
              Patients.anAdult().lifestyle(life().withAlcoholUnitsPerWeek(20)).build(),
              calf(),
              List.of("limit-alcohol", "dietary-magnesium"),
              List.of("underlying-condition-review", "electrolyte-testing")),
          arguments(
              "14 units of alcohol a week (not above 14)",
              Patients.anAdult().lifestyle(life().withAlcoholUnitsPerWeek(14)).build(),
              calf(),
              List.of(),
              List.of("limit-alcohol", "dietary-magnesium")),
          arguments(
              "alcohol misuse recorded",
              Patients.anAdult().with(ConditionKind.ALCOHOL_MISUSE).build(),
              calf(),
              List.of(
                  "limit-alcohol",
                  "dietary-magnesium",
                  "underlying-condition-review",
                  "electrolyte-testing"),
              List.of()),
          arguments(
              "fluid 1.5 L a day (not below 1.5)",
              Patients.anAdult().lifestyle(life().withFluidLitresPerDay(1.5)).build(),
              calf(),
              List.of(),
              List.of("hydration", "discuss-fluid-targets")),
          arguments(
              "hypothyroidism",
              Patients.anAdult().with(ConditionKind.HYPOTHYROIDISM).build(),
              calf(),
              List.of("underlying-condition-review"),
              List.of("electrolyte-testing")),
          arguments(
              "peripheral artery disease",
              Patients.anAdult().with(ConditionKind.PERIPHERAL_ARTERY_DISEASE).build(),
              calf(),
              List.of("underlying-condition-review"),
              List.of()),
          arguments(
              "chronic kidney disease without stage or labs",
              Patients.anAdult().withCkd().build(),
              calf(),
              List.of("underlying-condition-review", "electrolyte-testing"),
              List.of()),
          arguments(
              "carpal tunnel syndrome",
              Patients.anAdult().with(ConditionKind.CARPAL_TUNNEL_SYNDROME).build(),
              anEpisode("e1").hand().build(),
              List.of("hand-strengthening-exercises"),
              List.of("underlying-condition-review")),
          arguments(
              "high TSH with a lab range",
              Patients.anAdult().lab(Analyte.TSH, 9.5, "m[IU]/L", 10, 0.4, 4.0).build(),
              calf(),
              List.of("abnormal-lab-follow-up", "underlying-condition-review"),
              List.of()),
          arguments(
              "high HbA1c: a condition to review, not a cramp lab",
              Patients.anAdult().lab(Analyte.HBA1C, 8.1, "%", 10, 4.0, 5.6).build(),
              calf(),
              List.of("underlying-condition-review"),
              List.of("abnormal-lab-follow-up")),
          arguments(
              "low 25-OH vitamin D",
              Patients.anAdult().lab(Analyte.VITAMIN_D_25OH, 25, "nmol/L", 10, 75, 250).build(),
              calf(),
              List.of("abnormal-lab-follow-up"),
              List.of()),
          arguments(
              "low ionized calcium",
              Patients.anAdult().lab(Analyte.CALCIUM_IONIZED, 1.0, "mmol/L", 10).build(),
              calf(),
              List.of("abnormal-lab-follow-up"),
              List.of()),
          arguments(
              "statin",
              Patients.anAdult().taking(MedicationClass.STATIN).build(),
              calf(),
              List.of("medication-review"),
              List.of("urgent-medical-review", "electrolyte-testing")),
          arguments(
              "naproxen",
              Patients.anAdult().taking(MedicationClass.NAPROXEN).build(),
              calf(),
              List.of("medication-review"),
              List.of("electrolyte-testing")),
          arguments(
              "laxative",
              Patients.anAdult().taking(MedicationClass.LAXATIVE).build(),
              calf(),
              List.of("medication-review", "electrolyte-testing", "dietary-magnesium"),
              List.of()),
          arguments(
              "magnesium supplement, no labs",
              Patients.anAdult().taking(MedicationClass.MAGNESIUM_SUPPLEMENT).build(),
              calf(),
              List.of(),
              List.of("medication-review", "clinician-visit", "dietary-magnesium")),
          arguments(
              "thigh swelling is not the DVT red flag",
              Patients.anAdult().build(),
              anEpisode("e1").at(BodySite.THIGH).with(AssociatedSign.SWELLING).build(),
              List.of("massage-affected-muscle", "apply-heat"),
              List.of("urgent-medical-review")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void assess_situation_givesTheExpectedCodes(
        String situation,
        PatientContext patient,
        CrampEpisode episode,
        List<String> present,
        List<String> absent) {
      Assessment assessment = assess(patient, episode);

      for (String code : present) {
        assertThat(assessment.recommendationCodes()).as(situation).contains(code);
      }
      for (String code : absent) {
        assertThat(assessment.recommendationCodes()).as(situation).doesNotContain(code);
      }
    }
  }

  @Nested
  class RedFlagsBySiteAndSign {

    @ParameterizedTest(name = "{0} with {1}: urgent = {2}")
    @CsvSource({
      "CALF, SWELLING, true",
      "CALF, REDNESS_WARMTH, true",
      "LOWER_LEG, SWELLING, true",
      "LOWER_LEG, REDNESS_WARMTH, true",
      "THIGH, SWELLING, false",
      "FOOT, REDNESS_WARMTH, false",
      "HAND, SWELLING, false",
      "CALF, MUSCLE_WEAKNESS, false",
      "CALF, DARK_URINE, false",
      "CALF, NUMBNESS_TINGLING, false",
      "CALF, MUSCLE_WASTING, false",
    })
    void assess_siteAndSignWithoutStatin_urgentOnlyForCalfOrLowerLegSwellingOrRedness(
        BodySite site, AssociatedSign sign, boolean urgent) {
      Assessment assessment =
          assess(Patients.anAdult().build(), anEpisode("e1").at(site).with(sign).build());

      assertThat(assessment.recommendationCodes().contains("urgent-medical-review"))
          .isEqualTo(urgent);
    }

    @ParameterizedTest(name = "statin user with {0}: urgent = {1}")
    @CsvSource({
      "MUSCLE_WEAKNESS, true",
      "DARK_URINE, true",
      "NUMBNESS_TINGLING, false",
      "FASCICULATIONS, false",
      "PAIN_ON_WALKING_EASES_WITH_REST, false",
    })
    void assess_statinUserWithSign_urgentOnlyForWeaknessOrDarkUrine(
        AssociatedSign sign, boolean urgent) {
      PatientContext patient = Patients.anAdult().taking(MedicationClass.STATIN).build();

      Assessment assessment = assess(patient, anEpisode("e1").hand().with(sign).build());

      assertThat(assessment.recommendationCodes().contains("urgent-medical-review"))
          .isEqualTo(urgent);
    }

    @ParameterizedTest(name = "CK {0} U/L against 30-200: urgent = {1}")
    @CsvSource({"999, false", "1000, true", "1001, true", "5000, true", "250, false"})
    void assess_creatineKinase_urgentFromFiveTimesTheUpperLimit(double value, boolean urgent) {
      PatientContext patient =
          Patients.anAdult().lab(Analyte.CREATINE_KINASE, value, "U/L", 3, 30, 200).build();

      Assessment assessment = assess(patient, calf());

      assertThat(assessment.recommendationCodes().contains("urgent-medical-review"))
          .isEqualTo(urgent);
      assertThat(assessment.recommendationCodes()).contains("abnormal-lab-follow-up");
    }
  }

  @Nested
  class ClinicianVisitBySign {

    @ParameterizedTest
    @EnumSource(
        value = AssociatedSign.class,
        names = {
          "MUSCLE_WASTING",
          "FASCICULATIONS",
          "NUMBNESS_TINGLING",
          "MUSCLE_WEAKNESS",
          "PAIN_ON_WALKING_EASES_WITH_REST"
        })
    void assess_warningSign_recommendsClinicianVisit(AssociatedSign sign) {
      Assessment assessment =
          assess(Patients.anAdult().build(), anEpisode("e1").with(sign).build());

      assertThat(assessment.recommendationCodes()).contains("clinician-visit");
    }

    @ParameterizedTest
    @EnumSource(
        value = AssociatedSign.class,
        names = {"SWELLING", "REDNESS_WARMTH", "DARK_URINE"})
    void assess_signThatIsNotANeurologicalOrVascularWarning_noClinicianVisit(AssociatedSign sign) {
      Assessment assessment =
          assess(Patients.anAdult().build(), anEpisode("e1").hand().with(sign).build());

      assertThat(assessment.recommendationCodes()).doesNotContain("clinician-visit");
    }
  }

  @Nested
  class MedicationReviewByClass {

    @ParameterizedTest
    @EnumSource(
        value = MedicationClass.class,
        names = {"MAGNESIUM_SUPPLEMENT"},
        mode = EnumSource.Mode.EXCLUDE)
    void assess_crampAssociatedOrQuinine_recommendsMedicationReview(MedicationClass medication) {
      PatientContext patient = Patients.anAdult().taking(medication).build();

      Assessment assessment = assess(patient, calf());

      assertThat(assessment.recommendationCodes()).contains("medication-review");
    }

    @ParameterizedTest
    @EnumSource(
        value = MedicationClass.class,
        names = {"MAGNESIUM_SUPPLEMENT"},
        mode = EnumSource.Mode.EXCLUDE)
    void assess_pregnantOnAnyOfThem_getsNoMedicationReview(MedicationClass medication) {
      PatientContext patient = Patients.anAdult().pregnant().taking(medication).build();

      Assessment assessment = assess(patient, calf());

      assertThat(assessment.recommendationCodes())
          .doesNotContain("medication-review")
          .contains("clinician-visit");
    }
  }

  @Nested
  class FluidAdviceByCondition {

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void assess_fluidRestrictingCondition_replacesHydrationWithFluidTargets(
        String name, Patients patient) {
      PatientContext context = patient.lifestyle(life().withFluidLitresPerDay(0.9)).build();

      Assessment assessment = assess(context, calf());

      assertThat(assessment.recommendationCodes())
          .doesNotContain("hydration")
          .contains("discuss-fluid-targets");
      assertThat(assessment.suppression("hydration")).isPresent();
    }

    static Stream<Arguments> conditions() {
      return Stream.of(
          arguments("heart failure", Patients.anAdult().with(ConditionKind.HEART_FAILURE)),
          arguments("CKD stage 4", Patients.anAdult().withCkdStage(4)),
          arguments("CKD stage 5", Patients.anAdult().withCkdStage(5)),
          arguments("dialysis", Patients.anAdult().with(ConditionKind.DIALYSIS)),
          arguments("eGFR 29", Patients.anAdult().egfr(29)),
          arguments("eGFR 12 in mL/min", Patients.anAdult().lab(Analyte.EGFR, 12, "mL/min", 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notRestricting")
    void assess_conditionThatDoesNotRestrictFluids_keepsHydration(String name, Patients patient) {
      PatientContext context = patient.lifestyle(life().withFluidLitresPerDay(0.9)).build();

      Assessment assessment = assess(context, calf());

      assertThat(assessment.recommendationCodes())
          .contains("hydration")
          .doesNotContain("discuss-fluid-targets");
    }

    static Stream<Arguments> notRestricting() {
      return Stream.of(
          arguments("CKD stage 3", Patients.anAdult().withCkdStage(3)),
          arguments("eGFR exactly 30", Patients.anAdult().egfr(30)),
          arguments("eGFR 29 but stale", Patients.anAdult().lab(Analyte.EGFR, 29, "mL/min", 400)),
          arguments("diabetes", Patients.anAdult().with(ConditionKind.DIABETES)));
    }
  }

  @Nested
  class HeatCautionByCondition {

    @ParameterizedTest
    @EnumSource(
        value = ConditionKind.class,
        names = "DEEP_VEIN_THROMBOSIS",
        mode = EnumSource.Mode.EXCLUDE) // heat is withheld altogether with a known DVT
    void assess_condition_burnRiskOnlyForDiabetesOrNeuropathy(ConditionKind kind) {
      PatientContext patient = Patients.anAdult().with(kind).build();

      Assessment assessment = assess(patient, calf());

      boolean expected = kind == ConditionKind.DIABETES || kind == ConditionKind.NEUROPATHY;
      assertThat(assessment.recommendation("apply-heat"))
          .hasValueSatisfying(
              heat -> assertThat(heat.hasCaution("caution-burn-risk")).isEqualTo(expected));
    }
  }
}
