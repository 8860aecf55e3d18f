package org.crampcare.fhir;

import org.crampcare.CrampCareException;

/**
 * A sync that failed: a request to the FHIR server failed, or the data read cannot be assessed. The
 * message names the request and the server, and says whether anything was written.
 */
public final class SyncException extends CrampCareException {
  private static final long serialVersionUID = 1L;

  SyncException(String message) {
    super(message);
  }

  SyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
