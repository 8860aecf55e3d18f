package org.crampcare.fhir.testserver;

import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A span of time implied by a FHIR date, dateTime or instant at its precision: {@code 2026-11} is
 * the whole of November 2026. The lower bound is inclusive, the upper bound exclusive.
 *
 * <p>A value without a time zone (a date, or a search value such as {@code 2026-11-01T10:00}) is
 * taken in UTC, never in the machine's zone, so results do not depend on where the server runs.
 * That is why the span is computed here rather than with HAPI's {@code DateRangeParam}, whose
 * bounds for such values are in the JVM's default time zone; the prefix is HAPI's ({@link
 * ca.uhn.fhir.rest.param.ParamPrefixEnum}).
 *
 * @param start the first instant in the span
 * @param end the first instant after the span
 */
record DateRange(Instant start, Instant end) {
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern HAS_OFFSET = Pattern.compile(".*T.*(Z|[+-]\\d{2}:\\d{2})$");

  /** An unbounded range, for a Period with neither start nor end. */
  static final DateRange ALL_TIME = new DateRange(Instant.MIN, Instant.MAX);

  /**
   * Parses a FHIR date, dateTime or instant.
   *
   * @throws IllegalArgumentException if the text is not one
   */
  static DateRange parse(String text) {
    try {
      if (YEAR.matcher(text).matches()) {
        LocalDate start = LocalDate.of(Integer.parseInt(text), 1, 1);
        return ofDays(start, start.plusYears(1));
      }
      if (MONTH.matcher(text).matches()) {
        LocalDate start = YearMonth.parse(text).atDay(1);
        return ofDays(start, start.plusMonths(1));
      }
      if (DAY.matcher(text).matches()) {
        LocalDate start = LocalDate.parse(text);
        return ofDays(start, start.plusDays(1));
      }
      Instant start =
          HAS_OFFSET.matcher(text).matches()
              ? OffsetDateTime.parse(text).toInstant()
              : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      String time = text.substring(text.indexOf('T') + 1);
      long precisionMillis;
      if (time.contains(".")) {
        precisionMillis = 1;
      } else if (time.length() >= 8 && time.charAt(5) == ':') {
        precisionMillis = 1_000;
      } else {
        precisionMillis = 60_000;
      }
      return new DateRange(start, start.plusMillis(precisionMillis));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a FHIR date or dateTime; expected for example 2026-11-01", e);
    }
  }

  private static DateRange ofDays(LocalDate start, LocalDate endExclusive) {
    return new DateRange(
        start.atStartOfDay().toInstant(ZoneOffset.UTC),
        endExclusive.atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /** Returns the span from the start of this range to the end of {@code other}. */
  DateRange through(DateRange other) {
    return new DateRange(start, other.end);
  }

  /**
   * Returns whether this range (a resource's value) satisfies a search {@code prefix} against the
   * {@code search} range, following the FHIR search rules for ranges.
   *
   * @throws IllegalArgumentException for a prefix this server does not support
   */
  boolean matches(ParamPrefixEnum prefix, DateRange search) {
    switch (prefix) {
      case EQUAL:
        return !start.isBefore(search.start) && !end.isAfter(search.end);
      case NOT_EQUAL:
        return !matches(ParamPrefixEnum.EQUAL, search);
      case GREATERTHAN:
        return end.isAfter(search.end);
      case LESSTHAN:
        return start.isBefore(search.start);
      case GREATERTHAN_OR_EQUALS:
        return end.isAfter(search.start);
      case LESSTHAN_OR_EQUALS:
        return start.isBefore(search.end);
      case STARTS_AFTER:
        return !start.isBefore(search.end);
      case ENDS_BEFORE:
        return !end.isAfter(search.start);
      default:
        throw new IllegalArgumentException(unsupported(prefix.getValue()));
    }
  }

  /**
   * Reads the prefix of a date search value ({@code ge2026-11-01}) with HAPI's {@link
   * ParamPrefixEnum}; no prefix means {@code eq}.
   *
   * @throws IllegalArgumentException for a prefix that is not a FHIR one
   */
  static ParamPrefixEnum prefix(String searchValue) {
    if (searchValue.length() <= 2 || !Character.isLetter(searchValue.charAt(0))) {
      return ParamPrefixEnum.EQUAL;
    }
    ParamPrefixEnum prefix = ParamPrefixEnum.forValue(searchValue.substring(0, 2));
    if (prefix == null) {
      throw new IllegalArgumentException(unsupported(searchValue.substring(0, 2)));
    }
    return prefix;
  }

  private static String unsupported(String prefix) {
    return "date prefix '"
        + prefix
        + "' is not supported; expected eq, ne, gt, lt, ge, le, sa or eb";
  }
}
