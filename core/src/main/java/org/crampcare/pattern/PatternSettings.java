package org.crampcare.pattern;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/**
 * How patterns are computed.
 *
 * @param window how far back from the assessment time episodes count (default 28 days)
 * @param frequentPerWeek cramps are "frequent" when the weekly average over the window is above
 *     this (default 3). No guideline gives a frequency cut-off (knowledge base B6): a configurable
 *     working definition.
 * @param trendSlopePerWeek the least-squares slope, in NRS points a week, beyond which severity is
 *     worsening or improving (default 1.0)
 */
public record PatternSettings(Duration window, double frequentPerWeek, double trendSlopePerWeek) {

  /** Checks that the window is at least a day and the numbers are positive. */
  public PatternSettings {
    checkArgument(
        window.compareTo(Duration.ofDays(1)) >= 0,
        "patternSettings.window must be at least one day, got %s",
        window);
    checkArgument(
        frequentPerWeek >= 0,
        "patternSettings.frequentPerWeek must not be negative, got %s",
        frequentPerWeek);
    checkArgument(
        trendSlopePerWeek > 0,
        "patternSettings.trendSlopePerWeek must be positive, got %s",
        trendSlopePerWeek);
  }

  /** Returns the defaults: 28 days, more than 3 a week is frequent, trend beyond 1 point a week. */
  public static PatternSettings defaults() {
    return new PatternSettings(Duration.ofDays(28), 3.0, 1.0);
  }
}
