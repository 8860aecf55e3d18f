package org.crampcare.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.crampcare.recommendation.TextCatalog;
import org.junit.jupiter.api.Test;

/** A fact is structured data, rendered in English (or a catalog's language) only when asked. */
class FactTest {
  private static final Fact SEVERE =
      Fact.of(
          FactKind.EPISODE,
          "e1",
          FactTemplate.EPISODE_SEVERITY,
          "calf",
          Instant.parse("2026-11-20T02:00:00Z"),
          6);

  @Test
  void structuredFact_rendersItsEnglishSentence_andKeepsItsValues() {
    assertThat(SEVERE.text()).isEqualTo("calf cramp on 2026-11-20T02:00:00Z, severity 6/10");
    assertThat(SEVERE.template()).isEqualTo(FactTemplate.EPISODE_SEVERITY);
    assertThat(SEVERE.values()).containsExactly("calf", Instant.parse("2026-11-20T02:00:00Z"), 6);
  }

  @Test
  void dayOnset_saysTheTimeIsNotRecorded() {
    Fact fact =
        Fact.of(
            FactKind.EPISODE,
            "e2",
            FactTemplate.EPISODE_NO_SEVERITY,
            "site not recorded",
            new DayOnset(LocalDate.of(2026, 11, 20)));

    assertThat(fact.text())
        .isEqualTo(
            "site not recorded cramp on 2026-11-20 (time not recorded), severity not recorded");
  }

  @Test
  void aCatalog_rendersTheFactInItsLanguage_elseInEnglish() {
    TextCatalog german =
        TextCatalog.english()
            .with(
                Locale.GERMAN,
                Map.of("fact.episode-severity", "Krampf ({0}) am {1}, Stärke {2}/10"));

    assertThat(german.render(SEVERE))
        .isEqualTo("Krampf (calf) am 2026-11-20T02:00:00Z, Stärke 6/10");
    assertThat(german.render(Fact.derived(FactKind.LIFESTYLE, "little or no exercise")))
        .isEqualTo("little or no exercise");
  }

  @Test
  void factsThatSayTheSameAboutTheSameInput_areEqual_whetherStructuredOrText() {
    Fact asText =
        Fact.about(FactKind.EPISODE, "e1", "calf cramp on 2026-11-20T02:00:00Z, severity 6/10");

    assertThat(SEVERE).isEqualTo(asText).hasSameHashCodeAs(asText);
    assertThat(SEVERE).isNotEqualTo(Fact.about(FactKind.EPISODE, "e2", asText.text()));
    assertThat(SEVERE).isNotEqualTo(Fact.about(FactKind.EPISODE, "e1", "calf cramp"));
    assertThat(SEVERE)
        .isNotEqualTo(
            Fact.of(
                FactKind.EPISODE,
                "e1",
                FactTemplate.EPISODE_SETTING,
                "calf",
                "during sleep",
                Instant.parse("2026-11-20T02:00:00Z")));
  }

  @Test
  void of_refusesValuesItCannotWrite() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Fact.of(FactKind.LAB, "l1", FactTemplate.CONDITION, 3.1))
        .withMessage(
            "fact condition: value 3.1 is a Double; expected text, an integer, a decimal, an"
                + " instant, a date or a day");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Fact.of(FactKind.LAB, "l1", FactTemplate.CONDITION, " "))
        .withMessage("fact condition: a text value is blank");
  }
}
