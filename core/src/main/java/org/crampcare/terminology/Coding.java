package org.crampcare.terminology;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A code from a code system, with its display text.
 *
 * @param system the code system URI, for example {@code http://snomed.info/sct}
 * @param code the code within that system
 * @param display the human-readable display
 */
public record Coding(String system, String code, String display) {

  /** Checks that system and code are not blank. */
  public Coding {
    checkArgument(!system.isBlank(), "coding.system must not be blank");
    checkArgument(!code.isBlank(), "coding.code must not be blank (system %s)", system);
  }
}
