package org.crampcare.risk;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
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
  private final Object[] values;
  private volatile @Nullable String text;

  private Fact(FactKind kind, @Nullable String sourceId, FactTemplate template, Object[] values) {
    this.kind = kind;
    this.sourceId = sourceId;
    this.template = template;
    this.values = values;
  }

  /**
   * Returns a fact given as text.
   *
   * @throws IllegalArgumentException if the text is blank
   */
  public Fact(FactKind kind, Optional<String> sourceId, String text) {
    this(kind, sourceId.orElse(null), FactTemplate.TEXT, new Object[] {text});
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
    return checked(kind, sourceId, template, new Object[] {a});
  }

  /**
   * Returns a structured fact with two values; see {@link #of(FactKind, String, FactTemplate,
   * Object...)}.
   */
  public static Fact of(
      FactKind kind, @Nullable String sourceId, FactTemplate template, Object a, Object b) {
    return checked(kind, sourceId, template, new Object[] {a, b});
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
    return checked(kind, sourceId, template, new Object[] {a, b, c});
  }

  /** Checks the values of a structured fact; {@code copy} is the fact's own array. */
  private static Fact checked(
      FactKind kind, @Nullable String sourceId, FactTemplate template, Object[] copy) {
    for (int i = 0; i < copy.length; i++) {
      Object v = copy[i];
      if (v instanceof Long) {
        v = Math.toIntExact((Long) v);
        copy[i] = v;
      }
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
      if (v instanceof String && ((String) v).isBlank()) {
        throw new IllegalArgumentException("fact " + template.code() + ": a text value is blank");
      }
    }
    return new Fact(kind, sourceId, template, copy);
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
    return ImmutableList.copyOf(values);
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
        Object value = values[slot];
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
      return Arrays.equals(values, f.values);
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
