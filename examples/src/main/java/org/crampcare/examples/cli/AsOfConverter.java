package org.crampcare.examples.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts {@code --as-of}: a date {@code YYYY-MM-DD} means the end of that day in UTC (23:59:59Z),
 * so that everything recorded on that day counts; a date-time with an offset, such as {@code
 * 2026-11-21T09:30:00Z} or {@code 2026-11-21T15:00:00+05:30}, is taken as given.
 */
final class AsOfConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    return parse(value);
  }

  /** Returns the last second of a day in UTC, 23:59:59Z. */
  static Instant endOfDay(LocalDate date) {
    return date.atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC);
  }

  /**
   * Parses an {@code --as-of} value.
   *
   * @throws TypeConversionException naming the value and the accepted forms
   */
  static Instant parse(String value) {
    try {
      if (value.length() == "YYYY-MM-DD".length()) {
        return endOfDay(LocalDate.parse(value));
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a date or a date-time; expected YYYY-MM-DD (the end of that day in UTC)"
              + " or YYYY-MM-DDThh:mm:ssZ");
    }
  }
}
