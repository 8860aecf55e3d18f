package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.testing.Episodes.NOW;
import static org.crampcare.testing.Episodes.anEpisode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.Censoring;
import org.crampcare.lab.LabFlag;
import org.crampcare.lab.LabResult;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.testing.Episodes;
import org.crampcare.testing.Patients;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The ten safety rules of the issue, one {@code @Nested} class per rule, each with at least one
 * test that proves it on the built-in rule book. Assertions name rule ids, facts and reasons, not
 * only codes.
 */
@DisplayName("Safety rules of the built-in rule book")
class SafetyRulesTest {

  private static final Assessor ASSESSOR = Assessor.withBuiltInRules();
  private static final String YESTERDAY = "2026-11-20T10:00:00Z";

  private static Assessment assess(PatientContext patient, CrampEpisode... episodes) {
    return ASSESSOR.assess(patient, List.of(episodes), NOW);
  }

  private static Assessment assess(PatientContext patient, List<CrampEpisode> episodes) {
    return ASSESSOR.assess(patient, episodes, NOW);
  }

  private static Recommendation recommendation(Assessment assessment, String code) {
    return assessment
        .recommendation(code)
        .orElseThrow(
            () ->
                new AssertionError(
                    code + " not recommended; got " + assessment.recommendationCodes()));
  }

  private static Suppression suppression(Assessment assessment, String code) {
    return assessment
        .suppression(code)
        .orElseThrow(() -> new AssertionError(code + " not suppressed"));
  }

  @Nested
  @DisplayName("1. Red flags rank first as urgent-medical-review")
  class Rule1RedFlagsRankFirstAsUrgentMedicalReview {

    @Test
    void assess_calfSwelling_escalatesToUrgentReviewForPossibleDvt() {
      CrampEpisode swollen = anEpisode("e1").calf().with(AssociatedSign.SWELLING).build();

      Assessment assessment = assess(Patients.anAdult().build(), swollen);

      Recommendation first = assessment.recommendations().get(0);
      assertThat(first.code()).isEqualTo("urgent-medical-review");
      assertThat(first.category()).isEqualTo(Category.URGENT);
      assertThat(first.priority()).isEqualTo(Priority.URGENT);
      assertThat(first.ruleIds()).containsExactly("red-flag-deep-vein-thrombosis");
      assertThat(first.facts())
          .containsExactly(
              Fact.about(FactKind.EPISODE, "e1", "calf cramp on " + YESTERDAY + " with swelling"));
      assertThat(first.evidence()).containsExactly(EvidenceCatalog.NICE_CKS);
      assertThat(first.patientText()).contains("deep vein thrombosis");
      assertThat(assessment.redFlags())
          .extracting(r -> r.kind())
          .containsExactly(RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS);
    }

    @Test
    void assess_lowerLegRedness_escalatesToUrgentReviewForPossibleDvt() {
      CrampEpisode red =
          anEpisode("e1").at(BodySite.LOWER_LEG).with(AssociatedSign.REDNESS_WARMTH).build();

      Assessment assessment = assess(Patients.anAdult().build(), red);

      assertThat(assessment.recommendationCodes()).first().isEqualTo("urgent-medical-review");
      assertThat(recommendation(assessment, "urgent-medical-review").facts())
          .extracting(Fact::text)
          .containsExactly("lower-leg cramp on " + YESTERDAY + " with redness or warmth");
    }

    @Test
    void assess_possibleDvt_withholdsMassageAndHeatWithTheReason() {
      CrampEpisode swollen = anEpisode("e1").calf().with(AssociatedSign.SWELLING).build();

      Assessment assessment = assess(Patients.anAdult().build(), swollen);

      assertThat(assessment.recommendationCodes())
          .doesNotContain("massage-affected-muscle", "apply-heat");
      assertThat(suppression(assessment, "massage-affected-muscle").ruleId())
          .isEqualTo("suppress-massage-possible-dvt");
      assertThat(suppression(assessment, "apply-heat").reason())
          .isEqualTo("Heat is withheld while a deep vein thrombosis has not been ruled out.");
    }

    @Test
    void assess_statinUserWithWeakness_escalatesToUrgentReview() {
      PatientContext patient = Patients.anAdult().taking(MedicationClass.STATIN).build();
      CrampEpisode weak = anEpisode("e1").with(AssociatedSign.MUSCLE_WEAKNESS).build();

      Assessment assessment = assess(patient, weak);

      Recommendation first = assessment.recommendations().get(0);
      assertThat(first.code()).isEqualTo("urgent-medical-review");
      assertThat(first.ruleIds()).containsExactly("red-flag-rhabdomyolysis");
      assertThat(first.facts())
          .containsExactly(
              Fact.about(
                  FactKind.EPISODE, "e1", "calf cramp on " + YESTERDAY + " with muscle weakness"),
              Fact.about(FactKind.MEDICATION, "MedicationRequest/m1", "statin tablet (statin)"));
      assertThat(first.evidence()).containsExactly(EvidenceCatalog.MAYO_STATIN_RHABDOMYOLYSIS);
      assertThat(first.patientText()).contains("rhabdomyolysis");
    }

    @Test
    void assess_statinUserWithDarkUrine_escalatesToUrgentReview() {
      PatientContext patient = Patients.anAdult().taking(MedicationClass.STATIN).build();
      CrampEpisode darkUrine = anEpisode("e1").with(AssociatedSign.DARK_URINE).build();

      Assessment assessment = assess(patient, darkUrine);

      assertThat(assessment.recommendationCodes()).first().isEqualTo("urgent-medical-review");
      assertThat(recommendation(assessment, "urgent-medical-review").facts())
          .extracting(Fact::text)
          .containsExactly(
              "calf cramp on " + YESTERDAY + " with dark urine", "statin tablet (statin)");
    }

    @Test
    void assess_weaknessWithoutStatin_isNotUrgentButNeedsAVisit() {
      CrampEpisode weak = anEpisode("e1").with(AssociatedSign.MUSCLE_WEAKNESS).build();

      Assessment assessment = assess(Patients.anAdult().build(), weak);

      assertThat(assessment.recommendationCodes())
          .doesNotContain("urgent-medical-review")
          .contains("clinician-visit");
    }

    @Test
    void assess_creatineKinaseFarAboveTheLabRange_escalatesToUrgentReview() {
      PatientContext patient =
          Patients.anAdult().lab(Analyte.CREATINE_KINASE, 1200, "U/L", 10, 30, 200).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      Recommendation first = assessment.recommendations().get(0);
      assertThat(first.code()).isEqualTo("urgent-medical-review");
      assertThat(first.ruleIds()).containsExactly("red-flag-rhabdomyolysis");
      assertThat(first.facts())
          .containsExactly(
              Fact.about(
                  FactKind.LAB,
                  "Observation/l1",
                  "creatine kinase 1200.0 U/L on 2026-11-11, above 200.0 (lab range 30.0-200.0),"
                      + " 6.0 times the upper limit (threshold 5)"));
    }

    @Test
    void assess_creatineKinaseModeratelyHigh_isFollowedUpButNotUrgent() {
      PatientContext patient =
          Patients.anAdult().lab(Analyte.CREATINE_KINASE, 900, "U/L", 10, 30, 200).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes())
          .doesNotContain("urgent-medical-review")
          .contains("abnormal-lab-follow-up");
    }

    @Test
    void assess_creatineKinaseWithoutAnyRange_isNotJudgedAndIsReportedUnused() {
      PatientContext patient =
          Patients.anAdult().lab(Analyte.CREATINE_KINASE, 5000, "U/L", 10).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("urgent-medical-review");
      assertThat(assessment.unused())
          .containsExactly(
              new UnusedInput(
                  FactKind.LAB,
                  "Observation/l1",
                  "no reference range: the lab gave none and there is no documented adult"
                      + " default for creatine kinase"));
    }

    @Test
    void assess_redFlagsAmongManyOtherRecommendations_stillRankFirst() {
      PatientContext patient =
          Patients.anAdult()
              .taking(MedicationClass.STATIN)
              .taking(MedicationClass.THIAZIDE_DIURETIC)
              .with(ConditionKind.DIABETES)
              .lifestyle(Lifestyle.unknown().withFluidLitresPerDay(0.8).withColdExposure(true))
              .build();
      List<CrampEpisode> episodes = new ArrayList<>(Episodes.spread("f", 14, 28));
      episodes.add(
          anEpisode("dvt").calf().with(AssociatedSign.SWELLING, AssociatedSign.DARK_URINE).build());

      Assessment assessment = assess(patient, episodes);

      assertThat(assessment.recommendations()).hasSizeGreaterThan(8);
      Recommendation first = assessment.recommendations().get(0);
      assertThat(first.code()).isEqualTo("urgent-medical-review");
      assertThat(first.ruleIds())
          .containsExactly("red-flag-deep-vein-thrombosis", "red-flag-rhabdomyolysis");
      assertThat(
              assessment.recommendations().stream()
                  .skip(1)
                  .filter(r -> r.category() == Category.URGENT))
          .isEmpty();
    }
  }

  @Nested
  @DisplayName("2. clinician-visit for warning signs, frequent, persistent or disruptive cramps")
  class Rule2ClinicianVisit {

    @Test
    void assess_muscleWasting_recommendsClinicianVisit() {
      Assessment assessment =
          assess(
              Patients.anAdult().build(),
              anEpisode("e1").with(AssociatedSign.MUSCLE_WASTING).build());

      Recommendation visit = recommendation(assessment, "clinician-visit");
      assertThat(visit.ruleIds()).containsExactly("visit-wasting-or-fasciculations");
      assertThat(visit.facts())
          .containsExactly(
              Fact.about(
                  FactKind.EPISODE, "e1", "calf cramp on " + YESTERDAY + " with muscle wasting"));
      assertThat(assessment.recommendationCodes()).doesNotContain("urgent-medical-review");
    }

    @Test
    void assess_fasciculations_recommendsClinicianVisit() {
      Assessment assessment =
          assess(
              Patients.anAdult().build(),
              anEpisode("e1").hand().with(AssociatedSign.FASCICULATIONS).build());

      Recommendation visit = recommendation(assessment, "clinician-visit");
      assertThat(visit.ruleIds()).containsExactly("visit-wasting-or-fasciculations");
      assertThat(visit.facts())
          .extracting(Fact::text)
          .containsExactly("hand cramp on " + YESTERDAY + " with twitching (fasciculations)");
    }

    @Test
    void assess_numbness_recommendsClinicianVisit() {
      Assessment assessment =
          assess(
              Patients.anAdult().build(),
              anEpisode("e1").with(AssociatedSign.NUMBNESS_TINGLING).build());

      Recommendation visit = recommendation(assessment, "clinician-visit");
      assertThat(visit.ruleIds()).containsExactly("visit-numbness-or-weakness");
      assertThat(visit.facts())
          .extracting(Fact::text)
          .containsExactly("calf cramp on " + YESTERDAY + " with numbness or tingling");
    }

    @Test
    void assess_weakness_recommendsClinicianVisit() {
      Assessment assessment =
          assess(
              Patients.anAdult().build(),
              anEpisode("e1").with(AssociatedSign.MUSCLE_WEAKNESS).build());

      assertThat(recommendation(assessment, "clinician-visit").ruleIds())
          .containsExactly("visit-numbness-or-weakness");
    }

    @Test
    void assess_painOnWalkingThatEasesWithRest_recommendsVisitForPossibleClaudication() {
      Assessment assessment =
          assess(
              Patients.anAdult().build(),
              anEpisode("e1").with(AssociatedSign.PAIN_ON_WALKING_EASES_WITH_REST).build());

      Recommendation visit = recommendation(assessment, "clinician-visit");
      assertThat(visit.ruleIds()).containsExactly("visit-claudication");
      assertThat(visit.rationale()).contains("claudication");
      assertThat(assessment.redFlags())
          .extracting(r -> r.kind())
          .containsExactly(RedFlagKind.POSSIBLE_CLAUDICATION);
    }

    @Test
    void assess_moreThanThreeAWeekOverFourWeeks_recommendsClinicianVisit() {
      Assessment assessment = assess(Patients.anAdult().build(), Episodes.spread("f", 13, 28));

      Recommendation visit = recommendation(assessment, "clinician-visit");
      assertThat(visit.ruleIds()).containsExactly("visit-frequent");
      assertThat(visit.facts())
          .containsExactly(
              Fact.derived(FactKind.PATTERN, "3.3 episodes a week over the last 28 days, above 3"));
      assertThat(visit.evidence()).containsExactly(EvidenceCatalog.AAN_2010);
    }

    @Test
    void assess_exactlyThreeAWeek_isNotFrequent() {
      Assessment assessment = assess(Patients.anAdult().build(), Episodes.spread("f", 12, 28));

      assertThat(assessment.patterns().episodesPerWeek()).isEqualTo(3.0);
      assertThat(assessment.recommendationCodes()).doesNotContain("clinician-visit");
    }

    @Test
    void assess_persistentDespiteMagnesiumWithNormalElectrolytes_recommendsClinicianVisit() {
      PatientContext patient =
          Patients.anAdult()
              .taking(MedicationClass.MAGNESIUM_SUPPLEMENT)
              .normalElectrolytes()
              .build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      Recommendation visit = recommendation(assessment, "clinician-visit");
      assertThat(visit.ruleIds()).containsExactly("visit-persistent-despite-magnesium");
      assertThat(visit.evidence()).containsExactly(EvidenceCatalog.COCHRANE_2020_MAGNESIUM);
      assertThat(visit.facts())
          .extracting(Fact::text)
          .containsExactly(
              "1 episode(s) in the last 28 days",
              "magnesium supplement tablet (magnesium supplement)",
              "potassium 4.2 mmol/L on 2026-11-11, within range (adult default range 3.5-5.0)",
              "sodium 140.0 mmol/L on 2026-11-11, within range (adult default range 135.0-145.0)",
              "total calcium 9.4 mg/dL on 2026-11-11, within range (adult default range"
                  + " 8.497-10.2204)",
              "magnesium 0.85 mmol/L on 2026-11-11, within range (adult default range 0.7-0.91)");
    }

    @Test
    void assess_magnesiumUserWithLowPotassium_isNotTreatedAsPersistentDespiteMagnesium() {
      PatientContext patient =
          Patients.anAdult()
              .taking(MedicationClass.MAGNESIUM_SUPPLEMENT)
              .lab(Analyte.POTASSIUM, 3.1, "mmol/L", 10)
              .lab(Analyte.SODIUM, 140, "mmol/L", 10)
              .lab(Analyte.CALCIUM_TOTAL, 9.4, "mg/dL", 10)
              .lab(Analyte.MAGNESIUM, 0.85, "mmol/L", 10)
              .build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes())
          .doesNotContain("clinician-visit")
          .contains("abnormal-lab-follow-up");
    }

    @Test
    void assess_magnesiumUserWithoutCurrentElectrolytes_isNotTreatedAsPersistent() {
      PatientContext patient =
          Patients.anAdult().taking(MedicationClass.MAGNESIUM_SUPPLEMENT).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("clinician-visit");
    }

    @Test
    void assess_cramps_thatDisturbSleepOrDailyLife_recommendClinicianVisit() {
      Assessment assessment =
          assess(
              Patients.anAdult().build(),
              anEpisode("e1").daysAgo(3).disturbingSleep().build(),
              anEpisode("e2").daysAgo(1).impact(Impact.LIMITED_DAILY_ACTIVITIES).build());

      Recommendation visit = recommendation(assessment, "clinician-visit");
      assertThat(visit.ruleIds()).containsExactly("visit-disruptive");
      assertThat(visit.facts())
          .containsExactly(
              Fact.about(
                  FactKind.EPISODE, "e1", "calf cramp on 2026-11-18T10:00:00Z: disturbed sleep"),
              Fact.about(
                  FactKind.EPISODE,
                  "e2",
                  "calf cramp on " + YESTERDAY + ": limited daily activities"));
    }

    @Test
    void assess_oneDisruptiveEpisode_isBelowTheDefaultThresholdOfTwo() {
      Assessment assessment =
          assess(Patients.anAdult().build(), anEpisode("e1").disturbingSleep().build());

      assertThat(assessment.recommendationCodes()).doesNotContain("clinician-visit");
    }

    @Test
    void assess_plainCramp_needsNoClinicianVisit() {
      Assessment assessment = assess(Patients.anAdult().build(), anEpisode("e1").build());

      assertThat(assessment.recommendationCodes())
          .containsExactly(
              "stretch-affected-muscle",
              "massage-affected-muscle",
              "walk-and-move",
              "apply-heat",
              "regular-stretching");
    }
  }

  @Nested
  @DisplayName("3. Abnormal labs, risk factors without labs, cramp-associated medication")
  class Rule3LabsAndMedicationsLeadToFollowUp {

    @Test
    void assess_lowPotassium_recommendsAbnormalLabFollowUpNamingTheResult() {
      PatientContext patient = Patients.anAdult().lab(Analyte.POTASSIUM, 3.1, "mmol/L", 19).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      Recommendation followUp = recommendation(assessment, "abnormal-lab-follow-up");
      assertThat(followUp.ruleIds()).containsExactly("abnormal-lab-follow-up");
      assertThat(followUp.facts())
          .containsExactly(
              Fact.about(
                  FactKind.LAB,
                  "Observation/l1",
                  "potassium 3.1 mmol/L on 2026-11-02, below 3.5 (adult default range 3.5-5.0)"));
      assertThat(assessment.riskFactors())
          .extracting(r -> r.kind())
          .containsExactly(RiskFactorKind.LOW_POTASSIUM);
    }

    @Test
    void assess_highSodiumAgainstTheLabRange_recommendsAbnormalLabFollowUp() {
      PatientContext patient =
          Patients.anAdult().lab(Analyte.SODIUM, 149, "mmol/L", 5, 136, 146).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(recommendation(assessment, "abnormal-lab-follow-up").facts())
          .extracting(Fact::text)
          .containsExactly(
              "sodium 149.0 mmol/L on 2026-11-16, above 146.0 (lab range 136.0-146.0)");
    }

    @Test
    void assess_abnormalButStaleLab_isNotFollowedUp() {
      PatientContext patient =
          Patients.anAdult().lab(Analyte.POTASSIUM, 3.1, "mmol/L", 400).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("abnormal-lab-follow-up");
      assertThat(assessment.unused()).extracting(UnusedInput::sourceId).contains("Observation/l1");
    }

    @Test
    void assess_diureticWithoutCurrentLabs_recommendsElectrolyteTestingNamingWhatIsMissing() {
      PatientContext patient = Patients.anAdult().taking(MedicationClass.LOOP_DIURETIC).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      Recommendation testing = recommendation(assessment, "electrolyte-testing");
      assertThat(testing.ruleIds()).containsExactly("electrolyte-testing-risk-without-labs");
      assertThat(testing.facts())
          .extracting(Fact::text)
          .containsExactly(
              "loop diuretic tablet (loop diuretic)",
              "no current potassium result (within P12M)",
              "no current sodium result (within P12M)",
              "no current total calcium result (within P12M)",
              "no current magnesium result (within P12M)");
    }

    @Test
    void assess_cirrhosisWithOnlyStaleLabs_recommendsElectrolyteTesting() {
      PatientContext patient =
          Patients.anAdult()
              .with(ConditionKind.CIRRHOSIS)
              .lab(Analyte.POTASSIUM, 4.2, "mmol/L", 500)
              .build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(recommendation(assessment, "electrolyte-testing").facts())
          .extracting(Fact::text)
          .contains("cirrhosis of liver", "no current potassium result (within P12M)");
    }

    @Test
    void assess_diureticWithCurrentNormalElectrolytes_needsNoElectrolyteTesting() {
      PatientContext patient =
          Patients.anAdult().taking(MedicationClass.THIAZIDE_DIURETIC).normalElectrolytes().build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes())
          .doesNotContain("electrolyte-testing", "abnormal-lab-follow-up");
    }

    @Test
    void assess_noRiskFactorAndNoLabs_needsNoElectrolyteTesting() {
      Assessment assessment = assess(Patients.anAdult().build(), anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("electrolyte-testing");
    }

    @Test
    void assess_crampAssociatedMedication_recommendsMedicationReview() {
      PatientContext patient =
          Patients.anAdult().taking(MedicationClass.DIHYDROPYRIDINE_CCB).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      Recommendation review = recommendation(assessment, "medication-review");
      assertThat(review.ruleIds()).containsExactly("medication-review-nice-listed");
      assertThat(review.facts())
          .containsExactly(
              Fact.about(
                  FactKind.MEDICATION,
                  "MedicationRequest/m1",
                  "dihydropyridine calcium channel blocker tablet (dihydropyridine calcium"
                      + " channel blocker)"));
      assertThat(assessment.riskFactors())
          .extracting(r -> r.kind())
          .containsExactly(RiskFactorKind.CRAMP_ASSOCIATED_MEDICATION);
    }
  }

  @Nested
  @DisplayName("4. Never recommend quinine; quinine users get medication-review")
  class Rule4NeverRecommendQuinine {

    @Test
    void assess_quinineUser_getsMedicationReviewCitingTheFdaWarning() {
      PatientContext patient = Patients.anAdult().taking(MedicationClass.QUININE).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      Recommendation review = recommendation(assessment, "medication-review");
      assertThat(review.ruleIds()).containsExactly("medication-review-quinine");
      assertThat(review.evidence()).containsExactly(EvidenceCatalog.FDA_QUININE);
      assertThat(review.facts())
          .containsExactly(
              Fact.about(FactKind.MEDICATION, "MedicationRequest/m1", "quinine tablet (quinine)"));
      assertThat(review.patientText())
          .isEqualTo(TextCatalog.english().get("medication-review.quinine"));
      assertThat(assessment.riskFactors())
          .extracting(r -> r.kind())
          .containsExactly(RiskFactorKind.QUININE_USE);
    }

    @Test
    void assess_quinineUser_isNeverRecommendedQuinine() {
      PatientContext patient = Patients.anAdult().taking(MedicationClass.QUININE).build();

      Assessment assessment = assess(patient, Episodes.spread("f", 20, 28));

      assertThat(assessment.recommendationCodes())
          .allSatisfy(code -> assertThat(code).doesNotContainIgnoringCase("quinine"));
      assertThat(RuleBook.builtIn().definitions().keySet())
          .allSatisfy(code -> assertThat(code).doesNotContainIgnoringCase("quinine"));
    }

    @Test
    void define_codeNamingQuinine_isRejected() {
      RuleBook.Builder builder = RuleBook.builder();
      RecommendationDefinition quinine =
          new RecommendationDefinition(
              "take-quinine-at-night", Category.PREVENTION, Priority.ROUTINE, 1, "Quinine");

      assertThatThrownBy(() -> builder.define(quinine))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "recommendation code 'take-quinine-at-night' is forbidden: CrampCare never"
                  + " recommends quinine (FDA 2010) or magnesium supplements (Cochrane 2020) for"
                  + " cramps");
    }
  }

  @Nested
  @DisplayName("5. No magnesium supplement; dietary magnesium suppressed in advanced CKD")
  class Rule5NoMagnesiumSupplement {

    @Test
    void define_codeNamingAMagnesiumSupplement_isRejected() {
      RecommendationDefinition supplement =
          new RecommendationDefinition(
              "magnesium-supplement", Category.PREVENTION, Priority.ROUTINE, 1, "Mg");

      assertThatThrownBy(() -> RuleBook.builtIn().toBuilder().define(supplement))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("recommendation code 'magnesium-supplement' is forbidden");
    }

    @Test
    void builtInCatalog_hasNoSupplementCodeAndDietaryMagnesiumIsFoodAdviceOnly() {
      assertThat(RuleBook.builtIn().definitions().keySet())
          .allSatisfy(
              code ->
                  assertThat(code.toLowerCase(Locale.ROOT))
                      .doesNotContain("supplement")
                      .doesNotContain("tablet"));
      assertThat(TextCatalog.english().get("dietary-magnesium"))
          .contains("This is food advice only: supplements have not been shown to help cramps");
    }

    @Test
    void assess_lowMagnesium_recommendsDietaryMagnesiumFromFood() {
      PatientContext patient = Patients.anAdult().lab(Analyte.MAGNESIUM, 1.2, "mg/dL", 10).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      Recommendation diet = recommendation(assessment, "dietary-magnesium");
      assertThat(diet.ruleIds()).containsExactly("prevent-dietary-magnesium");
      assertThat(diet.evidence()).containsExactly(EvidenceCatalog.NIH_ODS_MAGNESIUM);
      assertThat(diet.facts())
          .extracting(Fact::text)
          .containsExactly(
              "magnesium 1.2 mg/dL on 2026-11-11, below 1.7015 (adult default range"
                  + " 1.7015-2.212)");
    }

    @Test
    void assess_ckdStage4_suppressesDietaryMagnesiumWithTheReason() {
      PatientContext patient =
          Patients.anAdult().withCkdStage(4).lab(Analyte.MAGNESIUM, 0.5, "mmol/L", 10).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("dietary-magnesium");
      Suppression suppression = suppression(assessment, "dietary-magnesium");
      assertThat(suppression.ruleId())
          .isEqualTo("suppress-dietary-magnesium-advanced-kidney-disease");
      assertThat(suppression.reason())
          .isEqualTo(
              "Magnesium advice is suppressed in advanced kidney disease or dialysis: magnesium"
                  + " accumulates in renal impairment.");
      assertThat(suppression.facts())
          .containsExactly(
              Fact.about(FactKind.CONDITION, "Condition/c1", "chronic kidney disease, stage 4"));
      assertThat(suppression.replacedBy()).isEmpty();
    }

    @Test
    void assess_ckdStage5_suppressesDietaryMagnesium() {
      PatientContext patient =
          Patients.anAdult().withCkdStage(5).taking(MedicationClass.LOOP_DIURETIC).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("dietary-magnesium");
      assertThat(suppression(assessment, "dietary-magnesium").facts())
          .extracting(Fact::text)
          .containsExactly("chronic kidney disease, stage 5");
    }

    @Test
    void assess_egfrBelow30_suppressesDietaryMagnesiumNamingTheResult() {
      PatientContext patient =
          Patients.anAdult().egfr(25).taking(MedicationClass.THIAZIDE_DIURETIC).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("dietary-magnesium");
      assertThat(suppression(assessment, "dietary-magnesium").facts())
          .containsExactly(
              Fact.about(
                  FactKind.LAB,
                  "Observation/l1",
                  "eGFR 25.0 mL/min/{1.73_m2} on 2026-11-11, no reference range known"));
    }

    @Test
    void assess_dialysis_suppressesDietaryMagnesium() {
      PatientContext patient =
          Patients.anAdult()
              .with(ConditionKind.DIALYSIS)
              .lifestyle(Lifestyle.unknown().withAlcoholUnitsPerWeek(30))
              .build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("dietary-magnesium");
      assertThat(suppression(assessment, "dietary-magnesium").facts())
          .extracting(Fact::text)
          .containsExactly("dependence on dialysis");
    }

    @Test
    void assess_ckdStage3_keepsDietaryMagnesium() {
      PatientContext patient =
          Patients.anAdult().withCkdStage(3).egfr(45).taking(MedicationClass.LAXATIVE).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).contains("dietary-magnesium");
      assertThat(assessment.suppression("dietary-magnesium")).isEmpty();
    }
  }

  @Nested
  @DisplayName("6. hydration suppressed and replaced by discuss-fluid-targets")
  class Rule6HydrationReplacedByFluidTargets {

    private final Lifestyle lowFluid = Lifestyle.unknown().withFluidLitresPerDay(1.0);

    @Test
    void assess_lowFluidIntake_recommendsHydration() {
      Assessment assessment =
          assess(Patients.anAdult().lifestyle(lowFluid).build(), anEpisode("e1").build());

      Recommendation hydration = recommendation(assessment, "hydration");
      assertThat(hydration.facts())
          .containsExactly(Fact.derived(FactKind.LIFESTYLE, "fluid intake 1 L a day, below 1.5 L"));
      assertThat(hydration.evidence()).containsExactly(EvidenceCatalog.GENERAL_SELF_CARE);
      assertThat(assessment.recommendationCodes()).doesNotContain("discuss-fluid-targets");
    }

    @Test
    void assess_heartFailure_replacesHydrationWithDiscussFluidTargets() {
      PatientContext patient =
          Patients.anAdult().with(ConditionKind.HEART_FAILURE).lifestyle(lowFluid).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes())
          .doesNotContain("hydration")
          .contains("discuss-fluid-targets");
      Suppression suppression = suppression(assessment, "hydration");
      assertThat(suppression.ruleId()).isEqualTo("suppress-hydration-heart-failure");
      assertThat(suppression.reason()).startsWith("Fluid advice is suppressed in heart failure");
      assertThat(suppression.replacedBy()).contains("discuss-fluid-targets");
      Recommendation targets = recommendation(assessment, "discuss-fluid-targets");
      assertThat(targets.ruleIds()).containsExactly("suppress-hydration-heart-failure");
      assertThat(targets.category()).isEqualTo(Category.CLINICAL_FOLLOW_UP);
      assertThat(targets.facts())
          .containsExactly(
              Fact.about(FactKind.CONDITION, "Condition/c1", "heart failure"),
              Fact.derived(FactKind.LIFESTYLE, "fluid intake 1 L a day, below 1.5 L"));
      assertThat(targets.patientText())
          .isEqualTo(TextCatalog.english().get("discuss-fluid-targets"));
    }

    @Test
    void assess_ckdStage4_replacesHydrationWithDiscussFluidTargets() {
      PatientContext patient = Patients.anAdult().withCkdStage(4).lifestyle(lowFluid).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes())
          .doesNotContain("hydration")
          .contains("discuss-fluid-targets");
      assertThat(suppression(assessment, "hydration").ruleId())
          .isEqualTo("suppress-hydration-advanced-kidney-disease");
    }

    @Test
    void assess_dialysisWithExerciseCramps_replacesHydrationWithDiscussFluidTargets() {
      PatientContext patient = Patients.anAdult().with(ConditionKind.DIALYSIS).build();
      CrampEpisode exercise =
          anEpisode("e1").in(org.crampcare.episode.Setting.DURING_EXERCISE).build();

      Assessment assessment = assess(patient, exercise);

      assertThat(assessment.recommendationCodes())
          .doesNotContain("hydration")
          .contains("discuss-fluid-targets");
      assertThat(suppression(assessment, "hydration").facts())
          .extracting(Fact::text)
          .containsExactly("dependence on dialysis");
    }
  }

  @Nested
  @DisplayName("7. apply-heat carries caution-burn-risk with reduced sensation")
  class Rule7HeatCarriesBurnRiskCaution {

    @Test
    void assess_diabetes_attachesBurnRiskCautionToHeat() {
      PatientContext patient = Patients.anAdult().with(ConditionKind.DIABETES).build();

      Recommendation heat = recommendation(assess(patient, anEpisode("e1").build()), "apply-heat");

      assertThat(heat.cautions()).hasSize(1);
      Caution caution = heat.cautions().get(0);
      assertThat(caution.code()).isEqualTo("caution-burn-risk");
      assertThat(caution.ruleId()).isEqualTo("caution-heat-reduced-sensation");
      assertThat(caution.facts())
          .containsExactly(Fact.about(FactKind.CONDITION, "Condition/c1", "diabetes mellitus"));
      assertThat(caution.text()).startsWith("Take care with heat");
    }

    @Test
    void assess_neuropathy_attachesBurnRiskCautionToHeat() {
      PatientContext patient = Patients.anAdult().with(ConditionKind.NEUROPATHY).build();

      Recommendation heat = recommendation(assess(patient, anEpisode("e1").build()), "apply-heat");

      assertThat(heat.hasCaution("caution-burn-risk")).isTrue();
    }

    @Test
    void assess_numbness_attachesBurnRiskCautionToHeat() {
      CrampEpisode numb = anEpisode("e1").with(AssociatedSign.NUMBNESS_TINGLING).build();

      Recommendation heat = recommendation(assess(Patients.anAdult().build(), numb), "apply-heat");

      assertThat(heat.cautions())
          .singleElement()
          .satisfies(
              c ->
                  assertThat(c.facts())
                      .extracting(Fact::text)
                      .containsExactly(
                          "calf cramp on " + YESTERDAY + " with numbness or tingling"));
    }

    @Test
    void assess_normalSensation_heatHasNoCaution() {
      Recommendation heat =
          recommendation(assess(Patients.anAdult().build(), anEpisode("e1").build()), "apply-heat");

      assertThat(heat.cautions()).isEmpty();
      assertThat(heat.hasCaution("caution-burn-risk")).isFalse();
    }
  }

  @Nested
  @DisplayName("8. Under 18: no plan and an adults-only notice")
  class Rule8AdultsOnly {

    @Test
    void assess_seventeenYearOld_getsNoPlanAndTheAdultsOnlyNotice() {
      PatientContext teen = Patients.aged(17).taking(MedicationClass.QUININE).build();
      CrampEpisode swollen = anEpisode("e1").with(AssociatedSign.SWELLING).build();

      Assessment assessment = assess(teen, swollen);

      assertThat(assessment.recommendations()).isEmpty();
      assertThat(assessment.suppressed()).isEmpty();
      assertThat(assessment.ageYears()).isEqualTo(17);
      assertThat(assessment.notices())
          .containsExactly(
              new Notice(
                  Notice.Kind.ADULTS_ONLY,
                  "CrampCare's rule book covers adults (18 and over) only, so no plan was made."
                      + " Please ask a doctor or nurse about cramps in children and young"
                      + " people."));
    }

    @Test
    void assess_dayBeforeEighteenthBirthday_isStillAChild() {
      PatientContext teen = Patients.bornOn(Patients.TODAY.minusYears(18).plusDays(1)).build();

      Assessment assessment = assess(teen, anEpisode("e1").build());

      assertThat(assessment.ageYears()).isEqualTo(17);
      assertThat(assessment.recommendations()).isEmpty();
      assertThat(assessment.notices())
          .extracting(Notice::kind)
          .containsExactly(Notice.Kind.ADULTS_ONLY);
    }

    @Test
    void assess_onEighteenthBirthday_getsAPlan() {
      PatientContext adult = Patients.bornOn(Patients.TODAY.minusYears(18)).build();

      Assessment assessment = assess(adult, anEpisode("e1").build());

      assertThat(assessment.ageYears()).isEqualTo(18);
      assertThat(assessment.recommendations()).isNotEmpty();
      assertThat(assessment.notices()).isEmpty();
    }

    @Test
    void assess_pregnantTeen_listsAdultsOnlyNoticeFirst() {
      PatientContext teen = Patients.aged(16).pregnant().build();

      Assessment assessment = assess(teen, anEpisode("e1").build());

      assertThat(assessment.notices())
          .extracting(Notice::kind)
          .containsExactly(Notice.Kind.ADULTS_ONLY, Notice.Kind.PREGNANCY);
      assertThat(assessment.recommendations()).isEmpty();
    }
  }

  @Nested
  @DisplayName("9. Pregnancy: no medication advice; frequent cramps go to the maternity clinician")
  class Rule9Pregnancy {

    @Test
    void assess_pregnantWithCrampAssociatedMedication_getsNoMedicationReview() {
      PatientContext patient =
          Patients.anAdult().pregnant().taking(MedicationClass.BETA2_AGONIST).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("medication-review");
      Suppression suppression = suppression(assessment, "medication-review");
      assertThat(suppression.ruleId()).isEqualTo("suppress-medication-review-pregnancy");
      assertThat(suppression.reason())
          .isEqualTo(
              "No medication advice in pregnancy: medicines are for the maternity clinician to"
                  + " review.");
      assertThat(suppression.replacedBy()).contains("clinician-visit");
      Recommendation visit = recommendation(assessment, "clinician-visit");
      assertThat(visit.ruleIds()).containsExactly("suppress-medication-review-pregnancy");
      assertThat(visit.patientText())
          .isEqualTo(TextCatalog.english().get("clinician-visit.maternity"));
      assertThat(visit.facts())
          .extracting(Fact::text)
          .containsExactly("pregnant", "beta-2 agonist tablet (beta-2 agonist)");
      assertThat(assessment.notices())
          .extracting(Notice::kind)
          .containsExactly(Notice.Kind.PREGNANCY);
    }

    @Test
    void assess_pregnantQuinineUser_isSentToTheMaternityClinicianNotToAMedicationReview() {
      PatientContext patient =
          Patients.anAdult().pregnant().taking(MedicationClass.QUININE).build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("medication-review");
      assertThat(recommendation(assessment, "clinician-visit").patientText())
          .isEqualTo(TextCatalog.english().get("clinician-visit.maternity"));
    }

    @Test
    void assess_pregnantWithFrequentCramps_goesToTheMaternityClinician() {
      PatientContext patient = Patients.anAdult().pregnant().build();

      Assessment assessment = assess(patient, Episodes.spread("f", 16, 28));

      Recommendation visit = recommendation(assessment, "clinician-visit");
      assertThat(visit.ruleIds()).containsExactly("visit-frequent-pregnancy");
      assertThat(visit.patientText())
          .isEqualTo(TextCatalog.english().get("clinician-visit.maternity"))
          .contains("midwife");
      assertThat(visit.evidence()).containsExactly(EvidenceCatalog.CRAMPCARE_SAFETY);
      assertThat(visit.facts())
          .extracting(Fact::text)
          .containsExactly("4.0 episodes a week over the last 28 days, above 3", "pregnant");
    }

    @Test
    void assess_pregnantWithOccasionalCramps_getsSelfCareOnly() {
      PatientContext patient = Patients.anAdult().pregnant().build();

      Assessment assessment = assess(patient, anEpisode("e1").build());

      assertThat(assessment.recommendations())
          .allSatisfy(r -> assertThat(r.category()).isNotEqualTo(Category.CLINICAL_FOLLOW_UP));
    }
  }

  @Nested
  @DisplayName("10. No cramp, no self-care plan; red flags still stand")
  class Rule10NoCrampNoSelfCarePlan {

    @Test
    void assess_noEpisodesButCreatineKinaseFlaggedCritical_givesUrgentReviewOnly() {
      PatientContext patient =
          Patients.anAdult()
              .taking(MedicationClass.STATIN)
              .lab(
                  LabResult.of(
                          "Observation/ck",
                          Analyte.CREATINE_KINASE,
                          20000,
                          "U/L",
                          Patients.TODAY.minusDays(1))
                      .censored(Censoring.ABOVE)
                      .flagged(LabFlag.CRITICAL_HIGH))
              .build();

      Assessment assessment = assess(patient, List.of());

      assertThat(assessment.recommendationCodes()).containsExactly("urgent-medical-review");
      assertThat(assessment.redFlags())
          .extracting(RedFlag::kind)
          .contains(RedFlagKind.POSSIBLE_RHABDOMYOLYSIS);
      assertThat(assessment.notices())
          .extracting(Notice::kind)
          .containsExactly(Notice.Kind.NO_RECENT_EPISODES);
    }

    @Test
    void assess_noEpisodesButKnownActiveDvt_givesUrgentReviewAndNoMassageOrHeat() {
      PatientContext patient = Patients.anAdult().with(ConditionKind.DEEP_VEIN_THROMBOSIS).build();

      Assessment assessment = assess(patient, List.of());

      assertThat(assessment.recommendationCodes())
          .containsExactly("urgent-medical-review")
          .doesNotContain("massage-affected-muscle", "apply-heat");
    }

    @Test
    void assess_noEpisodes_makesNoRecommendationsAndSaysWhy() {
      PatientContext patient =
          Patients.anAdult()
              .taking(MedicationClass.QUININE)
              .with(ConditionKind.HEART_FAILURE)
              .lab(Analyte.POTASSIUM, 2.9, "mmol/L", 3)
              .build();

      Assessment assessment = assess(patient, List.of());

      assertThat(assessment.recommendations()).isEmpty();
      assertThat(assessment.suppressed()).isEmpty();
      assertThat(assessment.notices())
          .containsExactly(
              new Notice(
                  Notice.Kind.NO_RECENT_EPISODES,
                  "No usable cramp episode was recorded in the assessment window, so no self-care"
                      + " or prevention plan was made; red flags and the advice they call for still"
                      + " stand."));
      assertThat(assessment.riskFactors()).isNotEmpty();
    }

    @Test
    void assess_swellingFoundAtExamOnAnotherDay_isPossibleDvtAndWithholdsMassageAndHeat() {
      CrampEpisode cramp = anEpisode("e1").daysAgo(3).build();
      SignFinding swelling =
          SignFinding.observed(
                  "Observation/exam",
                  AssociatedSign.SWELLING,
                  Episodes.NOW.minus(Duration.ofDays(1)))
              .at(BodySite.CALF);

      Assessment assessment = assess(Patients.anAdult().finding(swelling).build(), cramp);

      assertThat(assessment.recommendationCodes())
          .contains("urgent-medical-review")
          .doesNotContain("massage-affected-muscle", "apply-heat");
      assertThat(assessment.redFlags().get(0).facts())
          .extracting(Fact::sourceId)
          .contains(Optional.of("Observation/exam"));
    }

    @Test
    void assess_onlyEpisodesBeforeTheWindow_makesNoRecommendationsAndReportsThemUnused() {
      CrampEpisode old = anEpisode("old").daysAgo(40).with(AssociatedSign.SWELLING).build();

      Assessment assessment = assess(Patients.anAdult().build(), old);

      assertThat(assessment.recommendations()).isEmpty();
      assertThat(assessment.redFlags()).isEmpty();
      assertThat(assessment.notices())
          .extracting(Notice::kind)
          .containsExactly(Notice.Kind.NO_RECENT_EPISODES);
      assertThat(assessment.unused())
          .containsExactly(
              new UnusedInput(
                  FactKind.EPISODE,
                  "old",
                  "started before the 28-day window: counted in no pattern or rule"));
    }
  }

  @Test
  void assess_episodeLongerThanAMinute_isStillOneEpisode() {
    CrampEpisode longOne = anEpisode("e1").lasting(Duration.ofMinutes(30)).build();

    Assessment assessment = assess(Patients.anAdult().build(), longOne);

    assertThat(assessment.patterns().longestEpisodeId()).isEqualTo(Optional.of("e1"));
    assertThat(assessment.patterns().episodeCount()).isEqualTo(1);
  }
}
