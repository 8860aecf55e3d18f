package org.crampcare.recommendation;

import org.crampcare.terminology.Coded;

/** How soon a recommendation should be acted on. */
public enum Priority implements Coded {
  /** Now: same day. */
  URGENT("urgent"),
  /** Soon: within days or weeks. */
  SOON("soon"),
  /** Routine self-care. */
  ROUTINE("routine");

  private final String code;

  Priority(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
