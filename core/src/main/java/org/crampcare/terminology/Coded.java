package org.crampcare.terminology;

/**
 * A vocabulary constant with a stable, lower-case code used in CrampCare's JSON, and optionally a
 * standard coding.
 */
public interface Coded {
  /** Returns the stable code used in CrampCare's JSON, for example {@code "calf"}. */
  String code();
}
