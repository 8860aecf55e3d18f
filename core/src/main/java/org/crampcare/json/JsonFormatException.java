package org.crampcare.json;

import org.crampcare.CrampCareException;

/**
 * A JSON document is malformed or does not match CrampCare's schema. The message starts with the
 * JSON path of the offending value ({@code $} for the document itself), then names the value and
 * what was expected, for example {@code episodes[2].severity: 11 is not allowed; expected an
 * integer from 0 to 10}.
 */
public final class JsonFormatException extends CrampCareException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * Creates an exception.
   *
   * @param path the JSON path of the offending value, {@code $} for the document itself
   * @param problem what is wrong and what was expected
   */
  JsonFormatException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /**
   * Creates an exception with a cause.
   *
   * @param path the JSON path of the offending value, {@code $} for the document itself
   * @param problem what is wrong and what was expected
   * @param cause the underlying failure
   */
  JsonFormatException(String path, String problem, Throwable cause) {
    super(path + ": " + problem, cause);
    this.path = path;
  }

  /**
   * Returns the JSON path of the offending value, for example {@code episodes[2].severity}, or
   * {@code $} for the document itself.
   */
  public String path() {
    return path;
  }
}
