package org.crampcare.server;

import org.crampcare.CrampCareException;

/** A server could not start, for example because its port is taken. */
public final class ServerStartException extends CrampCareException {
  private static final long serialVersionUID = 1L;

  ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
