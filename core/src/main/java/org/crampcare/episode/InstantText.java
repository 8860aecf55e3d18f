package org.crampcare.episode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Formats an {@link Instant} exactly as {@link Instant#toString()} does, without the general {@code
 * DateTimeFormatter} machinery: fact texts name episode onsets hundreds of times per assessment,
 * and {@code Instant.toString()} was a quarter of the assessment's time. Years outside 1000-9999
 * fall back to {@link Instant#toString()}.
 */
final class InstantText {
  /** 1000-01-01T00:00:00Z. */
  private static final long FIRST_FAST_SECOND = -30_610_224_000L;

  /** 10000-01-01T00:00:00Z. */
  private static final long END_FAST_SECOND = 253_402_300_800L;

  private static final int SECONDS_PER_DAY = 86_400;
  private static final int NANOS_PER_MILLI = 1_000_000;
  private static final int NANOS_PER_MICRO = 1_000;

  private InstantText() {}

  /** Returns {@code instant.toString()}. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_FAST_SECOND || seconds >= END_FAST_SECOND) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    StringBuilder text = new StringBuilder(30);
    text.append(date.getYear()).append('-');
    twoDigits(text, date.getMonthValue()).append('-');
    twoDigits(text, date.getDayOfMonth()).append('T');
    twoDigits(text, secondOfDay / 3600).append(':');
    twoDigits(text, secondOfDay / 60 % 60).append(':');
    twoDigits(text, secondOfDay % 60);
    int nanos = instant.getNano();
    if (nanos > 0) {
      text.append('.');
      if (nanos % NANOS_PER_MILLI == 0) {
        digits(text, nanos / NANOS_PER_MILLI, 3);
      } else if (nanos % NANOS_PER_MICRO == 0) {
        digits(text, nanos / NANOS_PER_MICRO, 6);
      } else {
        digits(text, nanos, 9);
      }
    }
    return text.append('Z').toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private static void digits(StringBuilder text, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      text.append('0');
    }
    text.append(s);
  }
}
