package org.crampcare.lab;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * A result judged against a reference range at an assessment date.
 *
 * @param result the result
 * @param interpretation low, normal, high or unknown
 * @param rangeSource whose range was used
 * @param range the range used, in the result's unit; empty when none was known
 * @param current whether the result is recent enough to count as current evidence
 */
public record LabInterpretation(
    LabResult result,
    Interpretation interpretation,
    RangeSource rangeSource,
    Optional<ReferenceRange> range,
    boolean current) {

  /**
   * Interprets one result against the lab's range, else the lab's flag, else the documented adult
   * default.
   *
   * @param result the result
   * @param asOf the assessment date
   * @param maxAge how old a result may be and still count as current evidence
   * @return the interpretation
   */
  public static LabInterpretation of(LabResult result, LocalDate asOf, Period maxAge) {
    return LabInterpreter.interpret(result, asOf, maxAge);
  }

  /** Returns whether the result is current and outside its range. */
  public boolean isCurrentAndAbnormal() {
    return current
        && (interpretation == Interpretation.LOW || interpretation == Interpretation.HIGH);
  }

  /** Returns this interpretation marked as not current: a newer result of the analyte decides. */
  public LabInterpretation superseded() {
    return new LabInterpretation(result, interpretation, rangeSource, range, false);
  }

  /** Returns whether the lab flagged the result as critically high or critically abnormal. */
  public boolean criticalHighFlag() {
    return result.flag().map(f -> f.critical() && f != LabFlag.CRITICAL_LOW).orElse(false);
  }

  /** Returns the value as a multiple of the range's upper bound, when there is one. */
  public Optional<Double> multipleOfUpperLimit() {
    return range
        .flatMap(ReferenceRange::high)
        .filter(high -> high.signum() > 0)
        .map(high -> result.value().doubleValue() / high.doubleValue());
  }

  /**
   * Describes the result for a clinician, for example "potassium 3.1 mmol/L on 2026-11-02, below
   * 3.5 (lab range 3.5-5.1)".
   */
  public String describe() {
    LabResult r = result;
    StringBuilder text =
        new StringBuilder()
            .append(r.analyte().display())
            .append(' ')
            .append(r.valueText())
            .append(' ')
            .append(r.unit())
            .append(" on ")
            .append(r.date());
    range.ifPresent(
        range -> {
          switch (interpretation) {
            case LOW:
              text.append(", below ").append(bound(range.low()));
              break;
            case HIGH:
              text.append(", above ").append(bound(range.high()));
              break;
            default:
              text.append(", within range");
              break;
          }
          text.append(rangeSource == RangeSource.LAB ? " (lab range " : " (adult default range ")
              .append(range.describe())
              .append(')');
        });
    if (range.isEmpty()) {
      if (rangeSource == RangeSource.LAB_FLAG) {
        text.append(", flagged ")
            .append(r.flag().map(LabFlag::code).orElse("?"))
            .append(" by the lab (no numeric range)");
      } else {
        text.append(", no reference range known");
      }
    }
    return text.toString();
  }

  private static String bound(Optional<BigDecimal> bound) {
    return bound.map(BigDecimal::toPlainString).orElse("?");
  }
}
