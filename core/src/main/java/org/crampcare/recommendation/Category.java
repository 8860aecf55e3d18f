package org.crampcare.recommendation;

import org.crampcare.terminology.Coded;

/** The kind of a recommendation, in the order an assessment lists them. */
public enum Category implements Coded {
  /** Seek medical care now. */
  URGENT("urgent"),
  /** See a clinician, have tests, review medicines or conditions. */
  CLINICAL_FOLLOW_UP("clinical-follow-up"),
  /** What to do during a cramp. */
  IMMEDIATE_RELIEF("immediate-relief"),
  /** What to do to have fewer cramps. */
  PREVENTION("prevention");

  private final String code;

  Category(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
