package org.crampcare.server;

import static com.google.common.base.Preconditions.checkNotNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.Setting;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.CrampDiary;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.recommendation.TextCatalog;
import org.crampcare.report.Audience;
import org.crampcare.report.HtmlReport;
import org.crampcare.report.ReportLanguage;
import org.crampcare.terminology.Coded;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cramp diary as a web page: {@code GET} shows the form (plain HTML; a small inline script only
 * fills in the browser's UTC offset), {@code POST} checks every field on the server and either
 * shows the form again with a message next to each bad field, or turns the entry into a diary
 * {@code QuestionnaireResponse}, assesses it, and shows the patient report for it.
 *
 * <p>Nothing is kept unless a FHIR server is configured; then the response (with a Patient carrying
 * only the birth year's last day as birth date) is written there in one transaction, and the page
 * says where. The page does not identify or authenticate patients: it is for a local demo and as a
 * model of the flow; a deployment would add a SMART on FHIR launch. Bodies are limited to {@value
 * #MAX_BODY_BYTES} bytes; no field value is logged.
 */
public final class DiaryServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DiaryServlet.class);

  /** The largest form body read. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private final transient FhirContext ctx;
  // Per shipped language, made once: the rule book with that language's texts, and its pipeline.
  private final transient Map<String, Texts> languages;
  private final transient Clock clock;
  private final @Nullable String fhirServer;

  private DiaryServlet(Builder b) {
    this.ctx = b.ctx;
    Map<String, Texts> byTag = new LinkedHashMap<>();
    for (String tag : ReportLanguage.SHIPPED) {
      RuleBook book = ReportLanguage.apply(b.ruleBook, tag);
      byTag.put(tag, new Texts(tag, book, CrampCareFhir.create(b.ctx, book)));
    }
    this.languages = byTag;
    this.clock = b.clock;
    this.fhirServer = b.fhirServer;
  }

  /** Starts a diary page for the given context (R4). */
  public static Builder builder(FhirContext ctx) {
    return new Builder(ctx);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Texts t = texts(req.getParameter("lang"));
    send(resp, 200, form(t, Map.of(), Map.of(), Map.of()));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String type = req.getContentType();
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      resp.setHeader("Connection", "close"); // the body is not read
      resp.sendError(415, "the diary takes application/x-www-form-urlencoded");
      return;
    }
    if (req.getContentLengthLong() > MAX_BODY_BYTES) {
      resp.setHeader("Connection", "close"); // the body is not read
      resp.sendError(413, "the diary form is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      resp.setHeader("Connection", "close"); // the rest of the body is not read
      resp.sendError(413, "the diary form is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    Map<String, List<String>> form = parse(new String(body, StandardCharsets.US_ASCII));
    Texts t = texts(one(form, "lang"));
    Map<String, String> errors = new LinkedHashMap<>();
    Instant now = clock.instant();
    Entry entry = read(form, errors, t, now);
    if (!errors.isEmpty() || entry == null) {
      send(resp, 422, form(t, values(form), errors, form));
      return;
    }
    String id = UUID.randomUUID().toString();
    Patient patient = new Patient();
    patient.setId("diary-" + id);
    // The last day of the year: an age from it is never more than the true one.
    patient.setBirthDateElement(new DateType(entry.birthYear + "-12-31"));
    QuestionnaireResponse response =
        CrampDiary.response(entry.episode, "Patient/" + patient.getIdPart(), now);
    response.setId("diary-entry-" + id);
    List<Resource> record = List.of(patient, response);
    CrampCareFhir.Result result = t.fhir.assess(record, now);
    String stored;
    if (fhirServer != null) {
      stored = store(patient, response, t);
    } else {
      stored = t.get("diary.notStored");
    }
    String html =
        HtmlReport.builder(result.assessment(), t.book)
            .episodes(result.imported().episodes())
            .audience(Audience.PATIENT)
            .build()
            .render();
    String status =
        "<p class=\"diary-status\" role=\"status\">"
            + esc(stored)
            + " <a href=\"?lang="
            + t.lang
            + "\">"
            + esc(t.get("diary.another"))
            + "</a></p>\n";
    send(resp, 200, html.replace("<main id=\"main\">\n", "<main id=\"main\">\n" + status));
  }

  private String store(Patient patient, QuestionnaireResponse response, Texts t) {
    Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    String patientUrl = "urn:uuid:" + UUID.randomUUID();
    tx.addEntry()
        .setFullUrl(patientUrl)
        .setResource(patient.setId((String) null))
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Patient");
    response.getSubject().setReference(patientUrl);
    response.getAuthor().setReference(patientUrl);
    response.getSource().setReference(patientUrl);
    tx.addEntry()
        .setFullUrl("urn:uuid:" + UUID.randomUUID())
        .setResource(response.setId((String) null))
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("QuestionnaireResponse");
    ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    IGenericClient client = ctx.newRestfulGenericClient(checkNotNull(fhirServer));
    Bundle answer = client.transaction().withBundle(tx).execute();
    String location = answer.getEntry().get(1).getResponse().getLocation();
    String reference =
        location == null ? "QuestionnaireResponse" : location.replaceAll("/_history/.*$", "");
    LOG.info("Stored a diary entry on the configured FHIR server");
    return t.get("diary.stored").replace("{0}", reference);
  }

  /** A checked diary entry. */
  private record Entry(int birthYear, CrampEpisode episode) {}

  private @Nullable Entry read(
      Map<String, List<String>> form, Map<String, String> errors, Texts t, Instant now) {
    ZoneOffset offset = ZoneOffset.UTC;
    try {
      String given = one(form, "offset");
      if (given != null && !given.isBlank()) {
        offset = ZoneOffset.of(given);
      }
    } catch (DateTimeException e) {
      // A malformed offset from the page's script: the time is read as UTC.
    }
    LocalDate today = LocalDate.ofInstant(now, offset);
    Integer year =
        integer(
            form,
            "birth-year",
            1900,
            today.getYear(),
            errors,
            t.get("diary.error.birthYear").replace("{0}", Integer.toString(today.getYear())),
            t,
            true);
    LocalDate date = null;
    String dateText = one(form, "onset-date");
    if (dateText == null || dateText.isBlank()) {
      errors.put("onset-date", t.get("diary.error.required"));
    } else {
      try {
        date = LocalDate.parse(dateText.trim());
        if (date.isAfter(today) || date.getYear() < 1900) {
          errors.put("onset-date", t.get("diary.error.date"));
        }
      } catch (DateTimeException e) {
        errors.put("onset-date", t.get("diary.error.date"));
      }
    }
    LocalTime time = null;
    String timeText = one(form, "onset-time");
    if (timeText != null && !timeText.isBlank()) {
      try {
        time = LocalTime.parse(timeText.trim());
      } catch (DateTimeException e) {
        errors.put("onset-time", t.get("diary.error.time"));
      }
    }
    Integer minutes =
        integer(form, "duration", 1, 1440, errors, t.get("diary.error.duration"), t, false);
    Integer severity =
        integer(form, "severity", 0, 10, errors, t.get("diary.error.severity"), t, false);
    Optional<BodySite> site = choice(form, "site", BodySite.values(), errors, t);
    Optional<Laterality> side = choice(form, "side", Laterality.values(), errors, t);
    List<Setting> settings = choices(form, "setting", Setting.values(), errors, t);
    List<AssociatedSign> signs = choices(form, "signs", AssociatedSign.values(), errors, t);
    List<Impact> impacts = choices(form, "impact", Impact.values(), errors, t);
    Map<ReliefMeasure, Boolean> relief = new LinkedHashMap<>();
    for (ReliefMeasure m : ReliefMeasure.values()) {
      String v = one(form, "relief-" + m.code());
      if (v == null || v.isBlank() || v.equals("not-tried")) {
        continue;
      }
      if (v.equals("helped") || v.equals("not-helped")) {
        relief.put(m, v.equals("helped"));
      } else {
        errors.put("relief-" + m.code(), t.get("diary.error.choice"));
      }
    }
    if (!errors.isEmpty() || year == null || date == null) {
      return null;
    }
    CrampEpisode.Builder b =
        time == null
            ? CrampEpisode.onDay("diary", date, offset)
            : CrampEpisode.builder("diary", date.atTime(time).toInstant(offset)).offset(offset);
    if (time != null && date.atTime(time).toInstant(offset).isAfter(now)) {
      errors.put("onset-time", t.get("diary.error.date"));
      return null;
    }
    if (minutes != null) {
      b.duration(Duration.ofMinutes(minutes));
    }
    if (severity != null) {
      b.severity(severity);
    }
    site.ifPresent(b::site);
    side.ifPresent(b::side);
    settings.forEach(b::setting);
    signs.forEach(b::sign);
    impacts.forEach(b::impact);
    relief.forEach(b::relief);
    return new Entry(year, b.build());
  }

  private static @Nullable Integer integer(
      Map<String, List<String>> form,
      String name,
      int min,
      int max,
      Map<String, String> errors,
      String message,
      Texts t,
      boolean required) {
    String v = one(form, name);
    if (v == null || v.isBlank()) {
      if (required) {
        errors.put(name, t.get("diary.error.required"));
      }
      return null;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.put(name, message);
    return null;
  }

  private static <T extends Coded> Optional<T> choice(
      Map<String, List<String>> form,
      String name,
      T[] values,
      Map<String, String> errors,
      Texts t) {
    String v = one(form, name);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    for (T value : values) {
      if (value.code().equals(v)) {
        return Optional.of(value);
      }
    }
    errors.put(name, t.get("diary.error.choice"));
    return Optional.empty();
  }

  private static <T extends Coded> List<T> choices(
      Map<String, List<String>> form,
      String name,
      T[] values,
      Map<String, String> errors,
      Texts t) {
    List<T> chosen = new ArrayList<>();
    for (String v : form.getOrDefault(name, List.of())) {
      boolean known = false;
      for (T value : values) {
        if (value.code().equals(v)) {
          chosen.add(value);
          known = true;
        }
      }
      if (!known) {
        errors.put(name, t.get("diary.error.choice"));
      }
    }
    return chosen;
  }

  private String form(
      Texts t,
      Map<String, String> values,
      Map<String, String> errors,
      Map<String, List<String>> checked) {
    StringBuilder f = new StringBuilder(16384);
    f.append("<!DOCTYPE html>\n<html lang=\"")
        .append(t.lang)
        .append("\">\n<head>\n")
        .append(
            "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(t.get("diary.title")))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<header><h1>")
        .append(esc(t.get("diary.title")))
        .append("</h1></header>\n<main id=\"main\">\n");
    if (!errors.isEmpty()) {
      f.append("<p class=\"errors\" role=\"alert\">")
          .append(esc(t.get("diary.errors")))
          .append("</p>\n");
    }
    f.append("<p>")
        .append(esc(t.get("diary.intro")))
        .append("</p>\n")
        .append("<form method=\"post\" action=\"\" novalidate>\n")
        .append("<input type=\"hidden\" name=\"lang\" value=\"")
        .append(t.lang)
        .append("\">\n")
        .append("<input type=\"hidden\" name=\"offset\" id=\"offset\" value=\"")
        .append(esc(values.getOrDefault("offset", "+00:00")))
        .append("\">\n");
    input(
        f,
        t,
        values,
        errors,
        "birth-year",
        "diary.birthYear",
        "number",
        "min=\"1900\" inputmode=\"numeric\" required");
    input(f, t, values, errors, "onset-date", "diary.onsetDate", "date", "required");
    input(f, t, values, errors, "onset-time", "diary.onsetTime", "time", "");
    input(
        f,
        t,
        values,
        errors,
        "duration",
        "diary.duration",
        "number",
        "min=\"1\" max=\"1440\" inputmode=\"numeric\"");
    select(f, t, values, errors, "site", "diary.site", BodySite.values(), "report.site.");
    select(f, t, values, errors, "side", "diary.side", Laterality.values(), "report.side.");
    input(
        f,
        t,
        values,
        errors,
        "severity",
        "diary.severity",
        "number",
        "min=\"0\" max=\"10\" inputmode=\"numeric\"");
    checkboxes(
        f,
        t,
        errors,
        "setting",
        "diary.setting",
        Setting.values(),
        "diary.setting.",
        checked.getOrDefault("setting", List.of()),
        null);
    checkboxes(
        f,
        t,
        errors,
        "signs",
        "diary.signs",
        AssociatedSign.values(),
        "diary.sign.",
        checked.getOrDefault("signs", List.of()),
        t.get("diary.signsWarning"));
    f.append("<fieldset><legend>").append(esc(t.get("diary.relief"))).append("</legend>\n");
    for (ReliefMeasure m : ReliefMeasure.values()) {
      String name = "relief-" + m.code();
      f.append("<div class=\"field\"><label for=\"")
          .append(name)
          .append("\">")
          .append(esc(t.get("diary.relief." + m.code())))
          .append("</label> <select id=\"")
          .append(name)
          .append("\" name=\"")
          .append(name)
          .append("\"");
      error(f, errors, name, true);
      f.append(">");
      for (String[] o :
          new String[][] {
            {"not-tried", "diary.relief.notTried"},
            {"helped", "diary.relief.helped"},
            {"not-helped", "diary.relief.notHelped"}
          }) {
        f.append("<option value=\"")
            .append(o[0])
            .append("\"")
            .append(o[0].equals(values.get(name)) ? " selected" : "")
            .append(">")
            .append(esc(t.get(o[1])))
            .append("</option>");
      }
      f.append("</select>");
      error(f, errors, name, false);
      f.append("</div>\n");
    }
    f.append("</fieldset>\n");
    checkboxes(
        f,
        t,
        errors,
        "impact",
        "diary.impact",
        Impact.values(),
        "diary.impact.",
        checked.getOrDefault("impact", List.of()),
        null);
    f.append("<p><button type=\"submit\">")
        .append(esc(t.get("diary.submit")))
        .append("</button></p>\n</form>\n</main>\n")
        .append(
            "<script>(function(){var m=-new Date().getTimezoneOffset(),s=m<0?'-':'+';m=Math.abs(m);")
        .append(
            "document.getElementById('offset').value=s+('0'+Math.floor(m/60)).slice(-2)+':'+('0'+m%60).slice(-2);})();</script>\n")
        .append("</body>\n</html>\n");
    return f.toString();
  }

  private static void input(
      StringBuilder f,
      Texts t,
      Map<String, String> values,
      Map<String, String> errors,
      String name,
      String label,
      String type,
      String attributes) {
    f.append("<div class=\"field\"><label for=\"")
        .append(name)
        .append("\">")
        .append(esc(t.get(label)))
        .append("</label> <input id=\"")
        .append(name)
        .append("\" name=\"")
        .append(name)
        .append("\" type=\"")
        .append(type)
        .append("\" ")
        .append(attributes)
        .append(" value=\"")
        .append(esc(values.getOrDefault(name, "")))
        .append("\"");
    error(f, errors, name, true);
    f.append(">");
    error(f, errors, name, false);
    f.append("</div>\n");
  }

  private static <T extends Coded> void select(
      StringBuilder f,
      Texts t,
      Map<String, String> values,
      Map<String, String> errors,
      String name,
      String label,
      T[] options,
      String prefix) {
    f.append("<div class=\"field\"><label for=\"")
        .append(name)
        .append("\">")
        .append(esc(t.get(label)))
        .append("</label> <select id=\"")
        .append(name)
        .append("\" name=\"")
        .append(name)
        .append("\"");
    error(f, errors, name, true);
    f.append("><option value=\"\">").append(esc(t.get("diary.notRecorded"))).append("</option>");
    for (T o : options) {
      f.append("<option value=\"")
          .append(o.code())
          .append("\"")
          .append(o.code().equals(values.get(name)) ? " selected" : "")
          .append(">")
          .append(esc(t.get(prefix + o.code())))
          .append("</option>");
    }
    f.append("</select>");
    error(f, errors, name, false);
    f.append("</div>\n");
  }

  private static <T extends Coded> void checkboxes(
      StringBuilder f,
      Texts t,
      Map<String, String> errors,
      String name,
      String legend,
      T[] options,
      String prefix,
      List<String> checked,
      @Nullable String warning) {
    f.append("<fieldset id=\"").append(name).append("\"");
    error(f, errors, name, true);
    f.append("><legend>").append(esc(t.get(legend))).append("</legend>\n");
    if (warning != null) {
      f.append("<p class=\"warning\"><strong>").append(esc(warning)).append("</strong></p>\n");
    }
    for (T o : options) {
      String id = name + "-" + o.code();
      f.append("<div><input type=\"checkbox\" id=\"")
          .append(id)
          .append("\" name=\"")
          .append(name)
          .append("\" value=\"")
          .append(o.code())
          .append("\"")
          .append(checked.contains(o.code()) ? " checked" : "")
          .append("> <label for=\"")
          .append(id)
          .append("\">")
          .append(esc(t.get(prefix + o.code())))
          .append("</label></div>\n");
    }
    error(f, errors, name, false);
    f.append("</fieldset>\n");
  }

  /** Writes the field's error: the attributes on the control, or the message after it. */
  private static void error(
      StringBuilder f, Map<String, String> errors, String name, boolean attributes) {
    String message = errors.get(name);
    if (message == null) {
      return;
    }
    if (attributes) {
      f.append(" aria-invalid=\"true\" aria-describedby=\"").append(name).append("-error\"");
    } else {
      f.append("<p class=\"error\" id=\"")
          .append(name)
          .append("-error\">")
          .append(esc(message))
          .append("</p>");
    }
  }

  private static Map<String, String> values(Map<String, List<String>> form) {
    Map<String, String> values = new LinkedHashMap<>();
    form.forEach((k, v) -> values.put(k, v.get(0)));
    return values;
  }

  private static @Nullable String one(Map<String, List<String>> form, String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static Map<String, List<String>> parse(String body) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        // A malformed escape: the pair is ignored, and a required field it held is reported
        // missing.
      }
    }
    return form;
  }

  private Texts texts(@Nullable String lang) {
    Texts texts = languages.get(lang != null && languages.containsKey(lang) ? lang : "en");
    return java.util.Objects.requireNonNull(texts, "English is always shipped");
  }

  /** The texts of one page. */
  private static final class Texts {
    final String lang;
    final RuleBook book;
    final TextCatalog catalog;
    final CrampCareFhir fhir;

    Texts(String lang, RuleBook book, CrampCareFhir fhir) {
      this.lang = lang;
      this.book = book;
      this.catalog = book.texts();
      this.fhir = fhir;
    }

    /**
     * The text under a key: the catalog's, else the shipped English one; a key in neither is a bug.
     */
    String get(String key) {
      return catalog
          .find(key)
          .or(() -> Optional.ofNullable(ReportLanguage.texts("en").get(key)))
          .orElseThrow(() -> new IllegalStateException("no diary text under key '" + key + "'"));
    }
  }

  private static void send(HttpServletResponse resp, int status, String html) throws IOException {
    resp.setStatus(status);
    resp.setContentType("text/html; charset=utf-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    resp.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static final String CSS =
      "html { font-family: system-ui, Arial, sans-serif; color: #1a1a1a; background: #fff; line-height: 1.5; }\n"
          + "body { max-width: 40rem; margin: 0 auto; padding: 1rem; }\n"
          + ".field { margin: 0.6rem 0; }\n label { font-weight: 600; }\n"
          + "input, select, button { font: inherit; padding: 0.3rem; }\n"
          + "fieldset { margin: 0.8rem 0; border: 1px solid #4d4d4d; }\n"
          + ".error { color: #8b0000; font-weight: 600; margin: 0.2rem 0; }\n"
          + ".error::before { content: '\\26A0  '; }\n"
          + "[aria-invalid=true] { outline: 3px solid #8b0000; }\n"
          + ".errors { border: 3px solid #8b0000; padding: 0.5rem; font-weight: 600; }\n"
          + ".warning { border-left: 4px solid #8b0000; padding-left: 0.5rem; }\n"
          + "button { background: #1f4e79; color: #fff; border: 0; border-radius: 4px; padding: 0.5rem 1rem; }\n";

  /** Builds a diary page. */
  public static final class Builder {
    private final FhirContext ctx;
    private RuleBook ruleBook = RuleBook.builtIn();
    private Clock clock = Clock.systemUTC();
    private @Nullable String fhirServer;

    private Builder(FhirContext ctx) {
      this.ctx = checkNotNull(ctx, "ctx");
    }

    /** Sets the rule book (default: the built-in one). */
    public Builder ruleBook(RuleBook ruleBook) {
      this.ruleBook = checkNotNull(ruleBook, "ruleBook");
      return this;
    }

    /** Sets the clock ("now" for the assessment and for dates in the future). */
    public Builder clock(Clock clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /** Writes every entry to this FHIR server's base URL; by default nothing is stored. */
    public Builder fhirServer(String baseUrl) {
      this.fhirServer = checkNotNull(baseUrl, "baseUrl");
      return this;
    }

    /** Returns the servlet. */
    public DiaryServlet build() {
      return new DiaryServlet(this);
    }
  }
}
