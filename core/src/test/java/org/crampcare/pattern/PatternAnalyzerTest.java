package org.crampcare.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.testing.Episodes.NOW;
import static org.crampcare.testing.Episodes.anEpisode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;
import org.crampcare.testing.Episodes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternAnalyzerTest {

  private static final PatternSettings DEFAULTS = PatternSettings.defaults();

  private static EpisodePatterns analyze(List<CrampEpisode> episodes) {
    return PatternAnalyzer.analyze(episodes, NOW, DEFAULTS);
  }

  private static EpisodePatterns analyze(CrampEpisode... episodes) {
    return analyze(List.of(episodes));
  }

  /** Episodes one week apart, oldest first, with the given severities. */
  private static List<CrampEpisode> weekly(int... severities) {
    List<CrampEpisode> result = new ArrayList<>();
    for (int i = 0; i < severities.length; i++) {
      int weeksAgo = severities.length - 1 - i;
      result.add(anEpisode("w" + i).daysAgo(7L * weeksAgo).severity(severities[i]).build());
    }
    return result;
  }

  @Nested
  class Frequency {

    @Test
    void perWeek_isTheCountOverTheWholeWindow() {
      EpisodePatterns patterns = analyze(Episodes.spread("e", 8, 28));

      assertThat(patterns.episodeCount()).isEqualTo(8);
      assertThat(patterns.episodesPerWeek()).isEqualTo(2.0);
    }

    @Test
    void perWeek_usesTheConfiguredWindow() {
      PatternSettings fortnight = new PatternSettings(Duration.ofDays(14), 3, 1);

      EpisodePatterns patterns =
          PatternAnalyzer.analyze(Episodes.spread("e", 7, 14), NOW, fortnight);

      assertThat(patterns.episodesPerWeek()).isEqualTo(3.5);
      assertThat(patterns.frequent()).isTrue();
    }

    @Test
    void frequent_isMoreThanThreeAWeek_notThreeExactly() {
      assertThat(analyze(Episodes.spread("e", 12, 28)).frequent()).isFalse();
      assertThat(analyze(Episodes.spread("e", 13, 28)).frequent()).isTrue();
    }

    @Test
    void frequent_honoursTheConfiguredThreshold() {
      PatternSettings one = new PatternSettings(Duration.ofDays(28), 1, 1);

      assertThat(PatternAnalyzer.analyze(Episodes.spread("e", 4, 28), NOW, one).frequent())
          .isFalse();
      assertThat(PatternAnalyzer.analyze(Episodes.spread("e", 5, 28), NOW, one).frequent())
          .isTrue();
    }

    @Test
    void noEpisodes_givesZerosAndEmpties() {
      EpisodePatterns patterns = analyze();

      assertThat(patterns.episodeCount()).isZero();
      assertThat(patterns.episodesPerWeek()).isZero();
      assertThat(patterns.nightShare()).isZero();
      assertThat(patterns.dominantSite()).isEmpty();
      assertThat(patterns.dominantSide()).isEmpty();
      assertThat(patterns.severityTrend()).isEqualTo(SeverityTrend.INSUFFICIENT_DATA);
      assertThat(patterns.longestEpisodeId()).isEmpty();
      assertThat(patterns.longestDuration()).isEqualTo(Duration.ZERO);
      assertThat(patterns.frequent()).isFalse();
    }
  }

  @Nested
  class Window {

    @Test
    void boundaries_areInclusiveAtBothEnds() {
      Instant start = NOW.minus(Duration.ofDays(28));
      List<CrampEpisode> episodes =
          List.of(
              anEpisode("at-start").onset(start).build(),
              anEpisode("just-before").onset(start.minusSeconds(1)).build(),
              anEpisode("at-end").onset(NOW).build());

      List<CrampEpisode> window = PatternAnalyzer.inWindow(episodes, NOW, DEFAULTS);

      assertThat(window).extracting(CrampEpisode::id).containsExactly("at-start", "at-end");
      EpisodePatterns patterns = analyze(episodes);
      assertThat(patterns.windowStart()).isEqualTo(start);
      assertThat(patterns.windowEnd()).isEqualTo(NOW);
      assertThat(patterns.episodeCount()).isEqualTo(2);
    }

    @Test
    void episodesAfterTheEnd_areNotInTheWindow() {
      List<CrampEpisode> window =
          PatternAnalyzer.inWindow(
              List.of(anEpisode("later").onset(NOW.plusSeconds(1)).build()), NOW, DEFAULTS);

      assertThat(window).isEmpty();
    }

    @Test
    void inWindow_sortsOldestFirstThenById() {
      Instant t = NOW.minus(Duration.ofDays(2));
      List<CrampEpisode> window =
          PatternAnalyzer.inWindow(
              List.of(
                  anEpisode("b").onset(t).build(),
                  anEpisode("c").daysAgo(1).build(),
                  anEpisode("a").onset(t).build(),
                  anEpisode("d").daysAgo(5).build()),
              NOW,
              DEFAULTS);

      assertThat(window).extracting(CrampEpisode::id).containsExactly("d", "a", "b", "c");
    }
  }

  @Nested
  class NightShare {

    @Test
    void nightShare_isTheShareDuringSleep() {
      EpisodePatterns patterns =
          analyze(
              anEpisode("a").daysAgo(1).atNight().build(),
              anEpisode("b").daysAgo(2).atNight().build(),
              anEpisode("c").daysAgo(3).atNight().build(),
              anEpisode("d").daysAgo(4).build());

      assertThat(patterns.nightShare()).isEqualTo(0.75);
    }
  }

  @Nested
  class DominantSiteAndSide {

    @Test
    void dominantSite_isTheMostFrequent() {
      EpisodePatterns patterns =
          analyze(
              anEpisode("a").hand().daysAgo(1).build(),
              anEpisode("b").calf().daysAgo(2).build(),
              anEpisode("c").calf().daysAgo(3).build());

      assertThat(patterns.dominantSite()).contains(BodySite.CALF);
    }

    @Test
    void dominantSite_tieGoesToTheSiteDeclaredFirst() {
      EpisodePatterns patterns =
          analyze(
              anEpisode("a").calf().daysAgo(1).build(),
              anEpisode("b").at(BodySite.FOOT).daysAgo(2).build(),
              anEpisode("c").calf().daysAgo(3).build(),
              anEpisode("d").at(BodySite.FOOT).daysAgo(4).build());

      assertThat(patterns.dominantSite()).contains(BodySite.FOOT);
    }

    @Test
    void dominantSide_ignoresEpisodesWithoutASide() {
      EpisodePatterns patterns =
          analyze(
              anEpisode("a").right().daysAgo(1).build(),
              anEpisode("b").daysAgo(2).build(),
              anEpisode("c").daysAgo(3).build());

      assertThat(patterns.dominantSide()).contains(Laterality.RIGHT);
    }

    @Test
    void dominantSide_tieGoesToTheSideDeclaredFirst() {
      EpisodePatterns patterns =
          analyze(
              anEpisode("a").side(Laterality.BOTH).daysAgo(1).build(),
              anEpisode("b").right().daysAgo(2).build(),
              anEpisode("c").side(Laterality.BOTH).daysAgo(3).build(),
              anEpisode("d").right().daysAgo(4).build());

      assertThat(patterns.dominantSide()).contains(Laterality.RIGHT);
    }

    @Test
    void dominantSide_moreOfALaterSideWins() {
      EpisodePatterns patterns =
          analyze(
              anEpisode("a").left().daysAgo(1).build(),
              anEpisode("b").side(Laterality.BOTH).daysAgo(2).build(),
              anEpisode("c").side(Laterality.BOTH).daysAgo(3).build());

      assertThat(patterns.dominantSide()).contains(Laterality.BOTH);
    }

    @Test
    void dominantSide_noSidesAtAll_isEmpty() {
      assertThat(analyze(anEpisode("a").build()).dominantSide()).isEmpty();
    }
  }

  @Nested
  class Trend {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
      "'2,4,6,8', WORSENING",
      "'8,6,4,2', IMPROVING",
      "'5,5,5,5', STABLE",
      "'4,5,6', STABLE",
      "'6,5,4', STABLE",
      "'4,6,7', WORSENING",
      "'7,5,4', IMPROVING",
      "'3,9', INSUFFICIENT_DATA",
      "'9', INSUFFICIENT_DATA",
    })
    void severityTrend_followsTheSlopePerWeek(String severities, SeverityTrend expected) {
      int[] values =
          java.util.Arrays.stream(severities.split(",")).mapToInt(Integer::parseInt).toArray();

      assertThat(analyze(weekly(values)).severityTrend()).isEqualTo(expected);
    }

    @Test
    void severityTrend_allAtTheSameInstant_isInsufficient() {
      Instant t = NOW.minus(Duration.ofDays(1));
      EpisodePatterns patterns =
          analyze(
              anEpisode("a").onset(t).severity(1).build(),
              anEpisode("b").onset(t).severity(5).build(),
              anEpisode("c").onset(t).severity(9).build());

      assertThat(patterns.severityTrend()).isEqualTo(SeverityTrend.INSUFFICIENT_DATA);
    }

    @Test
    void severityTrend_usesTheConfiguredSlope() {
      PatternSettings steep = new PatternSettings(Duration.ofDays(28), 3, 2.5);

      assertThat(PatternAnalyzer.analyze(weekly(2, 4, 6, 8), NOW, steep).severityTrend())
          .isEqualTo(SeverityTrend.STABLE);
      assertThat(PatternAnalyzer.analyze(weekly(1, 4, 7, 10), NOW, steep).severityTrend())
          .isEqualTo(SeverityTrend.WORSENING);
    }

    @Test
    void severityTrend_inputOrderDoesNotMatter() {
      List<CrampEpisode> episodes = new ArrayList<>(weekly(2, 4, 6, 8));
      java.util.Collections.reverse(episodes);

      assertThat(analyze(episodes).severityTrend()).isEqualTo(SeverityTrend.WORSENING);
    }
  }

  @Nested
  class Longest {

    @Test
    void longestEpisode_isTheOneWithTheLongestDuration() {
      EpisodePatterns patterns =
          analyze(
              anEpisode("short").daysAgo(1).lasting(Duration.ofMinutes(1)).build(),
              anEpisode("long").daysAgo(2).lasting(Duration.ofMinutes(9)).build(),
              anEpisode("mid").daysAgo(3).lasting(Duration.ofMinutes(4)).build());

      assertThat(patterns.longestEpisodeId()).contains("long");
      assertThat(patterns.longestDuration()).isEqualTo(Duration.ofMinutes(9));
    }

    @Test
    void longestEpisode_tieGoesToTheEarliest() {
      EpisodePatterns patterns =
          analyze(
              anEpisode("later").daysAgo(1).lasting(Duration.ofMinutes(5)).build(),
              anEpisode("earliest").daysAgo(9).lasting(Duration.ofMinutes(5)).build(),
              anEpisode("middle").daysAgo(4).lasting(Duration.ofMinutes(5)).build());

      assertThat(patterns.longestEpisodeId()).contains("earliest");
    }

    @Test
    void longestEpisode_ignoresEpisodesOutsideTheWindow() {
      EpisodePatterns patterns =
          analyze(
              anEpisode("old").daysAgo(40).lasting(Duration.ofHours(1)).build(),
              anEpisode("recent").daysAgo(1).lasting(Duration.ofMinutes(2)).build());

      assertThat(patterns.longestEpisodeId()).contains("recent");
    }
  }

  @Nested
  class Settings {

    @Test
    void window_shorterThanADay_isRejected() {
      assertThatThrownBy(() -> new PatternSettings(Duration.ofHours(23), 3, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("patternSettings.window must be at least one day, got PT23H");
    }

    @Test
    void window_ofOneDay_isAccepted() {
      assertThat(new PatternSettings(Duration.ofDays(1), 0, 0.1).window())
          .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void frequentPerWeek_negative_isRejected() {
      assertThatThrownBy(() -> new PatternSettings(Duration.ofDays(28), -0.5, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("patternSettings.frequentPerWeek must not be negative, got -0.5");
    }

    @Test
    void trendSlope_zero_isRejected() {
      assertThatThrownBy(() -> new PatternSettings(Duration.ofDays(28), 3, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("patternSettings.trendSlopePerWeek must be positive, got 0.0");
    }

    @Test
    void defaults_areTwentyEightDaysThreeAWeekOnePointAWeek() {
      assertThat(PatternSettings.defaults())
          .isEqualTo(new PatternSettings(Duration.ofDays(28), 3.0, 1.0));
      assertThat(SeverityTrend.INSUFFICIENT_DATA.code()).isEqualTo("insufficient-data");
    }
  }
}
