package org.crampcare.recommendation;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.crampcare.risk.Fact;

/**
 * Patient-facing texts by key, in one language. Keys are recommendation text keys (usually the
 * code), {@code caution.<code>} and {@code notice.<code>}. A translation overlays the English
 * catalog, so a key it lacks falls back to English; {@link RuleBook} checks that every key it needs
 * exists.
 */
public final class TextCatalog {
  private final Locale locale;
  private final ImmutableMap<String, String> texts;

  private TextCatalog(Locale locale, Map<String, String> texts) {
    this.locale = locale;
    this.texts = ImmutableMap.copyOf(texts);
  }

  /** Returns a catalog of the given texts, as a rule book document gives them. */
  static TextCatalog of(Locale locale, Map<String, String> texts) {
    return new TextCatalog(locale, texts);
  }

  /** Returns the built-in English texts (those of {@link RuleBook#builtIn()}). */
  public static TextCatalog english() {
    return RuleBook.builtIn().texts();
  }

  /**
   * Returns a catalog in {@code locale}: these texts over this catalog's.
   *
   * @param locale the language of the new texts
   * @param overrides texts by key
   * @return the combined catalog
   * @throws IllegalArgumentException if a text is blank
   */
  public TextCatalog with(Locale locale, Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(texts);
    overrides.forEach(
        (key, text) -> {
          if (text.isBlank()) {
            throw new IllegalArgumentException("text '" + key + "' must not be blank");
          }
          merged.put(key, text);
        });
    return new TextCatalog(locale, merged);
  }

  /** Returns the language of the texts. */
  public Locale locale() {
    return locale;
  }

  /** Returns the text for a key, if there is one. */
  public Optional<String> find(String key) {
    return Optional.ofNullable(texts.get(key));
  }

  /**
   * Returns the text for a key.
   *
   * @throws IllegalArgumentException if there is none
   */
  public String get(String key) {
    String text = texts.get(key);
    if (text == null) {
      throw new IllegalArgumentException("no text for key '" + key + "' in " + locale);
    }
    return text;
  }

  /**
   * Renders a fact in this catalog's language: the sentence under {@code fact.<template code>}
   * (with the template's numbered slots), or the English one when the catalog has none.
   */
  public String render(Fact fact) {
    return fact.render(template -> find("fact." + template.code()).orElse(null));
  }

  /** Returns every text, by key. */
  public ImmutableMap<String, String> all() {
    return texts;
  }
}
