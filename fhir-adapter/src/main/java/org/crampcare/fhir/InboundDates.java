package org.crampcare.fhir;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.jspecify.annotations.Nullable;

/**
 * Reads FHIR date and dateTime values from their text, never through {@code Date}: HAPI places a
 * date without a time zone in the JVM's default zone, which would make the result depend on the
 * machine. A value without a zone is taken as UTC, the zone the core model uses for dates.
 */
final class InboundDates {
  private InboundDates() {}

  /** How precise a FHIR date or dateTime is. */
  enum Precision {
    YEAR,
    MONTH,
    DAY,
    TIME
  }

  /**
   * A point in time read from FHIR.
   *
   * @param instant the start of the period the value names, in UTC
   * @param date the calendar date (the UTC date of {@code instant} when a time is given)
   * @param precision how precise the value was
   */
  record FhirTime(
      Instant instant, LocalDate date, Precision precision, Optional<ZoneOffset> offset) {
    boolean atLeastDay() {
      return precision == Precision.DAY || precision == Precision.TIME;
    }
  }

  /**
   * Reads a date, dateTime or instant primitive.
   *
   * @param value the primitive, may be null or empty
   * @return the time, or empty if the value is absent or not a valid FHIR date/dateTime
   */
  static Optional<FhirTime> read(@Nullable PrimitiveType<?> value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.getValueAsString();
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    return parse(text.trim());
  }

  /** Parses the text of a FHIR date, dateTime or instant. */
  static Optional<FhirTime> parse(String text) {
    try {
      switch (text.length()) {
        case 4:
          {
            LocalDate date = Year.parse(text).atDay(1);
            return Optional.of(of(date, Precision.YEAR));
          }
        case 7:
          {
            LocalDate date = YearMonth.parse(text).atDay(1);
            return Optional.of(of(date, Precision.MONTH));
          }
        case 10:
          return Optional.of(of(LocalDate.parse(text), Precision.DAY));
        default:
          return Optional.of(dateTime(text));
      }
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static FhirTime of(LocalDate date, Precision precision) {
    return new FhirTime(
        date.atStartOfDay(ZoneOffset.UTC).toInstant(), date, precision, Optional.empty());
  }

  private static FhirTime dateTime(String text) {
    if (hasZone(text)) {
      // The local date comes from the record's own offset, not from UTC. A time written in Z has
      // usually been converted by a server and says nothing of the patient's clock: no offset.
      OffsetDateTime parsed = OffsetDateTime.parse(text);
      return new FhirTime(
          parsed.toInstant(),
          parsed.toLocalDate(),
          Precision.TIME,
          text.endsWith("Z") ? Optional.empty() : Optional.of(parsed.getOffset()));
    }
    Instant instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    return new FhirTime(
        instant, LocalDate.ofInstant(instant, ZoneOffset.UTC), Precision.TIME, Optional.empty());
  }

  private static boolean hasZone(String text) {
    int t = text.indexOf('T');
    if (t < 0) {
      return false;
    }
    String time = text.substring(t);
    return time.endsWith("Z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
  }
}
