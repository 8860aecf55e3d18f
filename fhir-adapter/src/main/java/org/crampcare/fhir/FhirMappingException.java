package org.crampcare.fhir;

import org.crampcare.CrampCareException;

/**
 * FHIR input that cannot be used at all: no Patient, more than one Patient, a Patient without a
 * birth date, a bundle type that carries no current record, or text that is not FHIR R4 JSON.
 * Problems with single resources never throw; they go into the mapping report of {@link
 * ImportResult#report()}.
 *
 * <p>Messages name resource ids and element paths and say what was expected; they carry no patient
 * data.
 */
public class FhirMappingException extends CrampCareException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was wrong, where, and what was expected
   */
  public FhirMappingException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what was wrong, where, and what was expected
   * @param cause the underlying failure, for example HAPI's {@code DataFormatException}
   */
  public FhirMappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
