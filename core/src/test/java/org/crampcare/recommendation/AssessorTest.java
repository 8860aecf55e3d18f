package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.testing.Episodes.NOW;
import static org.crampcare.testing.Episodes.anEpisode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.testing.Patients;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AssessorTest {

  private static final Assessor ASSESSOR = Assessor.withBuiltInRules();

  @Nested
  class RejectedInput {

    @Test
    void assess_onsetInTheFuture_isRejectedNamingEpisodeAndTimes() {
      CrampEpisode future = anEpisode("e9").onset(NOW.plusSeconds(60)).build();

      assertThatThrownBy(() -> ASSESSOR.assess(Patients.anAdult().build(), List.of(future), NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "episode e9: onset 2026-11-21T10:01:00Z is after the assessment time"
                  + " 2026-11-21T10:00:00Z; expected an onset that is not in the future");
    }

    @Test
    void assess_onsetAtTheAssessmentTime_isAccepted() {
      CrampEpisode now = anEpisode("e1").onset(NOW).build();

      assertThat(
              ASSESSOR
                  .assess(Patients.anAdult().build(), List.of(now), NOW)
                  .patterns()
                  .episodeCount())
          .isEqualTo(1);
    }

    @Test
    void assess_duplicateEpisodeIds_areRejected() {
      List<CrampEpisode> twice =
          List.of(anEpisode("e1").daysAgo(1).build(), anEpisode("e1").daysAgo(2).build());

      assertThatThrownBy(() -> ASSESSOR.assess(Patients.anAdult().build(), twice, NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("episodes: id 'e1' appears more than once");
    }

    @Test
    void assess_birthDateAfterTheAssessmentDate_isRejected() {
      PatientContext unborn = Patients.bornOn(LocalDate.of(2026, 11, 22)).build();

      assertThatThrownBy(() -> ASSESSOR.assess(unborn, List.of(), NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "patient.birthDate 2026-11-22 is after the assessment date 2026-11-21; expected a"
                  + " birth date in the past");
    }

    @Test
    void assess_bornOnTheAssessmentDate_isAZeroYearOld() {
      Assessment assessment =
          ASSESSOR.assess(Patients.bornOn(Patients.TODAY).build(), List.of(), NOW);

      assertThat(assessment.ageYears()).isZero();
      assertThat(assessment.notices())
          .extracting(Notice::kind)
          .containsExactly(Notice.Kind.ADULTS_ONLY);
    }

    @Test
    void assess_datesAreTakenInUtc() {
      Instant lateEvening = Instant.parse("2026-11-21T23:30:00Z");
      PatientContext patient = Patients.anAdult().lab(Analyte.POTASSIUM, 3.0, "mmol/L", -1).build();

      Assessment assessment =
          ASSESSOR.assess(patient, List.of(anEpisode("e1").build()), lateEvening);

      assertThat(assessment.unused())
          .extracting(UnusedInput::reason)
          .containsExactly("dated 2026-11-22, after the assessment date 2026-11-21");
    }
  }

  @Nested
  class UnusedInputIsReported {

    @Test
    void assess_staleFutureAndUnjudgedLabsAndOldEpisodes_areAllReportedInOrder() {
      PatientContext patient =
          Patients.anAdult()
              .lab(Analyte.POTASSIUM, 3.0, "mmol/L", 400)
              .lab(Analyte.SODIUM, 140, "mmol/L", -4)
              .lab(Analyte.TSH, 3.1, "m[IU]/L", 20)
              .egfr(55)
              .lab(Analyte.MAGNESIUM, 0.8, "mmol/L", 5)
              .build();
      List<CrampEpisode> episodes =
          List.of(
              anEpisode("recent").daysAgo(1).build(),
              anEpisode("old-b").daysAgo(35).build(),
              anEpisode("old-a").daysAgo(60).build());

      Assessment assessment = ASSESSOR.assess(patient, episodes, NOW);

      assertThat(assessment.unused())
          .containsExactly(
              new UnusedInput(
                  FactKind.LAB,
                  "Observation/l1",
                  "dated 2025-10-17, older than P12M before 2026-11-21: not current evidence"),
              new UnusedInput(
                  FactKind.LAB,
                  "Observation/l2",
                  "dated 2026-11-25, after the assessment date 2026-11-21"),
              new UnusedInput(
                  FactKind.LAB,
                  "Observation/l3",
                  "no reference range: the lab gave none and there is no documented adult"
                      + " default for TSH"),
              new UnusedInput(
                  FactKind.EPISODE,
                  "old-a",
                  "started before the 28-day window: counted in no pattern or rule"),
              new UnusedInput(
                  FactKind.EPISODE,
                  "old-b",
                  "started before the 28-day window: counted in no pattern or rule"));
      assertThat(assessment.labs())
          .extracting(l -> l.result().id())
          .containsExactly(
              "Observation/l1",
              "Observation/l2",
              "Observation/l3",
              "Observation/l4",
              "Observation/l5");
    }
  }

  @Nested
  class Ordering {

    @Test
    void recommendations_areOrderedByCategoryThenPriorityThenRank() {
      PatientContext patient =
          Patients.anAdult()
              .taking(MedicationClass.STATIN)
              .taking(MedicationClass.LOOP_DIURETIC)
              .with(ConditionKind.HYPOTHYROIDISM)
              .build();
      CrampEpisode episode =
          anEpisode("e1")
              .hand()
              .with(AssociatedSign.MUSCLE_WEAKNESS)
              .in(org.crampcare.episode.Setting.DURING_EXERCISE)
              .build();

      Assessment assessment = ASSESSOR.assess(patient, List.of(episode), NOW);

      assertThat(assessment.recommendationCodes())
          .containsExactly(
              "urgent-medical-review",
              "clinician-visit",
              "medication-review",
              "electrolyte-testing",
              "underlying-condition-review",
              "stretch-affected-muscle",
              "massage-affected-muscle",
              "apply-heat",
              "regular-stretching",
              "hydration",
              "hand-strengthening-exercises",
              "gradual-exercise-progression",
              "dietary-magnesium");
      Recommendation review = assessment.recommendation("medication-review").orElseThrow();
      assertThat(review.ruleIds())
          .containsExactly("medication-review-nice-listed", "medication-review-statin");
      assertThat(review.rationale())
          .isEqualTo(
              "Diuretics, salbutamol and other beta-2 agonists, and nifedipine are"
                  + " cramp-associated drugs. Statins cause muscle symptoms including cramping;"
                  + " the dose and interacting drugs should be reviewed.");
      assertThat(review.evidence())
          .containsExactly(EvidenceCatalog.NICE_CKS, EvidenceCatalog.MAYO_STATIN_RHABDOMYOLYSIS);
      assertThat(review.patientText()).isEqualTo(TextCatalog.english().get("medication-review"));
    }

    @Test
    void ownCodesInTheSameRank_areOrderedByCode() {
      RuleBook book =
          RuleBook.builder()
              .define(
                  new RecommendationDefinition(
                      "b-advice", Category.PREVENTION, Priority.ROUTINE, 1, "B"))
              .define(
                  new RecommendationDefinition(
                      "a-advice", Category.PREVENTION, Priority.ROUTINE, 1, "A"))
              .define(
                  new RecommendationDefinition(
                      "c-advice", Category.PREVENTION, Priority.SOON, 9, "C"))
              .define(
                  new RecommendationDefinition(
                      "d-advice", Category.IMMEDIATE_RELIEF, Priority.ROUTINE, 9, "D"))
              .add(
                  RecommendRule.of(
                      "rb",
                      "b-advice",
                      Criteria.anyEpisode(),
                      "B.",
                      EvidenceCatalog.GENERAL_SELF_CARE))
              .add(
                  RecommendRule.of(
                      "ra",
                      "a-advice",
                      Criteria.anyEpisode(),
                      "A.",
                      EvidenceCatalog.GENERAL_SELF_CARE))
              .add(
                  RecommendRule.of(
                      "rc",
                      "c-advice",
                      Criteria.anyEpisode(),
                      "C.",
                      EvidenceCatalog.GENERAL_SELF_CARE))
              .add(
                  RecommendRule.of(
                      "rd",
                      "d-advice",
                      Criteria.anyEpisode(),
                      "D.",
                      EvidenceCatalog.GENERAL_SELF_CARE))
              .texts(
                  TextCatalog.english()
                      .with(
                          java.util.Locale.ENGLISH,
                          java.util.Map.of(
                              "a-advice", "A", "b-advice", "B", "c-advice", "C", "d-advice", "D")))
              .build();

      Assessment assessment =
          Assessor.create(book)
              .assess(Patients.anAdult().build(), List.of(anEpisode("e1").build()), NOW);

      assertThat(assessment.recommendationCodes())
          .containsExactly("d-advice", "c-advice", "a-advice", "b-advice");
    }

    @Test
    void twoUrgentReasons_joinBothTextsInRuleOrder() {
      PatientContext patient = Patients.anAdult().taking(MedicationClass.STATIN).build();
      CrampEpisode episode =
          anEpisode("e1").calf().with(AssociatedSign.SWELLING, AssociatedSign.DARK_URINE).build();

      Recommendation urgent =
          ASSESSOR
              .assess(patient, List.of(episode), NOW)
              .recommendation("urgent-medical-review")
              .orElseThrow();

      assertThat(urgent.patientText())
          .isEqualTo(
              TextCatalog.english().get("urgent-medical-review.dvt")
                  + " "
                  + TextCatalog.english().get("urgent-medical-review.rhabdomyolysis"));
    }
  }

  @Nested
  class WhatRulesSee {

    @Test
    void evaluation_exposesEverythingDerived() {
      PatientContext patient =
          Patients.anAdult()
              .with(ConditionKind.DIABETES)
              .lab(Analyte.POTASSIUM, 3.0, "mmol/L", 2)
              .build();
      CrampEpisode swollen = anEpisode("e1").with(AssociatedSign.SWELLING).build();

      Assessor assessor = Assessor.withBuiltInRules();
      Evaluation e = assessor.evaluation(patient, List.of(swollen), NOW);
      assertThat(e.patient()).isEqualTo(patient);
      assertThat(e.asOf()).isEqualTo(NOW);
      assertThat(e.asOfDate()).isEqualTo(Patients.TODAY);
      assertThat(e.ageYears()).isEqualTo(50);
      assertThat(e.episodes()).containsExactly(swollen);
      assertThat(e.patterns().episodeCount()).isEqualTo(1);
      assertThat(e.labs()).extracting(LabInterpretation::current).containsExactly(true);
      assertThat(e.riskFactor(RiskFactorKind.DIABETES)).isPresent();
      assertThat(e.riskFactor(RiskFactorKind.HEART_FAILURE)).isEmpty();
      assertThat(e.redFlag(RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS)).isPresent();
      assertThat(e.redFlag(RedFlagKind.POSSIBLE_CLAUDICATION)).isEmpty();
      assertThat(e.riskFactors()).hasSize(2);
      assertThat(e.redFlags()).hasSize(1);
      assertThat(e.thresholds()).isEqualTo(assessor.ruleBook().thresholds());
    }

    @Test
    void criteria_combinators_holdAndCollectFacts() {
      Evaluation e =
          Assessor.withBuiltInRules()
              .evaluation(
                  Patients.anAdult().with(ConditionKind.DIABETES).build(),
                  List.of(anEpisode("e1").build()),
                  NOW);
      Criterion episode = Criteria.anyEpisode();
      Criterion diabetes = Criteria.riskFactor(RiskFactorKind.DIABETES);
      Criterion no = Criteria.frequent();
      Fact p = episode.test(e).orElseThrow().get(0);
      Fact d = diabetes.test(e).orElseThrow().get(0);

      assertThat(Criteria.allOf(episode, diabetes, episode).test(e)).contains(List.of(p, d));
      assertThat(Criteria.allOf(episode, no).test(e)).isEmpty();
      assertThat(Criteria.anyOf(no, diabetes, episode).test(e)).contains(List.of(d, p));
      assertThat(Criteria.anyOf(no, no).test(e)).isEmpty();
      assertThat(Criteria.not(no).test(e)).contains(List.of());
      assertThat(Criteria.not(episode).test(e)).isEmpty();
      assertThat(Criteria.allOf(episode, Criteria.not(no)).description())
          .isEqualTo("(any episode in the window and not frequent cramps)");
      assertThat(Criteria.anyOf(diabetes, no).description())
          .isEqualTo("(risk factor diabetes or frequent cramps)");
      assertThat(Criteria.abnormalLab(Analyte.POTASSIUM).test(e)).isEmpty();
      assertThat(Criteria.electrolytesNormal().test(e)).isEmpty();
      assertThat(Criteria.missingCurrentElectrolytes().test(e)).isPresent();
      assertThat(Criteria.frequent().test(e)).isEmpty();
      assertThat(Criteria.disruptive().test(e)).isEmpty();
      assertThat(Criteria.pregnant().test(e)).isEmpty();
      assertThat(Criteria.riskFactor(RiskFactorKind.PREGNANCY)).isEqualTo(Criteria.pregnant());
      assertThat(Criteria.episodeWithSign(AssociatedSign.SWELLING).test(e)).isEmpty();
      assertThat(Criteria.episodeInSetting(org.crampcare.episode.Setting.AT_REST).test(e))
          .isEmpty();
      assertThat(Criteria.episodeInRegion(org.crampcare.episode.BodySite.Region.HAND).test(e))
          .isEmpty();
      assertThat(Criteria.episodeInRegion(org.crampcare.episode.BodySite.Region.LEG).test(e))
          .contains(
              List.of(
                  Fact.about(
                      FactKind.EPISODE,
                      "e1",
                      "calf cramp on 2026-11-20T10:00:00Z, severity 5/10")));
    }

    @Test
    void electrolytesNormal_needsEveryGroupCurrentAndNormal() {
      List<String> seen = new ArrayList<>();
      Criterion normal = Criteria.electrolytesNormal();
      Assessor spied = Assessor.withBuiltInRules();
      List<CrampEpisode> one = List.of(anEpisode("e1").build());
      /** What the rules see, checked against the criterion. */
      interface Check {
        void assess(PatientContext patient, List<CrampEpisode> episodes, Instant asOf);
      }
      Check assessor =
          (patient, episodes, asOf) ->
              seen.add(
                  normal.test(spied.evaluation(patient, episodes, asOf)).isPresent()
                      ? "normal"
                      : "not");

      assessor.assess(Patients.anAdult().normalElectrolytes().build(), one, NOW);
      assessor.assess(
          Patients.anAdult()
              .lab(Analyte.POTASSIUM, 4.2, "mmol/L", 10)
              .lab(Analyte.SODIUM, 140, "mmol/L", 10)
              .lab(Analyte.CALCIUM_IONIZED, 1.2, "mmol/L", 10)
              .lab(Analyte.MAGNESIUM, 0.8, "mmol/L", 10)
              .build(),
          one,
          NOW);
      assessor.assess(
          Patients.anAdult()
              .lab(Analyte.POTASSIUM, 4.2, "mmol/L", 10)
              .lab(Analyte.SODIUM, 140, "mmol/L", 10)
              .lab(Analyte.MAGNESIUM, 0.8, "mmol/L", 10)
              .build(),
          one,
          NOW);
      assessor.assess(
          Patients.anAdult()
              .normalElectrolytes()
              .lab(Analyte.CALCIUM_IONIZED, 1.5, "mmol/L", 3)
              .build(),
          one,
          NOW);

      assertThat(seen).containsExactly("normal", "normal", "not", "not");
    }

    @Test
    void missingCurrentElectrolytes_countsEitherCalciumAndIgnoresUnjudgedResults() {
      RuleBook book = RuleBook.builtIn();
      PatientContext ionized =
          Patients.anAdult()
              .taking(MedicationClass.LOOP_DIURETIC)
              .lab(Analyte.POTASSIUM, 4.2, "mmol/L", 10)
              .lab(Analyte.SODIUM, 140, "mmol/L", 10)
              .lab(Analyte.CALCIUM_IONIZED, 1.2, "mmol/L", 10)
              .lab(Analyte.MAGNESIUM, 0.8, "mmol/L", 10)
              .build();
      PatientContext onlyPotassium =
          Patients.anAdult()
              .taking(MedicationClass.LOOP_DIURETIC)
              .lab(Analyte.POTASSIUM, 4.2, "mmol/L", 10)
              .build();

      assertThat(
              Assessor.create(book)
                  .assess(ionized, List.of(anEpisode("e1").build()), NOW)
                  .recommendationCodes())
          .doesNotContain("electrolyte-testing");
      assertThat(
              Assessor.create(book)
                  .assess(onlyPotassium, List.of(anEpisode("e1").build()), NOW)
                  .recommendation("electrolyte-testing")
                  .orElseThrow()
                  .facts())
          .extracting(Fact::text)
          .containsExactly(
              "loop diuretic tablet (loop diuretic)",
              "no current sodium result (within P12M)",
              "no current total calcium result (within P12M)",
              "no current magnesium result (within P12M)");
    }
  }

  @Test
  void assessment_listsAreImmutableAndLookupsWork() {
    Assessment assessment =
        ASSESSOR.assess(Patients.anAdult().build(), List.of(anEpisode("e1").build()), NOW);

    assertThat(assessment.asOf()).isEqualTo(NOW);
    assertThat(assessment.patientId()).contains("patient-1");
    assertThat(assessment.recommendation("no-such-code")).isEmpty();
    assertThat(assessment.suppression("no-such-code")).isEmpty();
    assertThatThrownBy(() -> assessment.recommendations().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> assessment.unused().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
