package org.crampcare.patient;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * Lifestyle facts as reported; absent values are unknown, not zero.
 *
 * @param fluidLitresPerDay usual daily fluid intake in litres
 * @param alcoholUnitsPerWeek usual alcohol intake in standard units a week
 * @param exercise exercise habits
 * @param repetitiveHandWorkHoursPerDay hours a day of typing, texting or other repetitive hand work
 * @param sittingHoursPerDay hours a day spent sitting
 * @param coldExposure whether the person is often exposed to cold
 */
public record Lifestyle(
    Optional<Double> fluidLitresPerDay,
    Optional<Double> alcoholUnitsPerWeek,
    ExerciseHabit exercise,
    Optional<Double> repetitiveHandWorkHoursPerDay,
    Optional<Double> sittingHoursPerDay,
    boolean coldExposure) {

  private static final double HOURS_PER_DAY = 24;
  private static final double MAX_LITRES_PER_DAY = 20;

  /** Checks that every quantity is non-negative and hours do not exceed 24. */
  public Lifestyle {
    check("lifestyle.fluidLitresPerDay", fluidLitresPerDay, MAX_LITRES_PER_DAY);
    check("lifestyle.alcoholUnitsPerWeek", alcoholUnitsPerWeek, Double.MAX_VALUE);
    check("lifestyle.repetitiveHandWorkHoursPerDay", repetitiveHandWorkHoursPerDay, HOURS_PER_DAY);
    check("lifestyle.sittingHoursPerDay", sittingHoursPerDay, HOURS_PER_DAY);
  }

  private static void check(String field, Optional<Double> value, double max) {
    value.ifPresent(
        v ->
            checkArgument(
                v >= 0 && v <= max && !Double.isNaN(v),
                "%s must be between 0 and %s, got %s",
                field,
                max == Double.MAX_VALUE ? "any positive number" : max,
                v));
  }

  /** Returns a lifestyle where nothing is known. */
  public static Lifestyle unknown() {
    return new Lifestyle(
        Optional.empty(),
        Optional.empty(),
        ExerciseHabit.UNKNOWN,
        Optional.empty(),
        Optional.empty(),
        false);
  }

  /** Returns a copy with the daily fluid intake. */
  public Lifestyle withFluidLitresPerDay(double litres) {
    return new Lifestyle(
        Optional.of(litres),
        alcoholUnitsPerWeek,
        exercise,
        repetitiveHandWorkHoursPerDay,
        sittingHoursPerDay,
        coldExposure);
  }

  /** Returns a copy with the weekly alcohol intake. */
  public Lifestyle withAlcoholUnitsPerWeek(double units) {
    return new Lifestyle(
        fluidLitresPerDay,
        Optional.of(units),
        exercise,
        repetitiveHandWorkHoursPerDay,
        sittingHoursPerDay,
        coldExposure);
  }

  /** Returns a copy with the exercise habits. */
  public Lifestyle withExercise(ExerciseHabit habit) {
    return new Lifestyle(
        fluidLitresPerDay,
        alcoholUnitsPerWeek,
        habit,
        repetitiveHandWorkHoursPerDay,
        sittingHoursPerDay,
        coldExposure);
  }

  /** Returns a copy with the daily hours of repetitive hand work. */
  public Lifestyle withRepetitiveHandWorkHoursPerDay(double hours) {
    return new Lifestyle(
        fluidLitresPerDay,
        alcoholUnitsPerWeek,
        exercise,
        Optional.of(hours),
        sittingHoursPerDay,
        coldExposure);
  }

  /** Returns a copy with the daily hours of sitting. */
  public Lifestyle withSittingHoursPerDay(double hours) {
    return new Lifestyle(
        fluidLitresPerDay,
        alcoholUnitsPerWeek,
        exercise,
        repetitiveHandWorkHoursPerDay,
        Optional.of(hours),
        coldExposure);
  }

  /** Returns a copy with the cold exposure flag. */
  public Lifestyle withColdExposure(boolean exposed) {
    return new Lifestyle(
        fluidLitresPerDay,
        alcoholUnitsPerWeek,
        exercise,
        repetitiveHandWorkHoursPerDay,
        sittingHoursPerDay,
        exposed);
  }
}
