package org.crampcare.lab;

import org.crampcare.terminology.Coded;

/** Where a result lies relative to its reference range. */
public enum Interpretation implements Coded {
  /** Below the range. */
  LOW("low"),
  /** Within the range, bounds included. */
  NORMAL("normal"),
  /** Above the range. */
  HIGH("high"),
  /** No range is known, so the result cannot be judged. */
  UNKNOWN("unknown");

  private final String code;

  Interpretation(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
