package org.crampcare.pattern;

import org.crampcare.terminology.Coded;

/** Direction of severity over the window, from a least-squares slope. */
public enum SeverityTrend implements Coded {
  /** Severity is rising faster than the configured slope. */
  WORSENING("worsening"),
  /** Severity changes less than the configured slope. */
  STABLE("stable"),
  /** Severity is falling faster than the configured slope. */
  IMPROVING("improving"),
  /** Fewer than three episodes, or all at the same instant. */
  INSUFFICIENT_DATA("insufficient-data");

  private final String code;

  SeverityTrend(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
