package org.crampcare.pattern;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;

/**
 * Patterns in the episodes of one window.
 *
 * @param windowStart the start of the window, inclusive
 * @param windowEnd the end of the window (the assessment time), inclusive
 * @param episodeCount how many episodes started in the window
 * @param episodesPerWeek the weekly average over the whole window
 * @param nightShare the share of episodes during sleep, 0 to 1 (0 when there are none)
 * @param dominantSite the most frequent site; ties go to the site declared first
 * @param dominantSide the most frequent side among episodes with a side; ties go to the side
 *     declared first
 * @param severityTrend the direction of severity over time, over the episodes with a recorded
 *     severity (insufficient data below three)
 * @param longestEpisodeId the id of the longest episode among those with a recorded duration; ties
 *     go to the earliest
 * @param longestDuration the longest recorded duration, zero when no episode has one
 * @param frequent whether the weekly average is above the configured threshold
 * @param withSeverity how many episodes in the window have a recorded severity (the trend is over
 *     those only: an unknown severity is not a mild one)
 * @param withDuration how many episodes in the window have a recorded duration
 */
public record EpisodePatterns(
    Instant windowStart,
    Instant windowEnd,
    int episodeCount,
    double episodesPerWeek,
    double nightShare,
    Optional<BodySite> dominantSite,
    Optional<Laterality> dominantSide,
    SeverityTrend severityTrend,
    Optional<String> longestEpisodeId,
    Duration longestDuration,
    boolean frequent,
    int withSeverity,
    int withDuration) {

  /**
   * Analyses the episodes that started in the window ending at {@code asOf}; others are ignored.
   *
   * @param episodes the whole history, in any order
   * @param asOf the end of the window
   * @param settings window and thresholds
   * @return the patterns
   */
  public static EpisodePatterns of(
      List<CrampEpisode> episodes, Instant asOf, PatternSettings settings) {
    return PatternAnalyzer.analyze(episodes, asOf, settings);
  }

  /**
   * Returns the episodes whose onset lies in the window that ends at {@code asOf}, oldest first
   * (ties by id).
   */
  public static List<CrampEpisode> inWindow(
      List<CrampEpisode> episodes, Instant asOf, PatternSettings settings) {
    return PatternAnalyzer.inWindow(episodes, asOf, settings);
  }
}
