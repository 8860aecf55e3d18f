package org.crampcare.lab;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One laboratory result as reported.
 *
 * @param id a stable identifier (a FHIR resource id, for example)
 * @param analyte what was measured
 * @param value the value in {@code unit}
 * @param unit the UCUM unit; must be one of the analyte's units, never guessed
 * @param date when the specimen was taken
 * @param referenceRange the reporting lab's own range, in {@code unit}, when known
 * @param censoring when the lab reported a bound ({@code >20000}), which way it bounds the value
 * @param flag the lab's own interpretation flag, when it gave one
 */
public record LabResult(
    String id,
    Analyte analyte,
    BigDecimal value,
    String unit,
    LocalDate date,
    Optional<ReferenceRange> referenceRange,
    Optional<Censoring> censoring,
    Optional<LabFlag> flag) {

  /**
   * Checks the id, the value and the unit; a unit outside the analyte's is an error for this
   * result.
   */
  public LabResult {
    checkArgument(!id.isBlank(), "lab.id must not be blank");
    checkArgument(
        value.signum() >= 0,
        "lab %s (%s): value must not be negative, got %s",
        id,
        analyte.code(),
        value);
    String given = unit;
    unit =
        analyte
            .knownUnit(unit)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        String.format(
                            "lab %s (%s): unit '%s' is not a unit of %s; expected one of %s",
                            id,
                            analyte.code(),
                            given,
                            analyte.display(),
                            String.join(", ", analyte.units()))));
  }

  /** Returns an uncensored, unflagged result. */
  public LabResult(
      String id,
      Analyte analyte,
      BigDecimal value,
      String unit,
      LocalDate date,
      Optional<ReferenceRange> referenceRange) {
    this(id, analyte, value, unit, date, referenceRange, Optional.empty(), Optional.empty());
  }

  /** Returns a result without a lab reference range. */
  public static LabResult of(
      String id, Analyte analyte, double value, String unit, LocalDate date) {
    return new LabResult(id, analyte, BigDecimal.valueOf(value), unit, date, Optional.empty());
  }

  /** Returns this result with the lab's own reference range, in the result's unit. */
  public LabResult withRange(double low, double high) {
    return new LabResult(
        id, analyte, value, unit, date, Optional.of(ReferenceRange.of(low, high)), censoring, flag);
  }

  /** Returns this result as a bound: the lab reported, for example, {@code >20000}. */
  public LabResult censored(Censoring censoring) {
    return new LabResult(
        id, analyte, value, unit, date, referenceRange, Optional.of(censoring), flag);
  }

  /** Returns this result with the lab's own interpretation flag. */
  public LabResult flagged(LabFlag flag) {
    return new LabResult(
        id, analyte, value, unit, date, referenceRange, censoring, Optional.of(flag));
  }

  /** Returns the value as the lab wrote it, with its comparator when censored ({@code >20000}). */
  public String valueText() {
    return censoring.map(Censoring::code).orElse("") + value.toPlainString();
  }

  /** Returns the value converted to the analyte's canonical unit. */
  public double canonicalValue() {
    return value.doubleValue() * analyte.factorToCanonical(unit);
  }
}
