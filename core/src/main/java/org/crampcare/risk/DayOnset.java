package org.crampcare.risk;

import java.time.LocalDate;

/**
 * A fact value: an onset known only to the day, written {@code 2026-11-20 (time not recorded)}. An
 * onset known to the instant is an {@link java.time.Instant} value.
 *
 * @param day the local date
 */
public record DayOnset(LocalDate day) {
  @Override
  public String toString() {
    return day + " (time not recorded)";
  }
}
