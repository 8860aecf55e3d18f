package org.crampcare.server;

/**
 * A CDS Hooks request the service refuses, with the HTTP status to answer and a reason that names
 * the field but never quotes patient data.
 */
final class CdsRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  CdsRequestException(int status, String reason) {
    super(reason);
    this.status = status;
  }

  CdsRequestException(int status, String reason, Throwable cause) {
    super(reason, cause);
    this.status = status;
  }

  int status() {
    return status;
  }

  static CdsRequestException badRequest(String reason) {
    return new CdsRequestException(400, reason);
  }
}
