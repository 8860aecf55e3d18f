package org.crampcare.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.crampcare.recommendation.RuleBook;

/**
 * The languages CrampCare ships texts for, and how a rule book gets them.
 *
 * <p>Every text a report shows comes from the rule book's {@link
 * org.crampcare.recommendation.TextCatalog}: the advice, cautions and notices under their rule-book
 * keys, fact sentences under {@code fact.<template>}, and the report's own labels under {@code
 * report.*}. English is the built-in language. German ({@code de}) is shipped complete: every
 * English key has a German text, which a test checks, so a German report never falls back to
 * English without saying so.
 */
public final class ReportLanguage {
  /** The language tags with shipped texts. */
  public static final ImmutableList<String> SHIPPED = ImmutableList.of("en", "de");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportLanguage() {}

  /**
   * Returns the rule book with the texts of a shipped language: for {@code en}, the report labels
   * the book lacks; for another language, every shipped text of that language over the book's own
   * (a clinic's own keys that the language does not ship keep the book's text).
   *
   * @param book the rule book
   * @param languageTag a shipped language, for example {@code de}
   * @throws IllegalArgumentException if the language is not shipped
   */
  public static RuleBook apply(RuleBook book, String languageTag) {
    String tag = languageTag.toLowerCase(Locale.ROOT);
    Map<String, String> shipped = texts(tag);
    if (tag.equals("en")) {
      Map<String, String> missing = new LinkedHashMap<>();
      shipped.forEach(
          (key, text) -> {
            if (book.texts().find(key).isEmpty()) {
              missing.put(key, text);
            }
          });
      if (missing.isEmpty()) {
        return book;
      }
      return book.toBuilder().texts(book.texts().with(book.texts().locale(), missing)).build();
    }
    return book.toBuilder().texts(book.texts().with(Locale.forLanguageTag(tag), shipped)).build();
  }

  /**
   * Returns the shipped texts of a language, by key.
   *
   * @param languageTag {@code en} or {@code de}
   * @throws IllegalArgumentException if the language is not shipped
   */
  public static ImmutableMap<String, String> texts(String languageTag) {
    String tag = languageTag.toLowerCase(Locale.ROOT);
    if (!SHIPPED.contains(tag)) {
      throw new IllegalArgumentException(
          "language '"
              + languageTag
              + "' has no shipped texts; expected one of "
              + String.join(", ", SHIPPED));
    }
    return tag.equals("en") ? Shipped.EN : Shipped.DE;
  }

  /** The shipped catalogs, read once on first use. */
  private static final class Shipped {
    static final ImmutableMap<String, String> EN = read("en");
    static final ImmutableMap<String, String> DE = read("de");
  }

  private static ImmutableMap<String, String> read(String tag) {
    String name = "texts-" + tag + ".json";
    try (InputStream in = ReportLanguage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the shipped text catalog " + name + " is missing");
      }
      JsonNode root = MAPPER.readTree(in);
      if (!tag.equals(root.path("language").asText())) {
        throw new IllegalStateException(name + ": language is not '" + tag + "'");
      }
      ImmutableMap.Builder<String, String> texts = ImmutableMap.builder();
      Iterator<Map.Entry<String, JsonNode>> fields = root.path("entries").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        texts.put(e.getKey(), e.getValue().asText());
      }
      return texts.buildOrThrow();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped text catalog " + name, e);
    }
  }
}
