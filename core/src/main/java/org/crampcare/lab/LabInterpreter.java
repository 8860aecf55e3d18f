package org.crampcare.lab;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/** Interprets results against the lab's range, else the documented adult default. Stateless. */
public final class LabInterpreter {
  private LabInterpreter() {}

  /**
   * Interprets one result.
   *
   * @param result the result
   * @param asOf the assessment date
   * @param maxAge how old a result may be and still count as current evidence
   * @return the interpretation
   */
  public static LabInterpretation interpret(LabResult result, LocalDate asOf, Period maxAge) {
    boolean current = !result.date().isBefore(asOf.minus(maxAge)) && !result.date().isAfter(asOf);
    Optional<ReferenceRange> range;
    RangeSource source;
    if (result.referenceRange().isPresent()) {
      range = result.referenceRange();
      source = RangeSource.LAB;
    } else if (result.analyte().adultDefault().isPresent()) {
      double factor = result.analyte().factorToCanonical(result.unit());
      range =
          factor == 1.0
              ? result.analyte().adultDefault()
              : result.analyte().adultDefault().map(r -> r.scaled(1.0 / factor));
      source = RangeSource.ADULT_DEFAULT;
    } else {
      range = Optional.empty();
      source = RangeSource.NONE;
    }
    Interpretation interpretation =
        range.map(r -> classify(result.value(), r)).orElse(Interpretation.UNKNOWN);
    return new LabInterpretation(result, interpretation, source, range, current);
  }

  private static Interpretation classify(BigDecimal value, ReferenceRange range) {
    if (range.low().isPresent() && value.compareTo(range.low().get()) < 0) {
      return Interpretation.LOW;
    }
    if (range.high().isPresent() && value.compareTo(range.high().get()) > 0) {
      return Interpretation.HIGH;
    }
    return Interpretation.NORMAL;
  }
}
