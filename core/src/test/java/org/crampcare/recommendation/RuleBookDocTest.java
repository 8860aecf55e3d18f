package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crampcare.testing.Episodes.anEpisode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.patient.PatientContext;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactTemplate;
import org.crampcare.testing.Episodes;
import org.crampcare.testing.Patients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked example of {@code docs/rule-book.md} loads and does what the document says. */
class RuleBookDocTest {
  private static final Pattern JSON_BLOCK =
      Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

  static RuleBook clinic;

  @BeforeAll
  static void loadTheExample() throws IOException {
    Path doc = null;
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/rule-book.md"))) {
        doc = dir.resolve("docs/rule-book.md");
        break;
      }
    }
    assertThat(doc).as("docs/rule-book.md above the working directory").isNotNull();
    Matcher m = JSON_BLOCK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
    String example = null;
    while (m.find()) {
      example = m.group(1);
    }
    assertThat(example).as("the worked example").isNotNull();
    clinic = RuleBookDocument.read("docs/rule-book.md", example);
  }

  /** Nine night cramps in the last four weeks: 2.25 a week. */
  private static List<CrampEpisode> nineNightCramps() {
    List<CrampEpisode> episodes = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      episodes.add(anEpisode("e" + i).daysAgo(1 + 3 * i).atNight().build());
    }
    return episodes;
  }

  private static Assessment assess(RuleBook book) {
    PatientContext patient = Patients.anAdult().build();
    return Assessor.create(book).assess(patient, nineNightCramps(), Episodes.NOW);
  }

  @Test
  void example_extendsTheBuiltInBook_withItsOwnVersion() {
    assertThat(clinic.version()).isEqualTo("acme-clinic/1");
    assertThat(clinic.allRules()).hasSize(RuleBook.builtIn().allRules().size() + 1);
  }

  @Test
  void example_disablesHeat() {
    assertThat(clinic.disabled()).containsExactly("relief-heat");
    assertThat(assess(RuleBook.builtIn()).recommendationCodes()).contains("apply-heat");
    assertThat(assess(clinic).recommendationCodes()).doesNotContain("apply-heat");
  }

  @Test
  void example_lowersTheFrequentThreshold_soTwoAndAQuarterAWeekIsFrequent() {
    assertThat(clinic.thresholds())
        .isEqualTo(
            RuleBook.builtIn()
                .thresholds()
                .withPatterns(
                    new org.crampcare.pattern.PatternSettings(
                        RuleBook.builtIn().thresholds().patterns().window(),
                        2.0,
                        RuleBook.builtIn().thresholds().patterns().trendSlopePerWeek())));
    assertThat(assess(RuleBook.builtIn()).patterns().frequent()).isFalse();
    assertThat(assess(clinic).patterns().frequent()).isTrue();
    assertThat(assess(clinic).recommendation("clinician-visit").orElseThrow().ruleIds())
        .contains("visit-frequent");
  }

  @Test
  void example_addsItsOwnRule_withItsCodeEvidenceAndGermanText() {
    Recommendation diary = assess(clinic).recommendation("keep-a-cramp-diary").orElseThrow();

    assertThat(diary.ruleIds()).containsExactly("acme-diary-night-cramps");
    assertThat(diary.evidence()).extracting(Evidence::id).containsExactly("acme-policy-2026");
    assertThat(diary.patientText())
        .isEqualTo("Schreiben Sie jeden Krampf auf: wann, wo und wie lange.");
  }

  @Test
  void example_translatesTexts_andKeepsEnglishWhereItHasNone() {
    Assessment assessment = assess(clinic);

    assertThat(assessment.recommendation("regular-stretching").orElseThrow().patientText())
        .startsWith("Dehnen Sie");
    assertThat(assessment.recommendation("stretch-affected-muscle").orElseThrow().patientText())
        .isEqualTo(RuleBook.builtIn().texts().get("stretch-affected-muscle"));
    assertThat(clinic.texts().locale().getLanguage()).isEqualTo("de");
  }

  @Test
  void example_translatesAFactSentence_andRendersOthersInEnglish() {
    Fact episode =
        assess(clinic)
            .recommendation("walk-and-move")
            .orElseThrow()
            .triggers()
            .get(0)
            .facts()
            .get(0);

    assertThat(episode.template()).isEqualTo(FactTemplate.EPISODE_SEVERITY);
    assertThat(clinic.texts().render(episode))
        .isEqualTo(
            "Krampf ("
                + episode.values().get(0)
                + ") am "
                + episode.values().get(1)
                + ", Stärke "
                + episode.values().get(2)
                + "/10");
    assertThat(RuleBook.builtIn().texts().render(episode)).isEqualTo(episode.text());
  }
}
