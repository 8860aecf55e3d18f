package org.crampcare.episode;

import org.crampcare.terminology.Coded;

/**
 * How precisely a record gives the onset of a cramp. A record known only to the day says nothing
 * about the time of day: rules never read night-time or hours from it.
 */
public enum OnsetPrecision implements Coded {
  /** The onset is known to the instant (a date and a time of day). */
  INSTANT("instant"),
  /** Only the day is known; the onset instant is the start of that day in the record's offset. */
  DAY("day");

  private final String code;

  OnsetPrecision(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
