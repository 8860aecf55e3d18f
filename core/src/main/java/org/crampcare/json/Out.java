package org.crampcare.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import org.crampcare.terminology.Coded;

/** Writes CrampCare's value formats with a Jackson generator. */
final class Out {
  private Out() {}

  /** Writes a code field. */
  static void code(JsonGenerator g, String name, Coded value) throws IOException {
    g.writeStringField(name, value.code());
  }

  /** Writes a code field if the value is present. */
  static void code(JsonGenerator g, String name, Optional<? extends Coded> value)
      throws IOException {
    if (value.isPresent()) {
      code(g, name, value.get());
    }
  }

  /** Writes an array of codes, in the collection's order; empty as {@code []}. */
  static void codes(JsonGenerator g, String name, Collection<? extends Coded> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (Coded value : values) {
      g.writeString(value.code());
    }
    g.writeEndArray();
  }

  /** Writes a string field if the value is present. */
  static void string(JsonGenerator g, String name, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get());
    }
  }

  /** Writes an instant as an ISO-8601 UTC string. */
  static void instant(JsonGenerator g, String name, Instant value) throws IOException {
    g.writeStringField(name, value.toString());
  }

  /** Writes a date as {@code YYYY-MM-DD}. */
  static void date(JsonGenerator g, String name, LocalDate value) throws IOException {
    g.writeStringField(name, value.toString());
  }

  /** Writes a duration as an ISO-8601 string such as {@code PT2M}. */
  static void duration(JsonGenerator g, String name, Duration value) throws IOException {
    g.writeStringField(name, value.toString());
  }

  /** Writes an exact decimal in plain notation, with its trailing zeros. */
  static void decimal(JsonGenerator g, String name, BigDecimal value) throws IOException {
    g.writeFieldName(name);
    // WRITE_BIGDECIMAL_AS_PLAIN is on; a negative scale (6E+1) is written as the integer 60.
    g.writeNumber(value.scale() < 0 ? value.setScale(0) : value);
  }

  /** Writes an exact decimal if present. */
  static void decimal(JsonGenerator g, String name, Optional<BigDecimal> value) throws IOException {
    if (value.isPresent()) {
      decimal(g, name, value.get());
    }
  }

  /**
   * Writes a finite number.
   *
   * @throws IllegalArgumentException if the number is NaN or infinite, which JSON cannot carry
   */
  static void number(JsonGenerator g, String name, double value) throws IOException {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          name + ": " + value + " cannot be written as JSON; expected a finite number");
    }
    g.writeNumberField(name, value);
  }

  /** Writes a finite number if present. */
  static void number(JsonGenerator g, String name, Optional<Double> value) throws IOException {
    if (value.isPresent()) {
      number(g, name, value.get());
    }
  }
}
