package org.crampcare.report;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.crampcare.recommendation.TextCatalog;
import org.crampcare.risk.Fact;

/**
 * The texts one report uses: the rule book's catalog first, then the shipped English labels, with
 * every key that fell back to English remembered so that the report can say so.
 */
final class ReportTexts {
  private final TextCatalog catalog;
  private final Set<String> fellBack = new LinkedHashSet<>();

  ReportTexts(TextCatalog catalog) {
    this.catalog = catalog;
  }

  Locale locale() {
    return catalog.locale();
  }

  boolean english() {
    return catalog.locale().getLanguage().equals("en") || catalog.locale().getLanguage().isEmpty();
  }

  /** Returns the text under {@code key} with its numbered slots filled. */
  String get(String key, Object... values) {
    Optional<String> text = catalog.find(key);
    String template;
    if (text.isPresent()) {
      template = text.get();
    } else {
      template = ReportLanguage.texts("en").get(key);
      if (template == null) {
        throw new IllegalStateException("no report text under key '" + key + "'");
      }
      if (!english()) {
        fellBack.add(key);
      }
    }
    return fill(template, values);
  }

  /** Returns the text under {@code key} when the catalog or the English labels have one. */
  Optional<String> find(String key) {
    Optional<String> text = catalog.find(key);
    if (text.isPresent()) {
      return text;
    }
    String english = ReportLanguage.texts("en").get(key);
    if (english != null && !english()) {
      fellBack.add(key);
    }
    return Optional.ofNullable(english);
  }

  String render(Fact fact) {
    return catalog.render(fact);
  }

  /** Returns the keys that were shown in English in a report of another language. */
  Set<String> fellBack() {
    return fellBack;
  }

  private static String fill(String template, Object... values) {
    if (values.length == 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + 32);
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      int close = c == '{' ? template.indexOf('}', i) : -1;
      if (close > i + 1 && close < i + 4) {
        int slot = Integer.parseInt(template.substring(i + 1, close));
        out.append(values[slot]);
        i = close;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
