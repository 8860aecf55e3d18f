package org.crampcare.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Codes;

/**
 * A JSON value at a path, possibly absent, with checked conversions that report the path, the value
 * and what was expected. Absent means the field is missing or JSON {@code null}; required
 * conversions reject both, optional ones read both as empty.
 */
final class Node {
  /** The path of the document itself. */
  static final String ROOT = "$";

  static final String INSTANT = "an ISO-8601 instant such as '2026-11-21T10:00:00Z'";
  static final String DATE = "a date such as '2026-11-21' (YYYY-MM-DD)";
  static final String ID = "a non-blank string";
  static final String TEXT = "a string";
  static final String BOOLEAN = "true or false";
  static final String ARRAY = "an array";
  static final String OBJECT = "an object";

  private static final int MAX_SHOWN = 40;

  /** The most digits a decimal may have on either side of the decimal point. */
  static final int MAX_DIGITS = 20;

  private final JsonNode node;
  private final String path;
  private final int version;

  private Node(JsonNode node, String path, int version) {
    this.node = node;
    this.path = path;
    this.version = version;
  }

  /** Returns the document's root value. */
  static Node root(JsonNode node) {
    return new Node(node, ROOT, SCHEMA_VERSION);
  }

  /** The schema version CrampCare writes; documents of version 1 are still read. */
  static final int SCHEMA_VERSION = 2;

  /** Returns the schema version of the document this value belongs to. */
  int version() {
    return version;
  }

  /** Returns whether the value is missing or JSON {@code null}. */
  boolean isAbsent() {
    return node.isMissingNode() || node.isNull();
  }

  /** Returns the path of a field of this value. */
  String child(String name) {
    return path.equals(ROOT) ? name : path + "." + name;
  }

  /** Returns an error about this value. */
  JsonFormatException problem(String problem) {
    return new JsonFormatException(path, problem);
  }

  /** Returns an error saying this value is not allowed and what was expected. */
  JsonFormatException invalid(String expected) {
    return problem(render(node) + " is not allowed; expected " + expected);
  }

  private JsonNode present(String expected) {
    if (node.isMissingNode()) {
      throw problem("is missing; expected " + expected);
    }
    return node;
  }

  /**
   * Checks that this value is an object with only the given fields.
   *
   * @param fields the allowed fields
   * @return the object
   * @throws JsonFormatException if it is absent, not an object or has another field
   */
  Obj object(List<String> fields) {
    JsonNode n = present(OBJECT);
    if (!n.isObject()) {
      throw invalid(OBJECT);
    }
    for (String name : ImmutableList.copyOf(n.fieldNames())) {
      if (!fields.contains(name)) {
        throw new JsonFormatException(
            child(name), "unknown field; allowed fields are " + String.join(", ", fields));
      }
    }
    return new Obj(this);
  }

  /**
   * Checks that this value is a top-level document of the given schema with only the given fields
   * besides {@code schema}. The schema is checked before the fields, so that a document of another
   * kind is reported as such.
   */
  Obj document(String schema, List<String> fields) {
    return document(schema, version -> fields);
  }

  /**
   * Checks that this value is a top-level document of the given kind, at version 1 or the current
   * version ({@code crampcare/episode/1} or {@code crampcare/episode/2} for {@code
   * crampcare/episode/2}), with only the fields of that version besides {@code schema}; the values
   * below it know their version.
   */
  Obj document(String schema, java.util.function.IntFunction<List<String>> fields) {
    JsonNode n = present(OBJECT);
    if (!n.isObject()) {
      throw invalid("a JSON object");
    }
    Node schemaNode = new Node(n.path("schema"), child("schema"), version);
    String base = schema.substring(0, schema.lastIndexOf('/') + 1);
    String expected = "'" + schema + "' (or '" + base + "1')";
    String given = schemaNode.string(expected);
    int found;
    if (given.equals(schema)) {
      found = SCHEMA_VERSION;
    } else if (given.equals(base + "1")) {
      found = 1;
    } else {
      throw schemaNode.problem(render(schemaNode.node) + " is not supported; expected " + expected);
    }
    Node versioned = new Node(node, path, found);
    return versioned.object(
        ImmutableList.<String>builder().add("schema").addAll(fields.apply(found)).build());
  }

  /** Returns the value as a UTC offset such as {@code +05:30} or {@code Z}. */
  ZoneOffset offset() {
    String value = string("a UTC offset such as '+05:30' or 'Z'");
    try {
      return ZoneOffset.of(value);
    } catch (DateTimeException e) {
      throw problem(quote(value) + " is not a UTC offset; expected one such as '+05:30' or 'Z'");
    }
  }

  /** Returns the value as a string; {@code expected} describes what is allowed. */
  String string(String expected) {
    JsonNode n = present(expected);
    if (!n.isTextual()) {
      throw invalid(expected);
    }
    return n.textValue();
  }

  /** Returns the value as any string. */
  String text() {
    return string(TEXT);
  }

  /** Returns the value as a non-blank string, such as an id. */
  String id() {
    String value = string(ID);
    if (value.isBlank()) {
      throw invalid(ID);
    }
    return value;
  }

  /** Returns the constant of {@code type} whose code is the value. */
  <E extends Enum<E> & Coded> E code(Class<E> type) {
    String expected = "one of " + Codes.allowed(type);
    String value = string(expected);
    return Codes.fromCode(type, value)
        .orElseThrow(() -> problem(render(node) + " is not known; expected " + expected));
  }

  /** Returns the value as an integer from {@code min} to {@code max}, bounds included. */
  int integer(int min, int max) {
    String expected =
        max == Integer.MAX_VALUE
            ? "an integer of at least " + min
            : "an integer from " + min + " to " + max;
    JsonNode n = present(expected);
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
      throw invalid(expected);
    }
    return n.intValue();
  }

  /** Returns the value as true or false. */
  boolean bool() {
    JsonNode n = present(BOOLEAN);
    if (!n.isBoolean()) {
      throw invalid(BOOLEAN);
    }
    return n.booleanValue();
  }

  /** Returns the value as an exact decimal, keeping its written scale. */
  BigDecimal decimal() {
    return decimal("a number");
  }

  /** Returns the value as an exact decimal that is not negative. */
  BigDecimal nonNegativeDecimal() {
    BigDecimal value = decimal("a number of at least 0");
    if (value.signum() < 0) {
      throw invalid("a number of at least 0");
    }
    return value;
  }

  private BigDecimal decimal(String expected) {
    JsonNode n = present(expected);
    if (!n.isNumber()) {
      throw invalid(expected);
    }
    BigDecimal value = n.isBigInteger() ? new BigDecimal(n.bigIntegerValue()) : n.decimalValue();
    // An exponent such as 1e999999999 is short to write but has a billion digits in plain notation.
    if (value.precision() - value.scale() > MAX_DIGITS || value.scale() > MAX_DIGITS) {
      throw invalid(
          "a number with at most "
              + MAX_DIGITS
              + " digits before and "
              + MAX_DIGITS
              + " after the decimal point");
    }
    return value;
  }

  /** Returns the value as a finite number from {@code min} to {@code max}, bounds included. */
  double number(double min, double max) {
    String expected =
        max == Double.MAX_VALUE
            ? "a number of at least " + plain(min)
            : "a number from " + plain(min) + " to " + plain(max);
    JsonNode n = present(expected);
    if (!n.isNumber()) {
      throw invalid(expected);
    }
    double value = n.doubleValue();
    if (!Double.isFinite(value) || value < min || value > max) {
      throw invalid(expected);
    }
    return value;
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Returns the value as an instant; any UTC offset is accepted, none is not. */
  Instant instant() {
    String value = string(INSTANT);
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(INSTANT);
    }
  }

  /** Returns the value as a calendar date. */
  LocalDate date() {
    String value = string(DATE);
    try {
      return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeParseException e) {
      throw invalid(DATE);
    }
  }

  /** Returns the value as a positive duration, or a non-negative one if {@code zeroAllowed}. */
  Duration duration(boolean zeroAllowed) {
    String expected =
        (zeroAllowed ? "a non-negative" : "a positive") + " ISO-8601 duration such as 'PT2M'";
    String value = string(expected);
    Duration duration;
    try {
      duration = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(expected);
    }
    if (duration.isNegative() || (duration.isZero() && !zeroAllowed)) {
      throw invalid(expected);
    }
    return duration;
  }

  /** Returns the items of an array; an absent array has none. */
  List<Node> items() {
    if (isAbsent()) {
      return ImmutableList.of();
    }
    if (!node.isArray()) {
      throw invalid(ARRAY);
    }
    ImmutableList.Builder<Node> items = ImmutableList.builder();
    for (int i = 0; i < node.size(); i++) {
      items.add(new Node(node.get(i), path + "[" + i + "]", version));
    }
    return items.build();
  }

  /** Returns the items of an array mapped by {@code reader}; an absent array has none. */
  <T> ImmutableList<T> list(Function<Node, T> reader) {
    return items().stream().map(reader).collect(ImmutableList.toImmutableList());
  }

  /** Returns the codes of an array, each at most once; an absent array has none. */
  <E extends Enum<E> & Coded> Set<E> codes(Class<E> type) {
    Set<E> codes = EnumSet.noneOf(type);
    for (Node item : items()) {
      E code = item.code(type);
      if (!codes.add(code)) {
        throw item.problem(render(item.node) + " appears more than once; expected each code once");
      }
    }
    return codes;
  }

  /** Applies {@code reader} to a present value; an absent one is empty. */
  <T> Optional<T> optional(Function<Node, T> reader) {
    return isAbsent() ? Optional.empty() : Optional.of(reader.apply(this));
  }

  /**
   * Builds a model value, reporting a rejected argument at this path.
   *
   * @throws JsonFormatException with the model's message if it throws {@link
   *     IllegalArgumentException}
   */
  <T> T build(Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new JsonFormatException(path, String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * Checks that the {@code id} field of each item is unique.
   *
   * @param items the items
   * @param ids their ids, in the same order
   */
  static void requireUniqueIds(List<Node> items, List<String> ids) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!seen.add(ids.get(i))) {
        throw new JsonFormatException(
            items.get(i).child("id"),
            quote(ids.get(i)) + " appears more than once; expected a unique id");
      }
    }
  }

  /** Returns a field of an object value. */
  Node field(String name) {
    return new Node(node.path(name), child(name), version);
  }

  /** Describes a JSON value for a message: strings quoted and shortened, containers by kind. */
  static String render(JsonNode value) {
    if (value.isTextual()) {
      return quote(value.textValue());
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isObject()) {
      return "an object";
    }
    return value.asText();
  }

  /** Quotes a string for a message, shortened if long. */
  static String quote(String text) {
    return "'" + shorten(text) + "'";
  }

  private static String shorten(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
  }

  /** An object value whose fields have been checked. */
  static final class Obj {
    private final Node node;

    private Obj(Node node) {
      this.node = node;
    }

    /** Returns the schema version of the document. */
    int version() {
      return node.version;
    }

    /** Returns a field, absent if it is missing or null. */
    Node get(String name) {
      return node.field(name);
    }

    /** Builds a model value, reporting a rejected argument at this object's path. */
    <T> T build(Supplier<T> constructor) {
      return node.build(constructor);
    }
  }
}
