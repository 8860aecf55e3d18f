package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.testing.Episodes.NOW;
import static org.crampcare.testing.Episodes.anEpisode;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.patient.PatientContext;
import org.crampcare.pattern.PatternSettings;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.risk.Thresholds;
import org.crampcare.testing.Episodes;
import org.crampcare.testing.Patients;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rule book: its built-in catalog, its checks, and what integrators can change. */
class RuleBookTest {

  private static final Evidence ACME =
      new Evidence("acme-policy", "ACME clinic policy 2026", "local policy", Optional.empty());

  private static Assessment assess(RuleBook book, PatientContext patient, CrampEpisode... e) {
    return Assessor.create(book).assess(patient, List.of(e), NOW);
  }

  private static Assessment assess(RuleBook book, PatientContext patient, List<CrampEpisode> e) {
    return Assessor.create(book).assess(patient, e, NOW);
  }

  @Nested
  class BuiltInCatalog {

    @Test
    void builtIn_definesEveryCodeTheIssueRequires() {
      assertThat(RuleBook.builtIn().definitions().keySet())
          .containsExactly(
              "urgent-medical-review",
              "clinician-visit",
              "medication-review",
              "abnormal-lab-follow-up",
              "electrolyte-testing",
              "underlying-condition-review",
              "discuss-fluid-targets",
              "stretch-affected-muscle",
              "massage-affected-muscle",
              "walk-and-move",
              "apply-heat",
              "regular-stretching",
              "hydration",
              "hand-strengthening-exercises",
              "activity-breaks",
              "gradual-exercise-progression",
              "move-after-sitting",
              "keep-muscles-warm",
              "limit-alcohol",
              "dietary-magnesium");
      assertThat(RuleBook.builtIn().cautions())
          .containsOnlyKeys("caution-burn-risk")
          .containsValue(new CautionDefinition("caution-burn-risk", "Burn risk with heat"));
    }

    @Test
    void builtIn_categoriesMatchTheIssue() {
      Map<Category, List<String>> byCategory =
          RuleBook.builtIn().definitions().values().stream()
              .collect(
                  Collectors.groupingBy(
                      RecommendationDefinition::category,
                      Collectors.mapping(RecommendationDefinition::code, Collectors.toList())));

      assertThat(byCategory.get(Category.URGENT)).containsExactly("urgent-medical-review");
      assertThat(byCategory.get(Category.IMMEDIATE_RELIEF))
          .containsExactly(
              "stretch-affected-muscle", "massage-affected-muscle", "walk-and-move", "apply-heat");
      assertThat(byCategory.get(Category.PREVENTION))
          .containsExactly(
              "regular-stretching",
              "hydration",
              "hand-strengthening-exercises",
              "activity-breaks",
              "gradual-exercise-progression",
              "move-after-sitting",
              "keep-muscles-warm",
              "limit-alcohol",
              "dietary-magnesium");
    }

    @Test
    void builtIn_hasAVersionAndEveryRuleHasRationaleEvidenceAndText() {
      RuleBook book = RuleBook.builtIn();

      assertThat(book.version()).isEqualTo("crampcare-builtin/1");
      assertThat(book.disabled()).isEmpty();
      assertThat(book.rules()).hasSize(42);
      assertThat(book.rules().stream().map(Rule::id).distinct()).hasSize(book.rules().size());
      for (Rule rule : book.rules()) {
        assertThat(rule.rationale()).as(rule.id()).endsWith(".");
        assertThat(rule.evidence().citation()).as(rule.id()).isNotBlank();
        assertThat(rule.version()).isEqualTo(1);
        if (!(rule instanceof RedFlagRule)) {
          assertThat(book.definitions()).as(rule.id()).containsKey(rule.code());
        }
      }
      // Every red flag is raised by a rule of the book, none by code outside it.
      assertThat(
              book.rules().stream()
                  .filter(RedFlagRule.class::isInstance)
                  .map(r -> ((RedFlagRule) r).raises())
                  .distinct())
          .containsExactlyInAnyOrder(RedFlagKind.values());
      for (String code : book.definitions().keySet()) {
        assertThat(book.texts().find(code)).as(code).isPresent();
      }
      assertThat(book.texts().locale()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void builtIn_isTheSameInstanceEachTime() {
      assertThat(RuleBook.builtIn()).isSameAs(RuleBook.builtIn());
      assertThat(Assessor.withBuiltInRules().ruleBook()).isSameAs(RuleBook.builtIn());
    }

    @Test
    void rule_describesItsCriterionForRuleListings() {
      RuleBook book = RuleBook.builtIn();

      assertThat(book.rule("visit-frequent").orElseThrow().when().description())
          .isEqualTo("(frequent cramps and not risk factor pregnancy)");
      assertThat(book.rule("red-flag-deep-vein-thrombosis").orElseThrow().when().description())
          .isEqualTo("red flag possible-deep-vein-thrombosis");
      assertThat(book.rule("prevent-hydration").orElseThrow().when().toString())
          .isEqualTo(
              "(risk factor low-fluid-intake or episode in setting during-exercise or"
                  + " after-exercise)");
      assertThat(book.rule("relief-walk").orElseThrow().when().description())
          .isEqualTo("episode in region leg");
      assertThat(book.rule("medication-review-statin").orElseThrow().when().description())
          .isEqualTo("takes statin");
      assertThat(book.rule("visit-persistent-despite-magnesium").orElseThrow().when().description())
          .isEqualTo(
              "(any episode in the window and takes magnesium-supplement and current electrolytes"
                  + " all normal)");
      assertThat(book.rule("visit-disruptive").orElseThrow().when().description())
          .isEqualTo("cramps that disturb sleep or daily life");
      assertThat(book.rule("caution-heat-reduced-sensation").orElseThrow().when().description())
          .isEqualTo("(risk factor diabetes or neuropathy or episode with sign numbness-tingling)");
      assertThat(book.rule("no-such-rule")).isEmpty();
    }

    @Test
    void assessment_namesTheRuleBookVersion() {
      Assessment assessment =
          assess(RuleBook.builtIn(), Patients.anAdult().build(), anEpisode("e1").build());

      assertThat(assessment.ruleBookVersion()).isEqualTo("crampcare-builtin/1");
    }
  }

  @Nested
  class DisablingRules {

    @Test
    void disable_heatRule_removesApplyHeat() {
      RuleBook book = RuleBook.builtIn().toBuilder().disable("relief-heat").build();

      Assessment assessment = assess(book, Patients.anAdult().build(), anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("apply-heat");
      assertThat(book.disabled()).containsExactly("relief-heat");
      assertThat(book.rule("relief-heat")).isEmpty();
      assertThat(book.rules()).hasSize(RuleBook.builtIn().rules().size() - 1);
    }

    @Test
    void disable_thenEnable_restoresTheRule() {
      RuleBook book =
          RuleBook.builtIn().toBuilder().disable("relief-heat").build().toBuilder()
              .enable("relief-heat")
              .build();

      assertThat(book.disabled()).isEmpty();
      assertThat(book.rule("relief-heat")).isPresent();
      assertThat(book.rules())
          .extracting(Rule::id)
          .last()
          .isEqualTo("caution-heat-reduced-sensation");
    }

    @Test
    void toBuilder_keepsDisabledRulesDisabled() {
      RuleBook book =
          RuleBook.builtIn().toBuilder().disable("relief-walk").build().toBuilder()
              .version("acme/2")
              .build();

      assertThat(book.disabled()).containsExactly("relief-walk");
      assertThat(book.version()).isEqualTo("acme/2");
    }

    @Test
    void disable_aSafetySuppression_isPossibleAndVisible() {
      RuleBook book =
          RuleBook.builtIn().toBuilder().disable("suppress-massage-possible-dvt").build();
      CrampEpisode swollen =
          anEpisode("e1").with(org.crampcare.episode.AssociatedSign.SWELLING).build();

      Assessment assessment = assess(book, Patients.anAdult().build(), swollen);

      assertThat(assessment.recommendationCodes()).contains("massage-affected-muscle");
      assertThat(assessment.suppression("apply-heat")).isPresent();
    }

    @Test
    void disable_unknownRule_isRejectedListingTheKnownIds() {
      String known =
          RuleBook.builtIn().rules().stream().map(Rule::id).collect(Collectors.joining(", "));

      assertThatThrownBy(() -> RuleBook.builtIn().toBuilder().disable("no-such-rule"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no rule with id 'no-such-rule' to disable; known ids: " + known);
    }
  }

  @Nested
  class ChangingThresholds {

    @Test
    void frequentPerWeek_loweredToTwo_makesNineInFourWeeksFrequent() {
      Thresholds thresholds =
          Thresholds.defaults().withPatterns(new PatternSettings(Duration.ofDays(28), 2, 1));
      RuleBook book = RuleBook.builtIn().toBuilder().thresholds(thresholds).build();
      List<CrampEpisode> nine = Episodes.spread("f", 9, 28);

      Assessment defaults = assess(RuleBook.builtIn(), Patients.anAdult().build(), nine);
      Assessment lowered = assess(book, Patients.anAdult().build(), nine);

      assertThat(defaults.recommendationCodes()).doesNotContain("clinician-visit");
      Recommendation visit = lowered.recommendation("clinician-visit").orElseThrow();
      assertThat(visit.ruleIds()).containsExactly("visit-frequent");
      assertThat(visit.facts())
          .containsExactly(
              Fact.derived(FactKind.PATTERN, "2.3 episodes a week over the last 28 days, above 2"));
      assertThat(lowered.patterns().frequent()).isTrue();
      assertThat(book.thresholds()).isEqualTo(thresholds);
    }

    @Test
    void window_shortenedToSevenDays_countsOnlyThatWeek() {
      Thresholds thresholds =
          Thresholds.defaults().withPatterns(new PatternSettings(Duration.ofDays(7), 3, 1));
      RuleBook book = RuleBook.builtIn().toBuilder().thresholds(thresholds).build();

      Assessment assessment =
          assess(
              book,
              Patients.anAdult().build(),
              anEpisode("recent").daysAgo(2).build(),
              anEpisode("older").daysAgo(10).build());

      assertThat(assessment.patterns().episodeCount()).isEqualTo(1);
      assertThat(assessment.unused())
          .containsExactly(
              new UnusedInput(
                  FactKind.EPISODE,
                  "older",
                  "started before the 7-day window: counted in no pattern or rule"));
      assertThat(assessment.recommendation("stretch-affected-muscle").orElseThrow().facts())
          .extracting(Fact::text)
          .containsExactly("1 episode(s) in the last 7 days");
    }

    @Test
    void labMaxAge_shortenedToSixMonths_makesAnOlderResultStale() {
      RuleBook book =
          RuleBook.builtIn().toBuilder()
              .thresholds(Thresholds.defaults().withLabMaxAge(Period.ofMonths(6)))
              .build();
      PatientContext patient =
          Patients.anAdult().lab(Analyte.POTASSIUM, 3.0, "mmol/L", 200).build();

      Assessment defaults = assess(RuleBook.builtIn(), patient, anEpisode("e1").build());
      Assessment shortened = assess(book, patient, anEpisode("e1").build());

      assertThat(defaults.recommendationCodes()).contains("abnormal-lab-follow-up");
      assertThat(shortened.recommendationCodes()).doesNotContain("abnormal-lab-follow-up");
      assertThat(shortened.unused())
          .containsExactly(
              new UnusedInput(
                  FactKind.LAB,
                  "Observation/l1",
                  "dated 2026-05-05, older than P6M before 2026-11-21: not current evidence"));
    }

    @Test
    void adultAge_andOtherThresholds_areHonoured() {
      Thresholds sixteen =
          new Thresholds(
              PatternSettings.defaults(), Period.ofMonths(12), 30, 5, 1.5, 14, 4, 8, 1, 16);
      RuleBook book = RuleBook.builtIn().toBuilder().thresholds(sixteen).build();

      Assessment assessment =
          assess(book, Patients.aged(16).build(), anEpisode("e1").disturbingSleep().build());

      assertThat(assessment.notices()).isEmpty();
      assertThat(assessment.recommendation("clinician-visit").orElseThrow().ruleIds())
          .containsExactly("visit-disruptive");
    }

    @Test
    void creatineKinaseMultiple_raised_makesSixTimesNotUrgent() {
      Thresholds ten =
          new Thresholds(
              PatternSettings.defaults(), Period.ofMonths(12), 30, 10, 1.5, 14, 4, 8, 2, 18);
      RuleBook book = RuleBook.builtIn().toBuilder().thresholds(ten).build();
      PatientContext patient =
          Patients.anAdult().lab(Analyte.CREATINE_KINASE, 1200, "U/L", 3, 30, 200).build();

      assertThat(assess(book, patient, anEpisode("e1").build()).recommendationCodes())
          .doesNotContain("urgent-medical-review");
      assertThat(assess(RuleBook.builtIn(), patient, anEpisode("e1").build()).recommendationCodes())
          .contains("urgent-medical-review");
    }

    @Test
    void advancedKidneyEgfr_raisedTo45_suppressesHydrationAtForty() {
      Thresholds t =
          new Thresholds(
              PatternSettings.defaults(), Period.ofMonths(12), 45, 5, 1.5, 14, 4, 8, 2, 18);
      RuleBook book = RuleBook.builtIn().toBuilder().thresholds(t).build();
      PatientContext patient =
          Patients.anAdult()
              .egfr(40)
              .lifestyle(org.crampcare.patient.Lifestyle.unknown().withFluidLitresPerDay(1))
              .build();

      Assessment assessment = assess(book, patient, anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).contains("discuss-fluid-targets");
      assertThat(assessment.riskFactors())
          .extracting(r -> r.kind())
          .contains(RiskFactorKind.ADVANCED_KIDNEY_DISEASE);
    }
  }

  @Nested
  class AddingRules {

    private RuleBook withDiary() {
      return RuleBook.builtIn().toBuilder()
          .version("acme/1")
          .define(
              new RecommendationDefinition(
                  "keep-a-cramp-diary", Category.PREVENTION, Priority.ROUTINE, 10, "Cramp diary"))
          .add(
              new RecommendRule(
                  "acme-diary-night-cramps",
                  2,
                  "keep-a-cramp-diary",
                  Criteria.episodeInSetting(Setting.DURING_SLEEP),
                  "A diary helps the clinic see the pattern.",
                  ACME,
                  "keep-a-cramp-diary"))
          .texts(
              TextCatalog.english()
                  .with(Locale.ENGLISH, Map.of("keep-a-cramp-diary", "Write down each cramp.")))
          .build();
    }

    @Test
    void customRule_recommendsItsOwnCodeWithItsTextRationaleAndEvidence() {
      CrampEpisode night = anEpisode("e1").atNight().build();
      Assessment assessment = assess(withDiary(), Patients.anAdult().build(), night);

      assertThat(assessment.recommendationCodes()).last().isEqualTo("keep-a-cramp-diary");
      Recommendation diary = assessment.recommendation("keep-a-cramp-diary").orElseThrow();
      assertThat(diary.patientText()).isEqualTo("Write down each cramp.");
      assertThat(diary.rationale()).isEqualTo("A diary helps the clinic see the pattern.");
      assertThat(diary.evidence()).containsExactly(ACME);
      assertThat(diary.triggers())
          .containsExactly(
              new Trigger(
                  "acme-diary-night-cramps",
                  2,
                  "A diary helps the clinic see the pattern.",
                  ACME,
                  List.of(
                      Fact.about(
                          FactKind.EPISODE,
                          "e1",
                          "calf cramp during sleep on " + night.onsetText()))));
      assertThat(diary.category()).isEqualTo(Category.PREVENTION);
      assertThat(assessment.ruleBookVersion()).isEqualTo("acme/1");
    }

    @Test
    void customRule_doesNotFireWhenItsCriterionFails() {
      Assessment assessment =
          assess(withDiary(), Patients.anAdult().build(), anEpisode("e1").build());

      assertThat(assessment.recommendationCodes()).doesNotContain("keep-a-cramp-diary");
    }

    @Test
    void replace_changesWordingAndVersionOfABuiltInRule() {
      RuleBook book =
          RuleBook.builtIn().toBuilder()
              .replace(
                  new RecommendRule(
                      "relief-stretch",
                      2,
                      "stretch-affected-muscle",
                      Criteria.anyEpisode(),
                      "Stretch, reworded.",
                      EvidenceCatalog.NICE_CKS,
                      "stretch-affected-muscle"))
              .build();

      Recommendation stretch =
          assess(book, Patients.anAdult().build(), anEpisode("e1").build())
              .recommendation("stretch-affected-muscle")
              .orElseThrow();

      assertThat(stretch.triggers())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.ruleVersion()).isEqualTo(2);
                assertThat(t.rationale()).isEqualTo("Stretch, reworded.");
              });
    }

    @Test
    void replace_unknownRule_isRejected() {
      RecommendRule rule =
          RecommendRule.of(
              "no-such-rule", "hydration", Criteria.anyEpisode(), "Why.", EvidenceCatalog.NICE_CKS);

      assertThatThrownBy(() -> RuleBook.builtIn().toBuilder().replace(rule))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no rule with id 'no-such-rule' to replace");
    }

    @Test
    void customCautionRule_attachesItsCaution() {
      RuleBook book =
          RuleBook.builtIn().toBuilder()
              .defineCaution(new CautionDefinition("caution-acme-check", "Check first"))
              .add(
                  new CautionRule(
                      "acme-caution-walk",
                      1,
                      "walk-and-move",
                      "caution-acme-check",
                      Criteria.anyEpisode(),
                      "Local policy.",
                      ACME))
              .texts(
                  TextCatalog.english()
                      .with(Locale.ENGLISH, Map.of("caution.caution-acme-check", "Check first.")))
              .build();

      Recommendation walk =
          assess(book, Patients.anAdult().build(), anEpisode("e1").build())
              .recommendation("walk-and-move")
              .orElseThrow();

      assertThat(walk.cautions())
          .containsExactly(
              new Caution(
                  "caution-acme-check",
                  "Check first.",
                  "acme-caution-walk",
                  List.of(Fact.derived(FactKind.PATTERN, "1 episode(s) in the last 28 days"))));
      assertThat(walk.hasCaution("caution-acme-check")).isTrue();
      assertThat(walk.hasCaution("caution-burn-risk")).isFalse();
    }

    @Test
    void secondSuppressionOfAnAlreadySuppressedCode_isNotRecordedTwice() {
      PatientContext patient =
          Patients.anAdult()
              .with(org.crampcare.patient.ConditionKind.HEART_FAILURE)
              .with(org.crampcare.patient.ConditionKind.DIALYSIS)
              .lifestyle(org.crampcare.patient.Lifestyle.unknown().withFluidLitresPerDay(1))
              .build();

      Assessment assessment = assess(RuleBook.builtIn(), patient, anEpisode("e1").build());

      assertThat(assessment.suppressed())
          .extracting(Suppression::code, Suppression::ruleId)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("hydration", "suppress-hydration-heart-failure"));
    }
  }

  @Nested
  class TranslatingTexts {

    @Test
    void with_translatesTextsAndFallsBackToEnglishForTheRest() {
      Locale spanish = Locale.forLanguageTag("es");
      TextCatalog texts =
          TextCatalog.english()
              .with(
                  spanish,
                  Map.of(
                      "stretch-affected-muscle",
                      "Estire suavemente el músculo.",
                      "notice.no-recent-episodes",
                      "No hay episodios recientes."));
      RuleBook book = RuleBook.builtIn().toBuilder().texts(texts).build();

      Assessment assessment = assess(book, Patients.anAdult().build(), anEpisode("e1").build());
      Assessment none = assess(book, Patients.anAdult().build(), List.of());

      assertThat(assessment.recommendation("stretch-affected-muscle").orElseThrow().patientText())
          .isEqualTo("Estire suavemente el músculo.");
      assertThat(assessment.recommendation("massage-affected-muscle").orElseThrow().patientText())
          .isEqualTo(TextCatalog.english().get("massage-affected-muscle"));
      assertThat(none.notices())
          .containsExactly(
              new Notice(Notice.Kind.NO_RECENT_EPISODES, "No hay episodios recientes."));
      assertThat(book.texts().locale()).isEqualTo(spanish);
      assertThat(texts.all()).hasSameSizeAs(TextCatalog.english().all());
    }

    @Test
    void with_blankText_isRejected() {
      assertThatThrownBy(() -> TextCatalog.english().with(Locale.GERMAN, Map.of("hydration", "  ")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("text 'hydration' must not be blank");
    }

    @Test
    void get_missingKey_isRejectedNamingKeyAndLocale() {
      assertThatThrownBy(() -> TextCatalog.english().get("no-such-key"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no text for key 'no-such-key' in en");
      assertThat(TextCatalog.english().find("no-such-key")).isEmpty();
    }
  }

  @Nested
  class Validation {

    @Test
    void add_duplicateRuleId_isRejected() {
      RecommendRule twice =
          RecommendRule.of("relief-heat", "apply-heat", Criteria.anyEpisode(), "Again.", ACME);

      assertThatThrownBy(() -> RuleBook.builtIn().toBuilder().add(twice))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule id 'relief-heat' is used twice; rule ids must be unique");
    }

    @Test
    void define_duplicateCode_isRejected() {
      RecommendationDefinition again =
          new RecommendationDefinition("hydration", Category.PREVENTION, Priority.ROUTINE, 1, "H");

      assertThatThrownBy(() -> RuleBook.builtIn().toBuilder().define(again))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("recommendation code 'hydration' is defined twice");
    }

    @Test
    void defineCaution_duplicateCode_isRejected() {
      assertThatThrownBy(
              () ->
                  RuleBook.builtIn().toBuilder()
                      .defineCaution(new CautionDefinition("caution-burn-risk", "Again")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("caution code 'caution-burn-risk' is defined twice");
    }

    @Test
    void build_ruleWithUndefinedCode_isRejectedNamingRuleCodeAndMissingText() {
      RuleBook.Builder builder =
          RuleBook.builder()
              .add(RecommendRule.of("r1", "undefined-code", Criteria.anyEpisode(), "Why.", ACME));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "rule book custom/1 is invalid: rule r1: recommendation code 'undefined-code' is not"
                  + " defined; rule r1: text 'undefined-code' is missing");
    }

    @Test
    void build_definedCodeWithoutText_isRejected() {
      RuleBook.Builder builder =
          RuleBook.builder()
              .version("acme/7")
              .define(
                  new RecommendationDefinition(
                      "acme-advice", Category.PREVENTION, Priority.ROUTINE, 1, "Advice"))
              .add(RecommendRule.of("r1", "acme-advice", Criteria.anyEpisode(), "Why.", ACME));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rule book acme/7 is invalid: rule r1: text 'acme-advice' is missing");
    }

    @Test
    void build_suppressionWithUndefinedReplacement_isRejected() {
      RuleBook.Builder builder =
          RuleBook.builtIn().toBuilder()
              .add(
                  SuppressRule.replacing(
                      "s1", "hydration", "acme-fluids", Criteria.anyEpisode(), "Why.", ACME));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "rule book crampcare-builtin/1 is invalid: rule s1: replacement 'acme-fluids' is"
                  + " not defined; rule s1: text 'acme-fluids' is missing");
    }

    @Test
    void build_cautionRuleWithUndefinedCaution_isRejected() {
      RuleBook.Builder builder =
          RuleBook.builtIn().toBuilder()
              .add(
                  new CautionRule(
                      "c1", 1, "apply-heat", "caution-acme", Criteria.anyEpisode(), "Why.", ACME));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "rule book crampcare-builtin/1 is invalid: rule c1: caution 'caution-acme' is not"
                  + " defined; rule c1: text 'caution.caution-acme' is missing");
    }

    @Test
    void build_suppressionOfUndefinedCode_isRejected() {
      RuleBook.Builder builder =
          RuleBook.builtIn().toBuilder()
              .add(SuppressRule.of("s1", "acme-nothing", Criteria.anyEpisode(), "Why.", ACME));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "rule book crampcare-builtin/1 is invalid: rule s1: recommendation code"
                  + " 'acme-nothing' is not defined");
    }

    @Test
    void version_blank_isRejected() {
      assertThatThrownBy(() -> RuleBook.builder().version(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("ruleBook.version must not be blank");
    }

    @Test
    void emptyRuleBook_makesNoRecommendations() {
      RuleBook empty = RuleBook.builder().build();

      Assessment assessment = assess(empty, Patients.anAdult().build(), anEpisode("e1").build());

      assertThat(assessment.recommendations()).isEmpty();
      assertThat(assessment.ruleBookVersion()).isEqualTo("custom/1");
    }

    @Test
    void definition_invalidCode_isRejected() {
      assertThatThrownBy(
              () ->
                  new RecommendationDefinition(
                      "Drink Water", Category.PREVENTION, Priority.ROUTINE, 1, "Water"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "recommendation code 'Drink Water' is not valid; expected lower-case words joined"
                  + " by hyphens");
      assertThatThrownBy(
              () ->
                  new RecommendationDefinition(
                      "drink-water", Category.PREVENTION, Priority.ROUTINE, 1, " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("recommendation drink-water: display must not be blank");
    }

    @Test
    void rules_invalidFields_areRejectedNamingTheRule() {
      Criterion any = Criteria.anyEpisode();
      assertThatThrownBy(() -> new RecommendRule(" ", 1, "c", any, "Why.", ACME, "c"))
          .hasMessage("rule.id must not be blank");
      assertThatThrownBy(() -> new RecommendRule("r", 0, "c", any, "Why.", ACME, "c"))
          .hasMessage("rule r: version must be at least 1, got 0");
      assertThatThrownBy(() -> new RecommendRule("r", 1, "c", any, "", ACME, "c"))
          .hasMessage("rule r: rationale must not be blank");
      assertThatThrownBy(() -> SuppressRule.of("", "c", any, "Why.", ACME))
          .hasMessage("rule.id must not be blank");
      assertThatThrownBy(
              () ->
                  new SuppressRule(
                      "s", 0, "c", any, "Why.", ACME, Optional.empty(), Optional.empty()))
          .hasMessage("rule s: version must be at least 1, got 0");
      assertThatThrownBy(() -> SuppressRule.of("s", "c", any, " ", ACME))
          .hasMessage("rule s: rationale must not be blank");
      assertThatThrownBy(() -> new CautionRule("", 1, "c", "k", any, "Why.", ACME))
          .hasMessage("rule.id must not be blank");
      assertThatThrownBy(() -> new CautionRule("k", -1, "c", "k", any, "Why.", ACME))
          .hasMessage("rule k: version must be at least 1, got -1");
      assertThatThrownBy(() -> new CautionRule("k", 1, "c", " ", any, "Why.", ACME))
          .hasMessage("rule k: caution must not be blank");
      assertThatThrownBy(() -> new CautionRule("k", 1, "c", "x", any, "", ACME))
          .hasMessage("rule k: rationale must not be blank");
      assertThatThrownBy(() -> new CautionDefinition(" ", "x"))
          .hasMessage("caution.code must not be blank");
      assertThatThrownBy(() -> new CautionDefinition("x", " "))
          .hasMessage("caution x: display must not be blank");
    }

    @Test
    void evidence_blankFields_areRejected() {
      assertThatThrownBy(() -> new Evidence(" ", "c", "s", Optional.empty()))
          .hasMessage("evidence.id must not be blank");
      assertThatThrownBy(() -> new Evidence("e", " ", "s", Optional.empty()))
          .hasMessage("evidence e: citation must not be blank");
      assertThatThrownBy(() -> new Evidence("e", "c", "", Optional.empty()))
          .hasMessage("evidence e: strength must not be blank");
    }

    @Test
    void recommendation_withoutTrigger_isRejected() {
      assertThatThrownBy(
              () ->
                  new Recommendation(
                      "hydration",
                      Category.PREVENTION,
                      Priority.ROUTINE,
                      "t",
                      List.of(),
                      List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("recommendation hydration must have a trigger");
    }
  }
}
