package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.testing.Episodes.NOW;
import static org.crampcare.testing.Episodes.anEpisode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.lab.LabResult;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.ExerciseHabit;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.pattern.PatternSettings;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactor;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.risk.Thresholds;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.testing.Patients;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FindingsTest {

  private static final Thresholds DEFAULTS = Thresholds.defaults();
  private static final String YESTERDAY = "2026-11-20T10:00:00Z";

  private static List<LabInterpretation> labs(PatientContext patient) {
    return patient.labs().stream()
        .map(l -> LabInterpretation.of(l, Patients.TODAY, DEFAULTS.labMaxAge()))
        .toList();
  }

  private static List<RiskFactor> riskFactors(PatientContext patient, CrampEpisode... episodes) {
    return Findings.riskFactors(patient, List.of(episodes), labs(patient), DEFAULTS);
  }

  private static List<RiskFactorKind> kinds(PatientContext patient, CrampEpisode... episodes) {
    return riskFactors(patient, episodes).stream().map(RiskFactor::kind).toList();
  }

  /** The red flags the built-in rule book's red-flag rules raise (they are rules since issue 8). */
  private static List<RedFlag> redFlags(PatientContext patient, CrampEpisode... episodes) {
    return Assessor.withBuiltInRules().assess(patient, List.of(episodes), NOW).redFlags();
  }

  @Nested
  class RiskFactorsFromLabs {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
      "POTASSIUM, 3.1, mmol/L, LOW_POTASSIUM",
      "SODIUM, 128, mmol/L, LOW_SODIUM",
      "CALCIUM_TOTAL, 7.9, mg/dL, LOW_CALCIUM",
      "CALCIUM_IONIZED, 1.0, mmol/L, LOW_CALCIUM",
      "MAGNESIUM, 0.6, mmol/L, LOW_MAGNESIUM",
      "EGFR, 29.9, mL/min/{1.73_m2}, ADVANCED_KIDNEY_DISEASE",
    })
    void currentAbnormalResult_raisesItsRiskFactor(
        Analyte analyte, double value, String unit, RiskFactorKind kind) {
      PatientContext patient = Patients.anAdult().lab(analyte, value, unit, 10).build();

      assertThat(kinds(patient)).containsExactly(kind);
    }

    @ParameterizedTest(name = "{0} {1} against {2}-{3} -> {4}")
    @CsvSource({
      "CREATINE_KINASE, 450, 30, 200, ELEVATED_CREATINE_KINASE",
      "TSH, 6.1, 0.4, 4.0, HIGH_TSH",
      "HBA1C, 7.2, 4.0, 5.6, HIGH_HBA1C",
      "VITAMIN_D_25OH, 11, 20, 100, LOW_VITAMIN_D",
    })
    void currentAbnormalResultAgainstLabRange_raisesItsRiskFactor(
        Analyte analyte, double value, double low, double high, RiskFactorKind kind) {
      PatientContext patient =
          Patients.anAdult().lab(analyte, value, analyte.canonicalUnit(), 10, low, high).build();

      assertThat(kinds(patient)).containsExactly(kind);
    }

    @ParameterizedTest(name = "{0} {1} {2} raises nothing")
    @CsvSource({
      "POTASSIUM, 5.6, mmol/L",
      "SODIUM, 150, mmol/L",
      "CALCIUM_TOTAL, 11, mg/dL",
      "MAGNESIUM, 1.2, mmol/L",
      "EGFR, 30, mL/min/{1.73_m2}",
      "TSH, 9, m[IU]/L",
    })
    void resultOnTheHarmlessSideOrUnjudged_raisesNothing(
        Analyte analyte, double value, String unit) {
      PatientContext patient = Patients.anAdult().lab(analyte, value, unit, 10).build();

      assertThat(kinds(patient)).isEmpty();
    }

    @ParameterizedTest(name = "{0} below range raises nothing")
    @CsvSource({"CREATINE_KINASE", "TSH", "HBA1C"})
    void lowResultWhereOnlyHighMatters_raisesNothing(Analyte analyte) {
      PatientContext patient =
          Patients.anAdult().lab(analyte, 0.1, analyte.canonicalUnit(), 10, 1, 2).build();

      assertThat(kinds(patient)).isEmpty();
    }

    @Test
    void vitaminD_aboveRange_raisesNothing() {
      PatientContext patient =
          Patients.anAdult().lab(Analyte.VITAMIN_D_25OH, 150, "ng/mL", 10, 20, 100).build();

      assertThat(kinds(patient)).isEmpty();
    }

    @Test
    void staleResult_raisesNothing() {
      PatientContext patient =
          Patients.anAdult().lab(Analyte.POTASSIUM, 2.5, "mmol/L", 366).egfr(1).build();
      PatientContext stale = Patients.anAdult().lab(Analyte.POTASSIUM, 2.5, "mmol/L", 366).build();

      assertThat(kinds(stale)).isEmpty();
      assertThat(kinds(patient)).containsExactly(RiskFactorKind.ADVANCED_KIDNEY_DISEASE);
    }

    @Test
    void egfrInMlPerMin_isComparedAfterConversion() {
      PatientContext patient = Patients.anAdult().lab(Analyte.EGFR, 20, "mL/min", 3).build();

      assertThat(riskFactors(patient))
          .containsExactly(
              new RiskFactor(
                  RiskFactorKind.ADVANCED_KIDNEY_DISEASE,
                  List.of(
                      Fact.about(
                          FactKind.LAB,
                          "Observation/l1",
                          "eGFR 20.0 mL/min on 2026-11-18, no reference range known"))));
    }
  }

  @Nested
  class RiskFactorsFromConditionsAndMedicines {

    @ParameterizedTest
    @CsvSource({
      "DIABETES, DIABETES",
      "NEUROPATHY, NEUROPATHY",
      "HYPOTHYROIDISM, HYPOTHYROIDISM",
      "CHRONIC_KIDNEY_DISEASE, CHRONIC_KIDNEY_DISEASE",
      "HEART_FAILURE, HEART_FAILURE",
      "PERIPHERAL_ARTERY_DISEASE, PERIPHERAL_ARTERY_DISEASE",
      "RHEUMATOID_ARTHRITIS, RHEUMATOID_ARTHRITIS",
      "CARPAL_TUNNEL_SYNDROME, CARPAL_TUNNEL_SYNDROME",
      "CIRRHOSIS, CIRRHOSIS",
      "ALCOHOL_MISUSE, ALCOHOL_MISUSE",
    })
    void condition_raisesItsRiskFactorWithAConditionFact(
        ConditionKind condition, RiskFactorKind kind) {
      PatientContext patient = Patients.anAdult().with(condition).build();

      assertThat(riskFactors(patient))
          .containsExactly(
              new RiskFactor(
                  kind,
                  List.of(
                      Fact.about(
                          FactKind.CONDITION,
                          "Condition/c1",
                          condition.display().toLowerCase(java.util.Locale.ROOT)))));
    }

    @Test
    void dialysis_isAlsoAdvancedKidneyDisease() {
      assertThat(kinds(Patients.anAdult().with(ConditionKind.DIALYSIS).build()))
          .containsExactly(RiskFactorKind.ADVANCED_KIDNEY_DISEASE, RiskFactorKind.DIALYSIS);
    }

    @ParameterizedTest
    @CsvSource({"1, false", "3, false", "4, true", "5, true"})
    void ckdStage_fourOrFive_isAdvanced(int stage, boolean advanced) {
      List<RiskFactorKind> kinds = kinds(Patients.anAdult().withCkdStage(stage).build());

      assertThat(kinds).contains(RiskFactorKind.CHRONIC_KIDNEY_DISEASE);
      assertThat(kinds.contains(RiskFactorKind.ADVANCED_KIDNEY_DISEASE)).isEqualTo(advanced);
    }

    @Test
    void pregnancy_isAPatientFactWithThePatientId() {
      assertThat(riskFactors(Patients.anAdult().pregnant().build()))
          .containsExactly(
              new RiskFactor(
                  RiskFactorKind.PREGNANCY,
                  List.of(Fact.about(FactKind.PATIENT, "patient-1", "pregnant"))));
    }

    @ParameterizedTest
    @EnumSource(MedicationClass.class)
    void medication_raisesQuinineMagnesiumOrCrampAssociatedUse(MedicationClass medication) {
      RiskFactorKind expected =
          medication == MedicationClass.QUININE
              ? RiskFactorKind.QUININE_USE
              : medication == MedicationClass.MAGNESIUM_SUPPLEMENT
                  ? RiskFactorKind.MAGNESIUM_SUPPLEMENT_USE
                  : RiskFactorKind.CRAMP_ASSOCIATED_MEDICATION;

      assertThat(riskFactors(Patients.anAdult().taking(medication).build()))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.kind()).isEqualTo(expected);
                assertThat(r.facts())
                    .containsExactly(
                        Fact.about(
                            FactKind.MEDICATION,
                            "MedicationRequest/m1",
                            medication.display() + " tablet (" + medication.display() + ")"));
              });
    }

    @Test
    void severalCrampAssociatedMedicines_areOneRiskFactorWithAFactEach() {
      List<RiskFactor> factors =
          riskFactors(
              Patients.anAdult()
                  .taking(MedicationClass.STATIN)
                  .taking(MedicationClass.NAPROXEN)
                  .build());

      assertThat(factors).singleElement().satisfies(r -> assertThat(r.facts()).hasSize(2));
    }
  }

  @Nested
  class RiskFactorsFromLifestyleAndEpisodes {

    @Test
    void lifestyle_factsNameTheValueAndTheThreshold() {
      Lifestyle life =
          Lifestyle.unknown()
              .withFluidLitresPerDay(1.2)
              .withAlcoholUnitsPerWeek(21)
              .withSittingHoursPerDay(9)
              .withRepetitiveHandWorkHoursPerDay(4.5)
              .withColdExposure(true)
              .withExercise(ExerciseHabit.SEDENTARY);

      assertThat(riskFactors(Patients.anAdult().lifestyle(life).build()))
          .containsExactly(
              lifestyle(RiskFactorKind.LOW_FLUID_INTAKE, "fluid intake 1.2 L a day, below 1.5 L"),
              lifestyle(RiskFactorKind.ALCOHOL_INTAKE, "alcohol 21 units a week, above 14"),
              lifestyle(RiskFactorKind.INACTIVITY, "little or no exercise"),
              lifestyle(RiskFactorKind.PROLONGED_SITTING, "sitting 9 hours a day, at least 8"),
              lifestyle(
                  RiskFactorKind.REPETITIVE_HAND_WORK,
                  "repetitive hand work 4.5 hours a day, at least 4"),
              lifestyle(RiskFactorKind.COLD_EXPOSURE, "often exposed to cold"));
    }

    @Test
    void lifestyle_atTheThresholds() {
      Lifestyle life =
          Lifestyle.unknown()
              .withFluidLitresPerDay(1.5)
              .withAlcoholUnitsPerWeek(14)
              .withSittingHoursPerDay(8)
              .withRepetitiveHandWorkHoursPerDay(4)
              .withExercise(ExerciseHabit.STRENUOUS_OR_RECENT_INCREASE);

      assertThat(kinds(Patients.anAdult().lifestyle(life).build()))
          .containsExactly(
              RiskFactorKind.OVERUSE,
              RiskFactorKind.PROLONGED_SITTING,
              RiskFactorKind.REPETITIVE_HAND_WORK);
      assertThat(riskFactors(Patients.anAdult().lifestyle(life).build()).get(0).facts())
          .containsExactly(
              Fact.derived(FactKind.LIFESTYLE, "strenuous exercise or a recent increase"));
    }

    @Test
    void unknownLifestyle_raisesNothing() {
      assertThat(kinds(Patients.anAdult().build())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
      "DURING_EXERCISE, OVERUSE, cramp during exercise",
      "AFTER_EXERCISE, OVERUSE, cramp after exercise",
      "REPETITIVE_TASK, REPETITIVE_HAND_WORK, cramp during a repetitive task such as typing or"
          + " texting",
      "AFTER_PROLONGED_SITTING, PROLONGED_SITTING, cramp after prolonged sitting",
      "COLD_EXPOSURE, COLD_EXPOSURE, cramp cold exposure",
    })
    void episodeSetting_raisesARiskFactorNamingTheEpisode(
        Setting setting, RiskFactorKind kind, String text) {
      CrampEpisode episode = anEpisode("e1").in(setting).build();

      assertThat(riskFactors(Patients.anAdult().build(), episode))
          .containsExactly(
              new RiskFactor(
                  kind, List.of(Fact.about(FactKind.EPISODE, "e1", text + " on " + YESTERDAY))));
    }

    @Test
    void restOrSleep_raiseNothing() {
      CrampEpisode episode = anEpisode("e1").in(Setting.AT_REST).atNight().build();

      assertThat(kinds(Patients.anAdult().build(), episode)).isEmpty();
    }

    @Test
    void riskFactors_followDeclarationOrderWhateverTheInputOrder() {
      PatientContext patient =
          Patients.anAdult()
              .lifestyle(Lifestyle.unknown().withColdExposure(true))
              .taking(MedicationClass.QUININE)
              .with(ConditionKind.HEART_FAILURE)
              .lab(Analyte.POTASSIUM, 3.0, "mmol/L", 2)
              .build();

      assertThat(kinds(patient))
          .containsExactly(
              RiskFactorKind.LOW_POTASSIUM,
              RiskFactorKind.HEART_FAILURE,
              RiskFactorKind.QUININE_USE,
              RiskFactorKind.COLD_EXPOSURE);
    }
  }

  @Nested
  class RedFlags {

    @Test
    void dvtAndRhabdomyolysisAndNeurologicalFlags_areRaisedTogetherInDeclarationOrder() {
      PatientContext patient = Patients.anAdult().taking(MedicationClass.STATIN).build();
      CrampEpisode episode =
          anEpisode("e1")
              .calf()
              .with(
                  AssociatedSign.PAIN_ON_WALKING_EASES_WITH_REST,
                  AssociatedSign.MUSCLE_WEAKNESS,
                  AssociatedSign.SWELLING,
                  AssociatedSign.FASCICULATIONS)
              .build();

      List<RedFlag> flags = redFlags(patient, episode);

      assertThat(flags)
          .extracting(RedFlag::kind)
          .containsExactly(
              RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS,
              RedFlagKind.POSSIBLE_RHABDOMYOLYSIS,
              RedFlagKind.POSSIBLE_NEUROMUSCULAR_DISEASE,
              RedFlagKind.NEUROLOGICAL_SIGNS,
              RedFlagKind.POSSIBLE_CLAUDICATION);
      assertThat(flags.get(1).facts())
          .extracting(Fact::text)
          .containsExactly(
              "calf cramp on " + YESTERDAY + " with muscle weakness", "statin tablet (statin)");
      assertThat(flags.get(3).facts())
          .extracting(Fact::text)
          .containsExactly("calf cramp on " + YESTERDAY + " with muscle weakness");
    }

    @Test
    void swellingAndRedness_areNamedTogetherInOneFact() {
      CrampEpisode episode =
          anEpisode("e1")
              .calf()
              .with(AssociatedSign.SWELLING, AssociatedSign.REDNESS_WARMTH)
              .build();

      assertThat(redFlags(Patients.anAdult().build(), episode))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.facts())
                      .extracting(Fact::text)
                      .containsExactly(
                          "calf cramp on " + YESTERDAY + " with swelling and redness or warmth"));
    }

    @Test
    void twoStatins_andTwoEpisodes_eachNamedOnce() {
      PatientContext patient =
          Patients.anAdult().taking(MedicationClass.STATIN).taking(MedicationClass.STATIN).build();

      List<RedFlag> flags =
          redFlags(
              patient,
              anEpisode("e1").daysAgo(2).with(AssociatedSign.DARK_URINE).build(),
              anEpisode("e2").daysAgo(1).with(AssociatedSign.DARK_URINE).build());

      assertThat(flags.get(0).facts())
          .extracting(f -> f.sourceId().orElseThrow())
          .containsExactly("e1", "e2", "MedicationRequest/m1", "MedicationRequest/m2");
    }

    @Test
    void noStatin_noRhabdomyolysisFromSigns() {
      CrampEpisode episode = anEpisode("e1").with(AssociatedSign.DARK_URINE).build();

      assertThat(redFlags(Patients.anAdult().build(), episode)).isEmpty();
    }

    @Test
    void creatineKinase_staleOrUnknownRange_raisesNoFlag() {
      PatientContext stale =
          Patients.anAdult().lab(Analyte.CREATINE_KINASE, 5000, "U/L", 400, 30, 200).build();
      PatientContext noRange =
          Patients.anAdult().lab(Analyte.CREATINE_KINASE, 5000, "U/L", 4).build();

      assertThat(redFlags(stale)).isEmpty();
      assertThat(redFlags(noRange)).isEmpty();
    }

    @Test
    void creatineKinase_factNamesTheMultipleAndTheThreshold() {
      Thresholds threshold =
          new Thresholds(
              PatternSettings.defaults(), Period.ofMonths(12), 30, 2.5, 1.5, 14, 4, 8, 2, 18);
      PatientContext patient =
          Patients.anAdult().lab(Analyte.CREATINE_KINASE, 500, "U/L", 4, 30, 200).build();

      List<RedFlag> flags =
          Assessor.create(RuleBook.builtIn().toBuilder().thresholds(threshold).build())
              .assess(patient, List.of(), NOW)
              .redFlags();

      assertThat(flags)
          .containsExactly(
              new RedFlag(
                  RedFlagKind.POSSIBLE_RHABDOMYOLYSIS,
                  List.of(
                      Fact.about(
                          FactKind.LAB,
                          "Observation/l1",
                          "creatine kinase 500.0 U/L on 2026-11-17, above 200.0 (lab range"
                              + " 30.0-200.0), 2.5 times the upper limit (threshold 2.5)"))));
    }

    @ParameterizedTest
    @EnumSource(RedFlagKind.class)
    void redFlagKind_onlyDvtAndRhabdomyolysisAreUrgent(RedFlagKind kind) {
      assertThat(kind.urgent())
          .isEqualTo(
              kind == RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS
                  || kind == RedFlagKind.POSSIBLE_RHABDOMYOLYSIS);
      assertThat(kind.coding().system()).isEqualTo(CodeSystems.CRAMPCARE_FINDING);
      assertThat(kind.coding().display()).isEqualTo(kind.display());
    }
  }

  @Nested
  class Values {

    @Test
    void findings_withoutFacts_areRejected() {
      assertThatThrownBy(() -> new RedFlag(RedFlagKind.POSSIBLE_CLAUDICATION, List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("redFlag possible-claudication must have a fact");
      assertThatThrownBy(() -> new RiskFactor(RiskFactorKind.DIABETES, List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("riskFactor diabetes must have a fact");
    }

    @Test
    void fact_blankText_isRejected() {
      assertThatThrownBy(() -> Fact.derived(FactKind.PATTERN, " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("fact.text must not be blank");
    }

    @Test
    void riskFactorKind_codingIsInTheFindingSystem() {
      assertThat(RiskFactorKind.LOW_POTASSIUM.coding())
          .isEqualTo(
              new org.crampcare.terminology.Coding(
                  CodeSystems.CRAMPCARE_FINDING, "low-potassium", "Low potassium"));
      assertThat(FactKind.ABSENCE.code()).isEqualTo("absence");
    }

    @Test
    void dateOf_takesTheUtcDate() {
      assertThat(Findings.dateOf(Instant.parse("2026-11-21T23:30:00Z")))
          .isEqualTo(LocalDate.of(2026, 11, 21));
      assertThat(Findings.dateOf(NOW)).isEqualTo(Patients.TODAY);
    }

    @Test
    void labFact_describesTheInterpretation() {
      LabInterpretation k =
          LabInterpretation.of(
              LabResult.of("k1", Analyte.POTASSIUM, 3.1, "mmol/L", LocalDate.of(2026, 11, 2)),
              Patients.TODAY,
              Period.ofMonths(12));

      assertThat(Findings.labFact(k))
          .isEqualTo(
              Fact.about(
                  FactKind.LAB,
                  "k1",
                  "potassium 3.1 mmol/L on 2026-11-02, below 3.5 (adult default range 3.5-5.0)"));
    }
  }

  @Nested
  class ThresholdValidation {

    @Test
    void defaults_areDocumented() {
      Thresholds t = Thresholds.defaults();

      assertThat(t.labMaxAge()).isEqualTo(Period.ofMonths(12));
      assertThat(t.advancedKidneyEgfr()).isEqualTo(30);
      assertThat(t.creatineKinaseUrgentMultiple()).isEqualTo(5);
      assertThat(t.lowFluidLitresPerDay()).isEqualTo(1.5);
      assertThat(t.alcoholUnitsPerWeek()).isEqualTo(14);
      assertThat(t.repetitiveHandWorkHoursPerDay()).isEqualTo(4);
      assertThat(t.sittingHoursPerDay()).isEqualTo(8);
      assertThat(t.disruptiveEpisodes()).isEqualTo(2);
      assertThat(t.adultAge()).isEqualTo(18);
      assertThat(t.patterns()).isEqualTo(PatternSettings.defaults());
    }

    @Test
    void invalidValues_areRejectedNamingTheField() {
      PatternSettings p = PatternSettings.defaults();
      Period y = Period.ofMonths(12);
      assertThatThrownBy(() -> new Thresholds(p, Period.ZERO, 30, 5, 1.5, 14, 4, 8, 2, 18))
          .hasMessage("thresholds.labMaxAge must be positive, got P0D");
      assertThatThrownBy(() -> new Thresholds(p, Period.ofDays(-1), 30, 5, 1.5, 14, 4, 8, 2, 18))
          .hasMessage("thresholds.labMaxAge must be positive, got P-1D");
      assertThatThrownBy(() -> new Thresholds(p, y, 0, 5, 1.5, 14, 4, 8, 2, 18))
          .hasMessage("thresholds.advancedKidneyEgfr must be positive, got 0.0");
      assertThatThrownBy(() -> new Thresholds(p, y, 30, 0.99, 1.5, 14, 4, 8, 2, 18))
          .hasMessage("thresholds.creatineKinaseUrgentMultiple must be at least 1, got 0.99");
      assertThatThrownBy(() -> new Thresholds(p, y, 30, 5, -1, 14, 4, 8, 2, 18))
          .hasMessage("thresholds.lowFluidLitresPerDay must be positive, got -1.0");
      assertThatThrownBy(() -> new Thresholds(p, y, 30, 5, 1.5, 0, 4, 8, 2, 18))
          .hasMessage("thresholds.alcoholUnitsPerWeek must be positive, got 0.0");
      assertThatThrownBy(() -> new Thresholds(p, y, 30, 5, 1.5, 14, 0, 8, 2, 18))
          .hasMessage("thresholds.repetitiveHandWorkHoursPerDay must be positive, got 0.0");
      assertThatThrownBy(() -> new Thresholds(p, y, 30, 5, 1.5, 14, 4, 0, 2, 18))
          .hasMessage("thresholds.sittingHoursPerDay must be positive, got 0.0");
      assertThatThrownBy(() -> new Thresholds(p, y, 30, 5, 1.5, 14, 4, 8, 0, 18))
          .hasMessage("thresholds.disruptiveEpisodes must be at least 1, got 0");
      assertThatThrownBy(() -> new Thresholds(p, y, 30, 5, 1.5, 14, 4, 8, 2, -1))
          .hasMessage("thresholds.adultAge must not be negative, got -1");
    }

    @Test
    void boundaryValues_areAccepted() {
      Thresholds t =
          new Thresholds(
              PatternSettings.defaults(), Period.ofDays(1), 0.1, 1, 0.1, 0.1, 0.1, 0.1, 1, 0);

      assertThat(t.creatineKinaseUrgentMultiple()).isEqualTo(1);
      assertThat(t.adultAge()).isZero();
      assertThat(t.withLabMaxAge(Period.ofMonths(3)).labMaxAge()).isEqualTo(Period.ofMonths(3));
      assertThat(t.withLabMaxAge(Period.ofMonths(3)).advancedKidneyEgfr()).isEqualTo(0.1);
      assertThat(t.withPatterns(PatternSettings.defaults()).disruptiveEpisodes()).isEqualTo(1);
    }
  }

  private static RiskFactor lifestyle(RiskFactorKind kind, String text) {
    return new RiskFactor(kind, List.of(Fact.derived(FactKind.LIFESTYLE, text)));
  }
}
