package org.crampcare.pattern;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;

/** Computes {@link EpisodePatterns}. Stateless and thread-safe. */
final class PatternAnalyzer {
  private static final BodySite[] SITES = BodySite.values();
  private static final Laterality[] SIDES = Laterality.values();
  // Onset, then id; written out rather than composed, as it runs for every pair sorted.
  private static final Comparator<CrampEpisode> OLDEST_FIRST =
      (a, b) -> {
        int byOnset = a.onset().compareTo(b.onset());
        return byOnset != 0 ? byOnset : a.id().compareTo(b.id());
      };

  private static final double SECONDS_PER_WEEK = 7 * 24 * 3600.0;
  private static final int MIN_EPISODES_FOR_TREND = 3;

  private PatternAnalyzer() {}

  /**
   * Returns the episodes whose onset lies in the window that ends at {@code asOf}, oldest first
   * (ties by id).
   */
  public static List<CrampEpisode> inWindow(
      List<CrampEpisode> episodes, Instant asOf, PatternSettings settings) {
    Instant start = asOf.minus(settings.window());
    if (alreadyTheWindow(episodes, start, asOf)) {
      // A window passed in again (the assessor analyses the window it took): no copy, no sort.
      return episodes instanceof ImmutableList ? episodes : Collections.unmodifiableList(episodes);
    }
    List<CrampEpisode> result = new ArrayList<>(episodes.size());
    for (CrampEpisode e : episodes) {
      if (!e.onset().isBefore(start) && !e.onset().isAfter(asOf)) {
        result.add(e);
      }
    }
    result.sort(OLDEST_FIRST);
    return result;
  }

  private static boolean alreadyTheWindow(
      List<CrampEpisode> episodes, Instant start, Instant asOf) {
    CrampEpisode previous = null;
    for (int i = 0; i < episodes.size(); i++) {
      CrampEpisode e = episodes.get(i);
      if (e.onset().isBefore(start) || e.onset().isAfter(asOf)) {
        return false;
      }
      if (previous != null) {
        int order = previous.onset().compareTo(e.onset());
        if (order > 0 || (order == 0 && previous.id().compareTo(e.id()) > 0)) {
          return false;
        }
      }
      previous = e;
    }
    return true;
  }

  /**
   * Analyses the episodes that started in the window ending at {@code asOf}; others are ignored.
   *
   * @param episodes the whole history, in any order
   * @param asOf the end of the window
   * @param settings window and thresholds
   * @return the patterns
   */
  public static EpisodePatterns analyze(
      List<CrampEpisode> episodes, Instant asOf, PatternSettings settings) {
    List<CrampEpisode> window = inWindow(episodes, asOf, settings);
    int count = window.size();
    double weeks = settings.window().getSeconds() / SECONDS_PER_WEEK;
    double perWeek = count / weeks;
    // One pass: night episodes, recorded severities and durations, and the longest recorded
    // duration (an unknown duration is not a short one; a tie goes to the earliest onset).
    int night = 0;
    int withSeverity = 0;
    int withDuration = 0;
    CrampEpisode longestEpisode = null;
    for (int i = 0; i < count; i++) {
      CrampEpisode e = window.get(i);
      if (e.atNight()) {
        night++;
      }
      if (e.severity().isPresent()) {
        withSeverity++;
      }
      Optional<Duration> d = e.duration();
      if (d.isPresent()) {
        withDuration++;
        if (longestEpisode == null) {
          longestEpisode = e;
        } else {
          int order = d.get().compareTo(longestEpisode.duration().orElseThrow());
          if (order > 0 || (order == 0 && e.onset().isBefore(longestEpisode.onset()))) {
            longestEpisode = e;
          }
        }
      }
    }
    double nightShare = count == 0 ? 0 : (double) night / count;
    Optional<CrampEpisode> longest = Optional.ofNullable(longestEpisode);
    return new EpisodePatterns(
        asOf.minus(settings.window()),
        asOf,
        count,
        perWeek,
        nightShare,
        mode(window, CrampEpisode::site, SITES),
        mode(window, CrampEpisode::laterality, SIDES),
        trend(window, settings.trendSlopePerWeek()),
        longest.map(CrampEpisode::id),
        longest.flatMap(CrampEpisode::duration).orElse(Duration.ZERO),
        perWeek > settings.frequentPerWeek(),
        withSeverity,
        withDuration);
  }

  private static <E extends Enum<E>> Optional<E> mode(
      List<CrampEpisode> episodes,
      java.util.function.Function<CrampEpisode, Optional<E>> key,
      E[] constants) {
    int[] counts = null;
    for (int i = 0; i < episodes.size(); i++) {
      Optional<E> k = key.apply(episodes.get(i));
      if (k.isPresent()) {
        if (counts == null) {
          counts = new int[constants.length];
        }
        counts[k.get().ordinal()]++;
      }
    }
    if (counts == null) {
      return Optional.empty();
    }
    // The most frequent; a tie goes to the first in declaration order.
    int best = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    return Optional.of(constants[best]);
  }

  /** The trend over the episodes with a recorded severity; unknown severities are left out. */
  private static SeverityTrend trend(List<CrampEpisode> window, double slopeThreshold) {
    int n = 0;
    Instant origin = null;
    double sumX = 0;
    double sumY = 0;
    for (int i = 0; i < window.size(); i++) {
      CrampEpisode e = window.get(i);
      Optional<Integer> severity = e.severity();
      if (severity.isPresent()) {
        if (origin == null) {
          origin = e.onset();
        }
        n++;
        sumX += weeksBetween(origin, e.onset());
        sumY += severity.get();
      }
    }
    if (n < MIN_EPISODES_FOR_TREND || origin == null) {
      return SeverityTrend.INSUFFICIENT_DATA;
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < window.size(); i++) {
      CrampEpisode e = window.get(i);
      Optional<Integer> severity = e.severity();
      if (severity.isPresent()) {
        double dx = weeksBetween(origin, e.onset()) - meanX;
        sxx += dx * dx;
        sxy += dx * (severity.get() - meanY);
      }
    }
    if (sxx == 0) {
      return SeverityTrend.INSUFFICIENT_DATA;
    }
    double slope = sxy / sxx;
    if (slope > slopeThreshold) {
      return SeverityTrend.WORSENING;
    }
    if (slope < -slopeThreshold) {
      return SeverityTrend.IMPROVING;
    }
    return SeverityTrend.STABLE;
  }

  /** Returns {@code Duration.between(from, to).getSeconds()} in weeks, without a Duration. */
  private static double weeksBetween(Instant from, Instant to) {
    long seconds = to.getEpochSecond() - from.getEpochSecond();
    if (to.getNano() < from.getNano()) {
      seconds--;
    }
    return seconds / SECONDS_PER_WEEK;
  }
}
