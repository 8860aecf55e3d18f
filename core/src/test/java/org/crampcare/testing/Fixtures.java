package org.crampcare.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabResult;
import org.crampcare.patient.Condition;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.ExerciseHabit;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.patient.Sex;

/**
 * The realistic benchmark input, shared through core's test-jar with the benchmarks: one adult with
 * several conditions, 5 medications, 10 lab results and 50 cramp episodes in the 28-day window.
 * Deterministic: no clock, no randomness.
 */
public final class Fixtures {
  /** The assessment time the fixtures are built around. */
  public static final Instant AS_OF = Instant.parse("2026-11-21T10:00:00Z");

  /** Number of episodes in {@link #episodes()}. */
  public static final int EPISODES = 50;

  private static final LocalDate TODAY = LocalDate.ofInstant(AS_OF, ZoneOffset.UTC);

  private static final BodySite[] SITES = {
    BodySite.CALF, BodySite.CALF, BodySite.FOOT, BodySite.CALF, BodySite.THIGH,
    BodySite.HAND, BodySite.TOE, BodySite.CALF, BodySite.LOWER_LEG, BodySite.FINGER
  };

  private Fixtures() {}

  /**
   * Returns a 67-year-old man with diabetes, neuropathy, chronic kidney disease stage 3, heart
   * failure and hypothyroidism; a loop diuretic, a statin, a beta-2 agonist, a dihydropyridine
   * calcium channel blocker and a magnesium supplement; 10 lab results (one low potassium, one
   * stale, the rest mixed mass and molar units, some with the lab's own range); and a lifestyle
   * with low fluid intake and long sitting.
   */
  public static PatientContext patient() {
    return PatientContext.builder(TODAY.minusYears(67).minusDays(40), Sex.MALE)
        .id("Patient/bench-1")
        .condition("Condition/diabetes", ConditionKind.DIABETES)
        .condition("Condition/neuropathy", ConditionKind.NEUROPATHY)
        .condition(Condition.ckd("Condition/ckd", 3))
        .condition("Condition/heart-failure", ConditionKind.HEART_FAILURE)
        .condition("Condition/hypothyroidism", ConditionKind.HYPOTHYROIDISM)
        .medication(
            "MedicationRequest/furosemide", MedicationClass.LOOP_DIURETIC, "Furosemide 40 MG")
        .medication("MedicationRequest/atorvastatin", MedicationClass.STATIN, "Atorvastatin 20 MG")
        .medication(
            "MedicationRequest/salbutamol", MedicationClass.BETA2_AGONIST, "Salbutamol inhaler")
        .medication(
            "MedicationRequest/amlodipine", MedicationClass.DIHYDROPYRIDINE_CCB, "Amlodipine 5 MG")
        .medication(
            "MedicationStatement/magnesium",
            MedicationClass.MAGNESIUM_SUPPLEMENT,
            "Magnesium oxide 400 MG")
        .lab(lab("Observation/k", Analyte.POTASSIUM, 3.2, "mmol/L", 6).withRange(3.5, 5.1))
        .lab(lab("Observation/k-old", Analyte.POTASSIUM, 4.1, "mmol/L", 420))
        .lab(lab("Observation/na", Analyte.SODIUM, 138, "mmol/L", 6).withRange(136, 145))
        .lab(lab("Observation/ca", Analyte.CALCIUM_TOTAL, 9.1, "mg/dL", 6))
        .lab(lab("Observation/mg", Analyte.MAGNESIUM, 1.9, "mg/dL", 6).withRange(1.7, 2.2))
        .lab(lab("Observation/ck", Analyte.CREATINE_KINASE, 240, "U/L", 6).withRange(39, 308))
        .lab(lab("Observation/tsh", Analyte.TSH, 5.9, "m[IU]/L", 30).withRange(0.4, 4.0))
        .lab(lab("Observation/hba1c", Analyte.HBA1C, 7.8, "%", 30).withRange(4.0, 5.6))
        .lab(lab("Observation/egfr", Analyte.EGFR, 48, "mL/min/{1.73_m2}", 6))
        .lab(lab("Observation/vitd", Analyte.VITAMIN_D_25OH, 45, "nmol/L", 60).withRange(30, 100))
        .lifestyle(
            Lifestyle.unknown()
                .withFluidLitresPerDay(1.1)
                .withAlcoholUnitsPerWeek(4)
                .withExercise(ExerciseHabit.SEDENTARY)
                .withSittingHoursPerDay(9))
        .build();
  }

  private static LabResult lab(String id, Analyte analyte, double value, String unit, int daysAgo) {
    return LabResult.of(id, analyte, value, unit, TODAY.minusDays(daysAgo));
  }

  /**
   * Returns 50 episodes spread over the last 27 days (inside the default 28-day window): mostly
   * night-time calf cramps, some after exercise, after sitting or during typing, a few with
   * numbness, one with calf swelling, with sides, severities, relief tried and impacts varied.
   */
  public static List<CrampEpisode> episodes() {
    List<CrampEpisode> result = new ArrayList<>(EPISODES);
    for (int i = 0; i < EPISODES; i++) {
      Instant onset = AS_OF.minus(Duration.ofMinutes(30 + (long) i * 27 * 24 * 60 / EPISODES));
      BodySite site = SITES[i % SITES.length];
      CrampEpisode.Builder b =
          CrampEpisode.builder("Observation/episode-" + (i + 1), onset, site)
              .duration(Duration.ofSeconds(45 + (i * 37L) % 600))
              .severity(3 + (i * 7) % 8);
      if (i % 3 != 2) {
        b.side(i % 2 == 0 ? Laterality.LEFT : Laterality.RIGHT);
      }
      switch (i % 5) {
        case 0:
        case 1:
          b.setting(Setting.DURING_SLEEP).setting(Setting.AT_REST);
          break;
        case 2:
          b.setting(Setting.AFTER_EXERCISE);
          break;
        case 3:
          b.setting(Setting.AFTER_PROLONGED_SITTING);
          break;
        default:
          b.setting(
              site.region() == BodySite.Region.HAND ? Setting.REPETITIVE_TASK : Setting.AT_REST);
          break;
      }
      if (i % 7 == 0) {
        b.sign(AssociatedSign.NUMBNESS_TINGLING);
      }
      if (i == 17) {
        b.sign(AssociatedSign.SWELLING);
      }
      if (i % 4 == 0) {
        b.relief(ReliefMeasure.STRETCHING, true);
      } else if (i % 4 == 1) {
        b.relief(ReliefMeasure.MASSAGE, false).relief(ReliefMeasure.WALKING, true);
      }
      if (i % 6 == 0) {
        b.impact(Impact.DISTURBED_SLEEP);
      }
      result.add(b.build());
    }
    return result;
  }
}
