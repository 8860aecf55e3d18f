package org.crampcare.risk;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One patient fact that contributed to a finding: what kind of input it comes from, which input
 * item, and what it says as a {@link FactTemplate} with typed values (text, integers, instants,
 * days known only as a date), for example {@code episode-severity} with {@code calf}, {@code
 * 2026-11-20T02:00:00Z} and {@code 6}. The text ("calf cramp on 2026-11-20T02:00:00Z, severity
 * 6/10") is rendered from the template when first asked for, in English, or in any language with
 * {@link #render(Function)}; the engine never builds a text it is not asked for.
 *
 * <p>Immutable and thread-safe. Two facts are equal when they say the same thing about the same
 * input: the same template and values, or, when one is given as text only, the same English text.
 */
public final class Fact {
  private final FactKind kind;
  private final @Nullable String sourceId;
  private final FactTemplate template;
  // Up to three values are fields; more are an array in v0 (with v1 and v2 null). Most facts have
  // two or three values, and an assessment makes a hundred facts, so an array each would be a
  // third of their size.
  private final @Nullable Object v0;
  private final @Nullable Object v1;
  private final @Nullable Object v2;
  private volatile @Nullable String text;

  private Fact(FactKind kind, @Nullable String sourceId, FactTemplate template, Object[] values) {
    this.kind = kind;
    this.sourceId = sourceId;
    this.template = template;
    if (values.length > 3) {
      this.v0 = values;
      this.v1 = null;
      this.v2 = null;
    } else {
      this.v0 = values.length > 0 ? values[0] : null;
      this.v1 = values.length > 1 ? values[1] : null;
      this.v2 = values.length > 2 ? values[2] : null;
    }
  }

  private Fact(
      FactKind kind,
      @Nullable String sourceId,
      FactTemplate template,
      @Nullable Object v0,
      @Nullable Object v1,
      @Nullable Object v2) {
    this.kind = kind;
    this.sourceId = sourceId;
    this.template = template;
    this.v0 = v0;
    this.v1 = v1;
    this.v2 = v2;
  }

  /**
   * Returns a fact given as text.
   *
   * @throws IllegalArgumentException if the text is blank
   */
  public Fact(FactKind kind, Optional<String> sourceId, String text) {
    this(kind, sourceId.orElse(null), FactTemplate.TEXT, text, null, null);
    checkArgument(!text.isBlank(), "fact.text must not be blank");
    this.text = text;
  }

  /** Returns a fact about an input item, given as text. */
  public static Fact about(FactKind kind, String sourceId, String text) {
    return new Fact(kind, Optional.of(sourceId), text);
  }

  /** Returns a fact with no source item (lifestyle, pattern or absence), given as text. */
  public static Fact derived(FactKind kind, String text) {
    return new Fact(kind, Optional.empty(), text);
  }

  /**
   * Returns a structured fact.
   *
   * @param kind the kind of input
   * @param sourceId the input item's id, or null for a derived fact
   * @param template what it says
   * @param values one per slot of the template: {@link String}, {@link Integer} (a {@link Long} is
   *     taken as one), {@link BigDecimal} (a measured value, written without an exponent), {@link
   *     Instant}, {@link LocalDate} (a date, such as a lab result's) or {@link DayOnset} (an onset
   *     known only to the day)
   * @throws IllegalArgumentException if a value is of another type, or a text value is blank
   */
  public static Fact of(
      FactKind kind, @Nullable String sourceId, FactTemplate template, Object... values) {
    return checked(kind, sourceId, template, values.clone());
  }

  /**
   * Returns a structured fact with one value; see {@link #of(FactKind, String, FactTemplate,
   * Object...)}.
   */
  public static Fact of(FactKind kind, @Nullable String sourceId, FactTemplate template, Object a) {
    return new Fact(kind, sourceId, template, check(template, a), null, null);
  }

  /**
   * Returns a structured fact with two values; see {@link #of(FactKind, String, FactTemplate,
   * Object...)}.
   */
  public static Fact of(
      FactKind kind, @Nullable String sourceId, FactTemplate template, Object a, Object b) {
    return new Fact(kind, sourceId, template, check(template, a), check(template, b), null);
  }

  /**
   * Returns a structured fact with three values; see {@link #of(FactKind, String, FactTemplate,
   * Object...)}.
   */
  public static Fact of(
      FactKind kind,
      @Nullable String sourceId,
      FactTemplate template,
      Object a,
      Object b,
      Object c) {
    return new Fact(
        kind, sourceId, template, check(template, a), check(template, b), check(template, c));
  }

  // Typed factories for the shapes the engine makes most (an episode's site or setting, its onset,
  // a severity or a text): the compiler has checked the types, so only a text's blankness is.

  /** Returns a structured fact of a text and an instant, for example a setting and an onset. */
  public static Fact of(
      FactKind kind, @Nullable String sourceId, FactTemplate template, String a, Instant b) {
    return new Fact(kind, sourceId, template, text(template, a), b, null);
  }

  /** Returns a structured fact of a text, an instant and an integer (site, onset, severity). */
  public static Fact of(
      FactKind kind,
      @Nullable String sourceId,
      FactTemplate template,
      String a,
      Instant b,
      Integer c) {
    return new Fact(kind, sourceId, template, text(template, a), b, c);
  }

  /** Returns a structured fact of a text, an instant and a text (site, onset, signs). */
  public static Fact of(
      FactKind kind,
      @Nullable String sourceId,
      FactTemplate template,
      String a,
      Instant b,
      String c) {
    return new Fact(kind, sourceId, template, text(template, a), b, text(template, c));
  }

  /** Returns a structured fact of two texts and an instant (site, setting, onset). */
  public static Fact of(
      FactKind kind,
      @Nullable String sourceId,
      FactTemplate template,
      String a,
      String b,
      Instant c) {
    return new Fact(kind, sourceId, template, text(template, a), text(template, b), c);
  }

  private static String text(FactTemplate template, String value) {
    if (isBlank(value)) {
      throw new IllegalArgumentException("fact " + template.code() + ": a text value is blank");
    }
    return value;
  }

  /** Checks the values of a structured fact; {@code copy} is the fact's own array. */
  private static Fact checked(
      FactKind kind, @Nullable String sourceId, FactTemplate template, Object[] copy) {
    for (int i = 0; i < copy.length; i++) {
      copy[i] = check(template, copy[i]);
    }
    return new Fact(kind, sourceId, template, copy);
  }

  /** Returns the value as the fact keeps it (a long as an integer), or fails naming it. */
  private static Object check(FactTemplate template, Object value) {
    Object v = value instanceof Long ? (Object) Math.toIntExact((Long) value) : value;
    // Messages are built only on failure: this runs for every fact of every assessment.
    if (!(v instanceof String
        || v instanceof Integer
        || v instanceof BigDecimal
        || v instanceof Instant
        || v instanceof LocalDate
        || v instanceof DayOnset)) {
      throw new IllegalArgumentException(
          "fact "
              + template.code()
              + ": value "
              + v
              + " is a "
              + v.getClass().getSimpleName()
              + "; expected text, an integer, a decimal, an instant, a date or a day");
    }
    // A text that starts with a visible character is not blank: no scan of the whole text.
    if (v instanceof String && isBlank((String) v)) {
      throw new IllegalArgumentException("fact " + template.code() + ": a text value is blank");
    }
    return v;
  }

  private static boolean isBlank(String text) {
    return text.isEmpty() || (Character.isWhitespace(text.charAt(0)) && text.isBlank());
  }

  /** Returns how many values the fact has (values are never null). */
  private int count() {
    if (v0 instanceof Object[]) {
      return ((Object[]) v0).length;
    }
    return v0 == null ? 0 : v1 == null ? 1 : v2 == null ? 2 : 3;
  }

  /** Returns value {@code i}, of {@link #count()}. */
  private Object value(int i) {
    Object v =
        v0 instanceof Object[]
            ? ((Object[]) v0)[i]
            : i == 0 ? v0 : i == 1 ? v1 : i == 2 ? v2 : null;
    if (v == null) {
      throw new IndexOutOfBoundsException("fact " + template.code() + " has no value " + i);
    }
    return v;
  }

  /** Returns what kind of input the fact comes from. */
  public FactKind kind() {
    return kind;
  }

  /** Returns the id of the input item, when the fact comes from one. */
  public Optional<String> sourceId() {
    return Optional.ofNullable(sourceId);
  }

  /** Returns what the fact says. */
  public FactTemplate template() {
    return template;
  }

  /** Returns the values, one per slot of the template. */
  public ImmutableList<Object> values() {
    int count = count();
    ImmutableList.Builder<Object> values = ImmutableList.builderWithExpectedSize(count);
    for (int i = 0; i < count; i++) {
      values.add(value(i));
    }
    return values.build();
  }

  /** Returns the clinician-facing English text, rendered on first use. */
  public String text() {
    String t = text;
    if (t == null) {
      t = render(template.english());
      text = t;
    }
    return t;
  }

  /**
   * Renders the fact with a translated sentence when there is one.
   *
   * @param sentences gives the sentence for a template (with the same slots as its English), or
   *     null to keep the English
   */
  public String render(Function<FactTemplate, @Nullable String> sentences) {
    String sentence = sentences.apply(template);
    return sentence == null ? text() : render(sentence);
  }

  private String render(String sentence) {
    StringBuilder out = new StringBuilder(sentence.length() + 32);
    for (int i = 0; i < sentence.length(); i++) {
      char c = sentence.charAt(i);
      int close = c == '{' ? sentence.indexOf('}', i) : -1;
      if (close > i + 1) {
        int slot = Integer.parseInt(sentence.substring(i + 1, close));
        Object value = value(slot);
        out.append(
            value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString());
        i = close;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Returns whether the other fact says the same thing about the same input: the same kind, source
   * and text. Facts with the same template and values are equal without rendering a text.
   */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Fact)) {
      return false;
    }
    Fact f = (Fact) o;
    if (kind != f.kind || !Objects.equals(sourceId, f.sourceId)) {
      return false;
    }
    if (template == f.template) {
      int count = count();
      if (count != f.count()) {
        return false;
      }
      for (int i = 0; i < count; i++) {
        if (!value(i).equals(f.value(i))) {
          return false;
        }
      }
      return true;
    }
    // A fact given as text says what its text says; two structured facts of different templates
    // say different things. Only the first case renders a text.
    return (template == FactTemplate.TEXT || f.template == FactTemplate.TEXT)
        && text().equals(f.text());
  }

  /** Hashes the kind and the source only, so that hashing never renders a text. */
  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Objects.hashCode(sourceId);
  }

  /** Returns the fact as its record-like description, with the text. */
  @Override
  public String toString() {
    return "Fact[kind=" + kind + ", sourceId=" + sourceId() + ", text=" + text() + "]";
  }
}
