package org.crampcare.risk;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Period;
import org.crampcare.pattern.PatternSettings;

/**
 * The numbers the assessment depends on. Every default says where it comes from; those that no
 * source in the knowledge base gives are marked as working defaults to be set by the integrator.
 *
 * @param patterns window, "frequent" cut-off and trend slope
 * @param labMaxAge a result older than this is not current evidence (default 12 months)
 * @param advancedKidneyEgfr eGFR below this means advanced kidney disease (default 30, stage 4-5)
 * @param creatineKinaseUrgentMultiple creatine kinase at or above this multiple of the upper limit
 *     of normal is "far above range" (default 5; a conventional rhabdomyolysis threshold, not in
 *     the knowledge base: a working default)
 * @param lowFluidLitresPerDay below this daily intake is low (default 1.5 L; the consumer figure,
 *     unverified as cramp evidence, knowledge base B7)
 * @param alcoholUnitsPerWeek above this weekly intake counts as a risk factor (default 14; a
 *     working default, not in the knowledge base)
 * @param repetitiveHandWorkHoursPerDay at or above this many hours counts (default 4; working
 *     default)
 * @param sittingHoursPerDay at or above this many hours counts (default 8; working default)
 * @param disruptiveEpisodes this many episodes in the window that disturbed sleep or daily life
 *     warrant a visit (default 2; working default)
 * @param adultAge below this age the rule book does not apply (default 18)
 */
public record Thresholds(
    PatternSettings patterns,
    Period labMaxAge,
    double advancedKidneyEgfr,
    double creatineKinaseUrgentMultiple,
    double lowFluidLitresPerDay,
    double alcoholUnitsPerWeek,
    double repetitiveHandWorkHoursPerDay,
    double sittingHoursPerDay,
    int disruptiveEpisodes,
    int adultAge) {

  /** Checks every number is in a sensible range. */
  public Thresholds {
    checkArgument(
        !labMaxAge.isNegative() && !labMaxAge.isZero(),
        "thresholds.labMaxAge must be positive, got %s",
        labMaxAge);
    positive("thresholds.advancedKidneyEgfr", advancedKidneyEgfr);
    checkArgument(
        creatineKinaseUrgentMultiple >= 1,
        "thresholds.creatineKinaseUrgentMultiple must be at least 1, got %s",
        creatineKinaseUrgentMultiple);
    positive("thresholds.lowFluidLitresPerDay", lowFluidLitresPerDay);
    positive("thresholds.alcoholUnitsPerWeek", alcoholUnitsPerWeek);
    positive("thresholds.repetitiveHandWorkHoursPerDay", repetitiveHandWorkHoursPerDay);
    positive("thresholds.sittingHoursPerDay", sittingHoursPerDay);
    checkArgument(
        disruptiveEpisodes >= 1,
        "thresholds.disruptiveEpisodes must be at least 1, got %s",
        disruptiveEpisodes);
    checkArgument(adultAge >= 0, "thresholds.adultAge must not be negative, got %s", adultAge);
  }

  private static void positive(String field, double value) {
    checkArgument(value > 0, "%s must be positive, got %s", field, value);
  }

  /** Returns the defaults documented on each component. */
  public static Thresholds defaults() {
    return new Thresholds(
        PatternSettings.defaults(), Period.ofMonths(12), 30, 5, 1.5, 14, 4, 8, 2, 18);
  }

  /** Returns a copy with other pattern settings. */
  public Thresholds withPatterns(PatternSettings settings) {
    return new Thresholds(
        settings,
        labMaxAge,
        advancedKidneyEgfr,
        creatineKinaseUrgentMultiple,
        lowFluidLitresPerDay,
        alcoholUnitsPerWeek,
        repetitiveHandWorkHoursPerDay,
        sittingHoursPerDay,
        disruptiveEpisodes,
        adultAge);
  }

  /** Returns a copy with another maximum lab age. */
  public Thresholds withLabMaxAge(Period maxAge) {
    return new Thresholds(
        patterns,
        maxAge,
        advancedKidneyEgfr,
        creatineKinaseUrgentMultiple,
        lowFluidLitresPerDay,
        alcoholUnitsPerWeek,
        repetitiveHandWorkHoursPerDay,
        sittingHoursPerDay,
        disruptiveEpisodes,
        adultAge);
  }
}
