package org.crampcare.risk;

import org.crampcare.terminology.Coded;

/** What kind of input a {@link Fact} comes from. */
public enum FactKind implements Coded {
  /** A cramp episode; the source id is the episode id. */
  EPISODE("episode"),
  /** A laboratory result; the source id is the result id. */
  LAB("lab"),
  /** A condition; the source id is the condition id. */
  CONDITION("condition"),
  /** A medication; the source id is the medication id. */
  MEDICATION("medication"),
  /** Demographics such as age or pregnancy; the source id is the patient id when known. */
  PATIENT("patient"),
  /** Lifestyle as reported; no source id. */
  LIFESTYLE("lifestyle"),
  /** A pattern over the episode window; no source id. */
  PATTERN("pattern"),
  /** Something that is missing, such as a current potassium result; no source id. */
  ABSENCE("absence"),
  /** A sign recorded on its own, outside a cramp episode. */
  FINDING("finding");

  private final String code;

  FactKind(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
