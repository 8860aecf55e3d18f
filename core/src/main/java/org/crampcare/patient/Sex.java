package org.crampcare.patient;

import org.crampcare.terminology.Coded;

/** Administrative sex, as FHIR's {@code AdministrativeGender}. */
public enum Sex implements Coded {
  /** Female. */
  FEMALE("female"),
  /** Male. */
  MALE("male"),
  /** Other. */
  OTHER("other"),
  /** Unknown. */
  UNKNOWN("unknown");

  private final String code;

  Sex(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
