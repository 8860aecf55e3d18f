package org.crampcare.examples.cli;

/**
 * A problem with what the user gave the command line: a file that cannot be read or parsed, data
 * the engine rejects, a server that fails. The command prints the message and exits with 1.
 */
final class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserInputException(String message) {
    super(message);
  }

  UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
