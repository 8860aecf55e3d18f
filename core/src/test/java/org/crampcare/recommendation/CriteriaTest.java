package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.testing.Episodes.NOW;
import static org.crampcare.testing.Episodes.anEpisode;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.pattern.EpisodePatterns;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.risk.Thresholds;
import org.crampcare.testing.Episodes;
import org.crampcare.testing.Patients;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each built-in criterion on a hand-made {@link Evaluation}: when it holds and which facts. */
class CriteriaTest {

  private static final String YESTERDAY = "2026-11-20T10:00:00Z";

  private static Evaluation evaluation(PatientContext patient, CrampEpisode... episodes) {
    Thresholds t = Thresholds.defaults();
    LocalDate today = Patients.TODAY;
    List<CrampEpisode> window = EpisodePatterns.inWindow(List.of(episodes), NOW, t.patterns());
    EpisodePatterns patterns = EpisodePatterns.of(window, NOW, t.patterns());
    List<LabInterpretation> labs =
        patient.labs().stream().map(l -> LabInterpretation.of(l, today, t.labMaxAge())).toList();
    Evaluation e =
        new Evaluation(
            patient, NOW, patient.ageOn(today), window, patterns, labs, t, patient.findings());
    e.setRiskFactors(Findings.riskFactors(patient, window, labs, t));
    e.setRedFlags(ReferenceRedFlags.redFlags(patient, window, labs, t));
    return e;
  }

  private static List<String> texts(Optional<List<Fact>> facts) {
    return facts.orElseThrow().stream().map(Fact::text).toList();
  }

  @Nested
  class Episodes_ {

    @Test
    void anyEpisode_holdsOnlyWithAnEpisodeAndCountsThem() {
      assertThat(Criteria.anyEpisode().test(evaluation(Patients.anAdult().build()))).isEmpty();
      assertThat(
              texts(
                  Criteria.anyEpisode()
                      .test(
                          evaluation(
                              Patients.anAdult().build(),
                              anEpisode("a").daysAgo(1).build(),
                              anEpisode("b").daysAgo(2).build()))))
          .containsExactly("2 episode(s) in the last 28 days");
    }

    @Test
    void episodeWithSign_namesEachEpisodeWithTheSign() {
      Evaluation e =
          evaluation(
              Patients.anAdult().build(),
              anEpisode("a").daysAgo(1).with(AssociatedSign.SWELLING).build(),
              anEpisode("b").daysAgo(2).build(),
              anEpisode("c").hand().daysAgo(3).with(AssociatedSign.REDNESS_WARMTH).build());

      assertThat(
              Criteria.episodeWithSign(AssociatedSign.SWELLING, AssociatedSign.REDNESS_WARMTH)
                  .test(e)
                  .orElseThrow())
          .extracting(f -> f.sourceId().orElseThrow())
          .containsExactly("c", "a");
      assertThat(Criteria.episodeWithSign(AssociatedSign.DARK_URINE).test(e)).isEmpty();
    }

    @Test
    void episodeInSetting_namesTheFirstMatchingSettingOnce() {
      Evaluation e =
          evaluation(
              Patients.anAdult().build(),
              anEpisode("a").in(Setting.AFTER_EXERCISE).in(Setting.DURING_EXERCISE).build());

      assertThat(Criteria.episodeInSetting(Setting.AFTER_EXERCISE, Setting.DURING_EXERCISE).test(e))
          .contains(
              List.of(
                  Fact.about(FactKind.EPISODE, "a", "calf cramp after exercise on " + YESTERDAY)));
      assertThat(Criteria.episodeInSetting(Setting.COLD_EXPOSURE).test(e)).isEmpty();
      assertThat(Criteria.episodeInSetting(Setting.COLD_EXPOSURE).description())
          .isEqualTo("episode in setting cold-exposure");
    }

    @Test
    void episodeInRegion_namesEpisodesInAnyOfTheRegions() {
      Evaluation e =
          evaluation(
              Patients.anAdult().build(),
              anEpisode("a").hand().daysAgo(2).severity(7).build(),
              anEpisode("b").at(BodySite.NECK).daysAgo(1).build());

      assertThat(
              texts(Criteria.episodeInRegion(BodySite.Region.HAND, BodySite.Region.TRUNK).test(e)))
          .containsExactly(
              "hand cramp on 2026-11-19T10:00:00Z, severity 7/10",
              "neck cramp on " + YESTERDAY + ", severity 5/10");
      assertThat(Criteria.episodeInRegion(BodySite.Region.HAND, BodySite.Region.ARM).description())
          .isEqualTo("episode in region hand, arm");
    }

    @Test
    void frequent_namesTheRateWindowAndThreshold() {
      Evaluation e =
          evaluation(
              Patients.anAdult().build(),
              Episodes.spread("f", 14, 28).toArray(CrampEpisode[]::new));

      assertThat(texts(Criteria.frequent().test(e)))
          .containsExactly("3.5 episodes a week over the last 28 days, above 3");
    }

    @Test
    void disruptive_needsTheThresholdNumberOfEpisodesAndNamesTheirImpacts() {
      CrampEpisode both =
          anEpisode("a")
              .daysAgo(2)
              .impact(Impact.LIMITED_DAILY_ACTIVITIES)
              .disturbingSleep()
              .build();
      CrampEpisode calm = anEpisode("b").daysAgo(1).build();

      assertThat(Criteria.disruptive().test(evaluation(Patients.anAdult().build(), both, calm)))
          .isEmpty();
      assertThat(
              texts(
                  Criteria.disruptive()
                      .test(
                          evaluation(
                              Patients.anAdult().build(),
                              both,
                              anEpisode("c").daysAgo(1).disturbingSleep().build()))))
          .containsExactly(
              "calf cramp on 2026-11-19T10:00:00Z: disturbed sleep and limited daily activities",
              "calf cramp on " + YESTERDAY + ": disturbed sleep");
    }
  }

  @Nested
  class PatientFacts {

    @Test
    void riskFactor_namesEachFactOnceEvenWhenOneConditionRaisesTwoKinds() {
      Evaluation e =
          evaluation(Patients.anAdult().with(ConditionKind.DIALYSIS).build(), anEpisode().build());

      assertThat(
              Criteria.riskFactor(RiskFactorKind.ADVANCED_KIDNEY_DISEASE, RiskFactorKind.DIALYSIS)
                  .test(e))
          .contains(
              List.of(Fact.about(FactKind.CONDITION, "Condition/c1", "dependence on dialysis")));
      assertThat(Criteria.riskFactor(RiskFactorKind.HEART_FAILURE).test(e)).isEmpty();
    }

    @Test
    void redFlag_namesTheFactsOfEveryMatchingFlag() {
      Evaluation e =
          evaluation(
              Patients.anAdult().build(),
              anEpisode("a")
                  .with(AssociatedSign.SWELLING, AssociatedSign.PAIN_ON_WALKING_EASES_WITH_REST)
                  .build());

      assertThat(
              texts(
                  Criteria.redFlag(
                          RedFlagKind.POSSIBLE_CLAUDICATION,
                          RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS)
                      .test(e)))
          .containsExactly(
              "calf cramp on " + YESTERDAY + " with swelling",
              "calf cramp on " + YESTERDAY + " with pain on walking that eases with rest");
      assertThat(Criteria.redFlag(RedFlagKind.POSSIBLE_RHABDOMYOLYSIS).test(e)).isEmpty();
    }

    @Test
    void takes_namesEveryMatchingMedication() {
      Evaluation e =
          evaluation(
              Patients.anAdult()
                  .taking(MedicationClass.STATIN)
                  .taking(MedicationClass.NAPROXEN)
                  .taking(MedicationClass.LAXATIVE)
                  .build(),
              anEpisode().build());

      assertThat(texts(Criteria.takes(MedicationClass.LAXATIVE, MedicationClass.STATIN).test(e)))
          .containsExactly("statin tablet (statin)", "laxative tablet (laxative)");
      assertThat(Criteria.takes(MedicationClass.QUININE).test(e)).isEmpty();
    }

    @Test
    void pregnant_holdsOnlyForPregnancy() {
      assertThat(Criteria.pregnant().test(evaluation(Patients.anAdult().pregnant().build())))
          .isPresent();
      assertThat(Criteria.pregnant().test(evaluation(Patients.anAdult().build()))).isEmpty();
    }

    @Test
    void abnormalLab_ignoresOtherAnalytesStaleAndNormalResults() {
      Evaluation e =
          evaluation(
              Patients.anAdult()
                  .lab(Analyte.POTASSIUM, 2.9, "mmol/L", 400)
                  .lab(Analyte.SODIUM, 140, "mmol/L", 3)
                  .lab(Analyte.HBA1C, 9.0, "%", 3, 4, 5.6)
                  .lab(Analyte.MAGNESIUM, 0.5, "mmol/L", 3)
                  .build());

      assertThat(
              Criteria.abnormalLab(Analyte.POTASSIUM, Analyte.SODIUM, Analyte.MAGNESIUM)
                  .test(e)
                  .orElseThrow())
          .extracting(f -> f.sourceId().orElseThrow())
          .containsExactly("Observation/l4");
      assertThat(Criteria.abnormalLab(Analyte.POTASSIUM, Analyte.SODIUM).test(e)).isEmpty();
    }
  }

  @Test
  void riskFactorKind_hasADisplay() {
    assertThat(RiskFactorKind.ADVANCED_KIDNEY_DISEASE.display())
        .isEqualTo("Advanced kidney disease");
  }

  @Test
  void everyEnumACriterionNames_fitsInTheBitsOfALong() {
    // Criteria and the assessor test enum sets as bits of a long, one per constant.
    List<Class<? extends Enum<?>>> named =
        List.of(
            RiskFactorKind.class,
            RedFlagKind.class,
            AssociatedSign.class,
            Setting.class,
            BodySite.class,
            BodySite.Region.class,
            ConditionKind.class,
            MedicationClass.class,
            Analyte.class,
            Impact.class);
    for (Class<? extends Enum<?>> type : named) {
      assertThat(type.getEnumConstants().length).as(type.getSimpleName()).isLessThan(64);
    }
  }

  @Test
  void holdsAndCollect_agreeWithTest_andCombinationsDropRepeats() {
    Evaluation e =
        evaluation(
            Patients.anAdult().with(ConditionKind.DIABETES).build(),
            anEpisode("e1").daysAgo(1).build());
    Criterion episode = Criteria.anyEpisode();
    Criterion both =
        Criteria.anyOf(episode, episode, Criteria.hasCondition(ConditionKind.DIABETES));

    assertThat(both.holds(e)).isTrue();
    assertThat(both.test(e).orElseThrow()).hasSize(2).doesNotHaveDuplicates();
    assertThat(Criteria.not(both).holds(e)).isFalse();
    assertThat(Criteria.not(both).test(e)).isEmpty();
  }

  @Nested
  class AsData {
    @Test
    void criteria_areValues_equalWhenTheySayTheSame() {
      assertThat(Criteria.takes(MedicationClass.STATIN, MedicationClass.NAPROXEN))
          .isEqualTo(Criteria.takes(MedicationClass.NAPROXEN, MedicationClass.STATIN))
          .hasSameHashCodeAs(Criteria.takes(MedicationClass.NAPROXEN, MedicationClass.STATIN))
          .isNotEqualTo(Criteria.takes(MedicationClass.STATIN));
      assertThat(Criteria.allOf(Criteria.frequent(), Criteria.not(Criteria.pregnant())))
          .isEqualTo(Criteria.allOf(Criteria.frequent(), Criteria.not(Criteria.pregnant())))
          .isNotEqualTo(Criteria.anyOf(Criteria.frequent(), Criteria.not(Criteria.pregnant())));
      assertThat(Criteria.anyEpisode()).isEqualTo(new Criterion.AnyEpisode());
    }

    @Test
    void rules_areValues_theBuiltInBookEqualsItsCopy() {
      assertThat(RuleBook.builtIn().toBuilder().build().rules())
          .isEqualTo(RuleBook.builtIn().rules());
    }

    @Test
    void criterionWithNoCodes_isRejectedNamingIt() {
      assertThatThrownBy(() -> Criteria.takes())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("takes: expected at least one value");
      assertThatThrownBy(() -> Criteria.allOf())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("all of: expected at least one criterion");
    }
  }
}
