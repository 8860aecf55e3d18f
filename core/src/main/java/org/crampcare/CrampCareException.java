package org.crampcare;

/**
 * The root of CrampCare's own failures (malformed JSON, unusable FHIR input and the like). Bad
 * arguments to a method are reported with {@link IllegalArgumentException} instead. Messages name
 * the field, the value and what was expected, and carry no patient data beyond resource ids.
 */
public class CrampCareException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed, which value, and what to do
   */
  public CrampCareException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what failed, which value, and what to do
   * @param cause the underlying failure
   */
  public CrampCareException(String message, Throwable cause) {
    super(message, cause);
  }
}
