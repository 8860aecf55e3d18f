package org.crampcare.lab;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/** Interprets results against the lab's range, else the documented adult default. Stateless. */
final class LabInterpreter {
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
      range = result.analyte().adultDefaultIn(result.unit());
      source = RangeSource.ADULT_DEFAULT;
    } else {
      range = Optional.empty();
      source = RangeSource.NONE;
    }
    if (result.referenceRange().isEmpty()
        && result.flag().isPresent()
        && result.flag().get() != LabFlag.NORMAL) {
      // The lab's own judgement outranks a generic adult default: it knows its method.
      range = Optional.empty();
      source = RangeSource.LAB_FLAG;
    }
    Interpretation interpretation;
    if (source == RangeSource.LAB_FLAG) {
      interpretation = result.flag().orElseThrow().interpretation();
    } else if (range.isPresent()) {
      interpretation = classify(result, range.get());
    } else {
      interpretation = result.flag().map(LabFlag::interpretation).orElse(Interpretation.UNKNOWN);
      source = result.flag().isPresent() ? RangeSource.LAB_FLAG : RangeSource.NONE;
    }
    return new LabInterpretation(result, interpretation, source, range, current);
  }

  /**
   * Classifies a value against a range. A censored value is a bound: {@code >20000} above a range
   * is high, but {@code >3} against 3.5-5.1 could be anything, so it is unknown.
   */
  private static Interpretation classify(LabResult result, ReferenceRange range) {
    Interpretation byBound = classify(result.value(), range);
    if (result.censoring().isEmpty()) {
      return byBound;
    }
    boolean lowerBound = result.censoring().get().lowerBound();
    if (lowerBound && byBound == Interpretation.HIGH) {
      return Interpretation.HIGH;
    }
    if (!lowerBound && byBound == Interpretation.LOW) {
      return Interpretation.LOW;
    }
    return Interpretation.UNKNOWN;
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
