package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.PatientContext;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.testing.CrampArbitraries;
import org.crampcare.testing.Episodes;

/** Invariants of every assessment, over generated patients and episode histories. */
class AssessmentPropertiesTest {

  private static final RuleBook BOOK = RuleBook.builtIn();
  private static final Assessor ASSESSOR = Assessor.create(BOOK);
  private static ExecutorService pool;

  @BeforeContainer
  static void startPool() {
    pool = Executors.newFixedThreadPool(4);
  }

  @AfterContainer
  static void stopPool() {
    pool.shutdownNow();
  }

  @Provide
  Arbitrary<PatientContext> patients() {
    return CrampArbitraries.patient();
  }

  @Provide
  Arbitrary<List<CrampEpisode>> histories() {
    return CrampArbitraries.episodes();
  }

  private static Assessment assess(PatientContext patient, List<CrampEpisode> episodes) {
    return ASSESSOR.assess(patient, episodes, Episodes.NOW);
  }

  @Property(tries = 200)
  void assess_sameInput_givesAnEqualAssessment(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes) {
    Assessment first = assess(patient, episodes);
    Assessment again = Assessor.create(RuleBook.builtIn()).assess(patient, episodes, Episodes.NOW);

    assertThat(again).isEqualTo(first);
    assertThat(again.toString()).isEqualTo(first.toString());
  }

  @Property(tries = 30)
  void assess_concurrently_givesTheSameAssessmentOnEveryThread(
      @ForAll("patients") PatientContext patient, @ForAll("histories") List<CrampEpisode> episodes)
      throws Exception {
    Assessment expected = assess(patient, episodes);
    List<Callable<Assessment>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> assess(patient, episodes));
    }

    for (Future<Assessment> result : pool.invokeAll(calls)) {
      assertThat(result.get()).isEqualTo(expected);
    }
  }

  @Property(tries = 200)
  void assess_episodeInputOrder_doesNotMatter(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes,
      @ForAll long seed) {
    List<CrampEpisode> shuffled = new ArrayList<>(episodes);
    Collections.shuffle(shuffled, new Random(seed));

    assertThat(assess(patient, shuffled)).isEqualTo(assess(patient, episodes));
  }

  @Property(tries = 200)
  void everyTrigger_suppressionAndCaution_namesARuleOfTheRuleBook(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes) {
    Assessment assessment = assess(patient, episodes);

    for (Recommendation r : assessment.recommendations()) {
      assertThat(r.triggers()).isNotEmpty();
      for (Trigger t : r.triggers()) {
        assertThat(BOOK.rule(t.ruleId())).as(t.ruleId()).isPresent();
        assertThat(BOOK.rule(t.ruleId()).get().version()).isEqualTo(t.ruleVersion());
      }
      for (Caution c : r.cautions()) {
        assertThat(BOOK.rule(c.ruleId())).as(c.ruleId()).isPresent();
        assertThat(BOOK.cautions()).containsKey(c.code());
      }
    }
    for (Suppression s : assessment.suppressed()) {
      assertThat(BOOK.rule(s.ruleId())).containsInstanceOf(SuppressRule.class);
    }
  }

  @Property(tries = 200)
  void everyRecommendation_isDefinedWithItsCategoryPriorityAndAText(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes) {
    for (Recommendation r : assess(patient, episodes).recommendations()) {
      RecommendationDefinition d = BOOK.definitions().get(r.code());
      assertThat(d).as(r.code()).isNotNull();
      assertThat(r.category()).isEqualTo(d.category());
      assertThat(r.priority()).isEqualTo(d.priority());
      assertThat(r.patientText()).isNotBlank();
    }
  }

  @Property(tries = 200)
  void recommendations_urgentFirstThenCategoryPriorityRankOrder(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes) {
    Assessment assessment = assess(patient, episodes);
    List<Recommendation> recs = assessment.recommendations();

    for (int i = 1; i < recs.size(); i++) {
      Recommendation before = recs.get(i - 1);
      Recommendation after = recs.get(i);
      if (after.category() == Category.URGENT) {
        assertThat(before.category()).isEqualTo(Category.URGENT);
      }
      assertThat(before.category().compareTo(after.category())).isLessThanOrEqualTo(0);
    }
    boolean urgentFlag = assessment.redFlags().stream().anyMatch(f -> f.kind().urgent());
    if (urgentFlag && !recs.isEmpty()) {
      assertThat(recs.get(0).code()).isEqualTo("urgent-medical-review");
    }
    assertThat(assessment.recommendationCodes()).doesNotHaveDuplicates();
  }

  @Property(tries = 200)
  void noRecommendation_namesQuinineOrASupplement(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes) {
    for (String code : assess(patient, episodes).recommendationCodes()) {
      assertThat(code.toLowerCase(Locale.ROOT)).doesNotContain("quinine", "supplement");
    }
  }

  @Property(tries = 200)
  void suppressedCodes_neverAppearAmongRecommendations(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes) {
    Assessment assessment = assess(patient, episodes);

    for (Suppression s : assessment.suppressed()) {
      assertThat(assessment.recommendationCodes()).doesNotContain(s.code());
      s.replacedBy().ifPresent(code -> assertThat(assessment.recommendationCodes()).contains(code));
    }
  }

  @Property(tries = 200)
  void forgettingDurationOrSeverity_neverRemovesARedFlagOrAClinicianReferral(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes,
      @ForAll boolean dropDuration,
      @ForAll boolean dropSeverity) {
    List<CrampEpisode> vaguer = new ArrayList<>();
    for (CrampEpisode e : episodes) {
      vaguer.add(
          new CrampEpisode(
              e.id(),
              e.onset(),
              e.onsetPrecision(),
              e.offset(),
              dropDuration ? Optional.empty() : e.duration(),
              e.site(),
              e.laterality(),
              dropSeverity ? Optional.empty() : e.severity(),
              e.settings(),
              e.signs(),
              e.reliefTried(),
              e.impacts()));
    }

    Assessment full = assess(patient, episodes);
    Assessment vague = assess(patient, vaguer);

    assertThat(vague.redFlags())
        .extracting(RedFlag::kind)
        .containsAll(full.redFlags().stream().map(RedFlag::kind).toList());
    for (String referral :
        List.of("urgent-medical-review", "clinician-visit", "medication-review")) {
      if (full.recommendationCodes().contains(referral)) {
        assertThat(vague.recommendationCodes()).contains(referral);
      }
    }
  }

  @Property(tries = 200)
  void safetyRules_holdForEveryPatient(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes) {
    Assessment assessment = assess(patient, episodes);
    List<String> codes = assessment.recommendationCodes();
    boolean hasKind = false;

    if (assessment.ageYears() < 18) {
      assertThat(codes).isEmpty();
      assertThat(assessment.notices()).isNotEmpty();
    } else if (assessment.patterns().episodeCount() == 0) {
      // No cramp, no self-care plan: only what red flags alone call for.
      assertThat(assessment.notices()).isNotEmpty();
      for (Recommendation r : assessment.recommendations()) {
        assertThat(r.category()).isIn(Category.URGENT, Category.CLINICAL_FOLLOW_UP);
        assertThat(assessment.redFlags()).isNotEmpty();
      }
    }
    if (patient.pregnant()) {
      assertThat(codes).doesNotContain("medication-review");
    }
    for (var factor : assessment.riskFactors()) {
      RiskFactorKind kind = factor.kind();
      if (kind == RiskFactorKind.HEART_FAILURE
          || kind == RiskFactorKind.ADVANCED_KIDNEY_DISEASE
          || kind == RiskFactorKind.DIALYSIS) {
        assertThat(codes).doesNotContain("hydration");
        hasKind = true;
      }
      if (kind == RiskFactorKind.ADVANCED_KIDNEY_DISEASE) {
        assertThat(codes).doesNotContain("dietary-magnesium");
      }
    }
    if (patient.has(ConditionKind.DIALYSIS)) {
      assertThat(hasKind).isTrue();
    }
    if (assessment.redFlags().stream()
        .anyMatch(f -> f.kind() == RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS)) {
      assertThat(codes).doesNotContain("massage-affected-muscle", "apply-heat");
    }
    assessment
        .recommendation("apply-heat")
        .ifPresent(
            heat -> {
              if (patient.has(ConditionKind.DIABETES) || patient.has(ConditionKind.NEUROPATHY)) {
                assertThat(heat.hasCaution("caution-burn-risk")).isTrue();
              }
            });
  }
}
