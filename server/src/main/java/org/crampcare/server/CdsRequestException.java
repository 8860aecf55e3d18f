package org.crampcare.server;

import java.util.Map;

/**
 * A CDS Hooks request the service refuses, with the HTTP status to answer and a reason that names
 * the field but never quotes patient data.
 */
final class CdsRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Map<String, String> headers;

  CdsRequestException(int status, String reason) {
    this(status, reason, Map.of());
  }

  CdsRequestException(int status, String reason, Map<String, String> headers) {
    super(reason);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  CdsRequestException(int status, String reason, Throwable cause) {
    super(reason, cause);
    this.status = status;
    this.headers = Map.of();
  }

  int status() {
    return status;
  }

  /** Returns the response headers the refusal needs, such as WWW-Authenticate or Retry-After. */
  Map<String, String> headers() {
    return headers;
  }

  static CdsRequestException badRequest(String reason) {
    return new CdsRequestException(400, reason);
  }
}
