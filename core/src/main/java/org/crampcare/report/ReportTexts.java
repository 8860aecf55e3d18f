package org.crampcare.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.Setting;
import org.crampcare.recommendation.TextCatalog;
import org.crampcare.risk.DayOnset;
import org.crampcare.risk.Fact;

/**
 * The texts one report uses: the rule book's catalog first, then the shipped English labels, with
 * every key that fell back to English remembered so that the report can say so.
 */
final class ReportTexts {
  /** A lab age limit as the rule book writes it, for example {@code P12M}. */
  private static final java.util.regex.Pattern PERIOD =
      java.util.regex.Pattern.compile("P(\\d+)([YMD])");

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

  /**
   * Renders a fact for a reader: the catalog's sentence (or the English one), with values from the
   * record put in the reader's terms where the report knows them: a site code becomes its label, a
   * time becomes a date and time in the report's language (marked UTC, the time the fact holds), a
   * day without a time says so. Other values (medicine names, lab values) are shown as recorded.
   */
  String render(Fact fact) {
    String sentence =
        catalog.find("fact." + fact.template().code()).orElse(fact.template().english());
    List<Object> raw = fact.values();
    Object[] values = new Object[raw.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(raw.get(i));
    }
    return fill(sentence, values);
  }

  private String value(Object value) {
    if (value instanceof Instant) {
      return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
              .withLocale(locale())
              .withZone(ZoneOffset.UTC)
              .format((Instant) value)
          + " UTC";
    }
    if (value instanceof DayOnset) {
      return date(((DayOnset) value).day()) + " " + get("report.timeNotRecorded");
    }
    if (value instanceof LocalDate) {
      return date((LocalDate) value);
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    String text = value.toString();
    Matcher period = PERIOD.matcher(text);
    if (period.matches()) {
      String unit =
          period.group(2).equals("Y") ? "years" : period.group(2).equals("M") ? "months" : "days";
      return get("report.value." + unit, period.group(1));
    }
    if (text.equals("site not recorded")) {
      return inSentence(get("report.site.unknown"));
    }
    for (BodySite site : BodySite.values()) {
      if (site.code().equals(text)) {
        return inSentence(get("report.site." + text));
      }
    }
    for (Setting setting : Setting.values()) {
      if (setting.display().toLowerCase(Locale.ROOT).equals(text)) {
        return get("report.value.setting." + setting.code());
      }
    }
    // Signs: lower-case displays joined with " and ", as the engine writes them.
    String[] parts = text.split(" and ");
    StringBuilder signs = new StringBuilder();
    for (String part : parts) {
      AssociatedSign sign = null;
      for (AssociatedSign s : AssociatedSign.values()) {
        if (s.display().toLowerCase(Locale.ROOT).equals(part)) {
          sign = s;
        }
      }
      if (sign == null) {
        return text;
      }
      if (signs.length() > 0) {
        signs.append(' ').append(get("report.value.and")).append(' ');
      }
      signs.append(get("report.value.sign." + sign.code()));
    }
    return signs.toString();
  }

  /** A label inside a sentence: English labels lose their capital; German nouns keep theirs. */
  private String inSentence(String label) {
    return english() ? label.toLowerCase(locale()) : label;
  }

  String date(LocalDate date) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date);
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
