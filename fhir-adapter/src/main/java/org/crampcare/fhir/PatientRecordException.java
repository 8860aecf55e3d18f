package org.crampcare.fhir;

import org.crampcare.CrampCareException;

/**
 * A patient's record could not be read from a FHIR server. Says which request failed ({@link
 * #request()}, for example {@code searching Observation?patient=Patient/p1}), for which part of the
 * record ({@link #query()}), how ({@link #kind()}) and the server's or the network's detail, so
 * that each caller can word it for its own users. Nothing read before the failure is returned: a
 * record is read whole or not at all.
 */
public final class PatientRecordException extends CrampCareException {
  private static final long serialVersionUID = 1L;

  /** How a request failed. */
  public enum Kind {
    /** The server answered 404. */
    NOT_FOUND,
    /** The server answered with another error status. */
    REJECTED,
    /** The server could not be reached. */
    UNREACHABLE,
    /** The server did not answer in time. */
    TIMED_OUT,
    /** A search went on for more pages than the reader's bound. */
    TOO_MANY_PAGES
  }

  private final String query;
  private final String request;
  private final Kind kind;
  private final int status;
  private final String detail;

  PatientRecordException(
      String query, String request, Kind kind, int status, String detail, Throwable cause) {
    super(request + ": " + detail, cause);
    this.query = query;
    this.request = request;
    this.kind = kind;
    this.status = status;
    this.detail = detail;
  }

  PatientRecordException(String query, String request, String detail) {
    super(request + ": " + detail);
    this.query = query;
    this.request = request;
    this.kind = Kind.TOO_MANY_PAGES;
    this.status = 0;
    this.detail = detail;
  }

  /**
   * Returns the part of the record: {@code patient}, {@code observations}, {@code conditions},
   * {@code medicationRequests}, {@code medicationStatements} or {@code medications}.
   */
  public String query() {
    return query;
  }

  /** Returns the request, for example {@code searching Condition?patient=Patient/p1 (page 2)}. */
  public String request() {
    return request;
  }

  /** Returns how it failed. */
  public Kind kind() {
    return kind;
  }

  /** Returns the HTTP status the server answered, or 0 when it did not answer. */
  public int status() {
    return status;
  }

  /**
   * Returns the detail: {@code HTTP 500 database unavailable}, {@code cannot connect (...)}, {@code
   * no answer within 30 s (timed out)}, {@code not found (HTTP 404)} or the page bound.
   */
  public String detail() {
    return detail;
  }
}
