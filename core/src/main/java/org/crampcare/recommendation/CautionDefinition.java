package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A caution the rule book can attach, with its code and display.
 *
 * @param code the stable code in {@code https://crampcare.org/fhir/CodeSystem/caution}
 * @param display a short name
 */
public record CautionDefinition(String code, String display) {

  /** Checks code and display. */
  public CautionDefinition {
    checkArgument(!code.isBlank(), "caution.code must not be blank");
    checkArgument(!display.isBlank(), "caution %s: display must not be blank", code);
  }
}
