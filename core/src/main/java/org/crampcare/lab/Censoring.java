package org.crampcare.lab;

import org.crampcare.terminology.Coded;

/**
 * A censored result: the lab reported a bound, not a value (FHIR {@code Quantity.comparator}). A
 * result {@code >20000 U/L} is at least that high; it is evidence, never a reason to drop the
 * result.
 */
public enum Censoring implements Coded {
  /** Above the value ({@code >}). */
  ABOVE(">"),
  /** At or above the value ({@code >=}). */
  AT_LEAST(">="),
  /** Below the value ({@code <}). */
  BELOW("<"),
  /** At or below the value ({@code <=}). */
  AT_MOST("<=");

  private final String code;

  Censoring(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns whether the true value is at least the reported one. */
  public boolean lowerBound() {
    return this == ABOVE || this == AT_LEAST;
  }
}
