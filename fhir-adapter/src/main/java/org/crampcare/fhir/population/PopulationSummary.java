package org.crampcare.fhir.population;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.html.HtmlEscapers;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a population run read and concluded, in counts only: no patient's data. Written as {@code
 * summary.json}, {@code summary.csv} and a self-contained {@code summary.html}.
 *
 * @param asOf the assessment time
 * @param ruleBook the rule book's version
 * @param files the NDJSON files read
 * @param resourcesByType the resources read, by type
 * @param notLinkedToAPatient resources that name no patient (and are not Medications), by type: not
 *     used
 * @param unreadableLines lines that are not a FHIR resource in JSON, by file
 * @param patients the patients found (a Patient resource or a reference to one)
 * @param assessed the patients assessed
 * @param notAssessedByReason the patients that could not be assessed, by reason
 * @param recommendations the patients each recommendation was given to, by code
 * @param redFlags the patients with each red flag, by code
 * @param medicationLabCombinations the patients taking a cramp-associated medicine class with a low
 *     electrolyte, by "class + finding"
 */
public record PopulationSummary(
    String asOf,
    String ruleBook,
    int files,
    SortedMap<String, Long> resourcesByType,
    SortedMap<String, Long> notLinkedToAPatient,
    SortedMap<String, Long> unreadableLines,
    long patients,
    long assessed,
    SortedMap<String, Long> notAssessedByReason,
    SortedMap<String, Long> recommendations,
    SortedMap<String, Long> redFlags,
    SortedMap<String, Long> medicationLabCombinations) {

  /** The schema name in {@code summary.json}. */
  public static final String SCHEMA = "crampcare/population-summary/1";

  /** Copies the maps. */
  public PopulationSummary {
    resourcesByType = ImmutableSortedMap.copyOf(resourcesByType);
    notLinkedToAPatient = ImmutableSortedMap.copyOf(notLinkedToAPatient);
    unreadableLines = ImmutableSortedMap.copyOf(unreadableLines);
    notAssessedByReason = ImmutableSortedMap.copyOf(notAssessedByReason);
    recommendations = ImmutableSortedMap.copyOf(recommendations);
    redFlags = ImmutableSortedMap.copyOf(redFlags);
    medicationLabCombinations = ImmutableSortedMap.copyOf(medicationLabCombinations);
  }

  /** Returns the summary as pretty-printed JSON. */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("schema", SCHEMA);
    json.put("asOf", asOf);
    json.put("ruleBook", ruleBook);
    json.put("files", files);
    json.put("resourcesByType", resourcesByType);
    json.put("notLinkedToAPatient", notLinkedToAPatient);
    json.put("unreadableLines", unreadableLines);
    json.put("patients", patients);
    json.put("assessed", assessed);
    json.put("notAssessedByReason", notAssessedByReason);
    json.put("recommendations", recommendations);
    json.put("redFlags", redFlags);
    json.put("medicationLabCombinations", medicationLabCombinations);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json)
          + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the summary as CSV: {@code section,key,count}, one row per count. */
  public String toCsv() {
    StringBuilder csv = new StringBuilder("section,key,count\n");
    row(csv, "patients", "found", patients);
    row(csv, "patients", "assessed", assessed);
    sections().forEach((section, counts) -> counts.forEach((k, v) -> row(csv, section, k, v)));
    return csv.toString();
  }

  private Map<String, SortedMap<String, Long>> sections() {
    Map<String, SortedMap<String, Long>> s = new LinkedHashMap<>();
    s.put("recommendations", recommendations);
    s.put("redFlags", redFlags);
    s.put("medicationLabCombinations", medicationLabCombinations);
    s.put("notAssessedByReason", notAssessedByReason);
    s.put("resourcesByType", resourcesByType);
    s.put("notLinkedToAPatient", notLinkedToAPatient);
    s.put("unreadableLines", unreadableLines);
    return s;
  }

  private static void row(StringBuilder csv, String section, String key, long count) {
    csv.append(section).append(',').append(csvField(key)).append(',').append(count).append('\n');
  }

  private static String csvField(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  /**
   * Returns a self-contained HTML page (no scripts, fonts or network): the counts, and a bar chart
   * drawn as inline SVG with a table beside it for each of: patients by recommendation, red flags,
   * medication-lab combinations, patients not assessed by reason.
   */
  public String toHtml() {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>CrampCare population summary</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#111;max-width:60em}\n")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em}")
        .append("td,th{border:1px solid #999;padding:.2em .6em;text-align:left}")
        .append("td.n{text-align:right}\nsvg text{font-size:12px;fill:#111}\n")
        .append("@media print{body{margin:1cm}}\n</style>\n</head>\n<body>\n<main>\n")
        .append("<h1>CrampCare population summary</h1>\n<p>As of ")
        .append(esc(asOf))
        .append(", rule book ")
        .append(esc(ruleBook))
        .append(". ")
        .append(patients)
        .append(" patients found in ")
        .append(files)
        .append(" files; ")
        .append(assessed)
        .append(" assessed, ")
        .append(patients - assessed)
        .append(" not assessed (reasons below).</p>\n");
    chart(h, "Patients by recommendation", recommendations);
    chart(h, "Patients with each red flag", redFlags);
    chart(h, "Cramp-associated medicine with a low electrolyte", medicationLabCombinations);
    chart(h, "Patients not assessed, by reason", notAssessedByReason);
    table(h, "Resources read, by type", resourcesByType);
    table(h, "Resources not linked to a patient (not used), by type", notLinkedToAPatient);
    table(h, "Lines that are not a FHIR resource, by file", unreadableLines);
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void chart(StringBuilder h, String title, SortedMap<String, Long> counts) {
    h.append("<section>\n<h2>").append(esc(title)).append("</h2>\n");
    if (counts.isEmpty()) {
      h.append("<p>None.</p>\n</section>\n");
      return;
    }
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
    int rowHeight = 22;
    int labelWidth = 330;
    int barWidth = 320;
    int height = rowHeight * counts.size() + 4;
    h.append("<figure>\n<svg role=\"img\" aria-labelledby=\"")
        .append(id(title))
        .append("\" width=\"")
        .append(labelWidth + barWidth + 60)
        .append("\" height=\"")
        .append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"")
        .append(id(title))
        .append("\">")
        .append(esc(title))
        .append(": ");
    StringBuilder alt = new StringBuilder();
    counts.forEach(
        (k, v) -> alt.append(alt.length() == 0 ? "" : "; ").append(k).append(' ').append(v));
    h.append(esc(alt.toString())).append("</title>\n");
    int y = 2;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      int w = (int) Math.max(1, Math.round((double) e.getValue() / max * barWidth));
      h.append("<text x=\"0\" y=\"")
          .append(y + 15)
          .append("\">")
          .append(esc(shorten(e.getKey())))
          .append("</text><rect x=\"")
          .append(labelWidth)
          .append("\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(w)
          .append("\" height=\"")
          .append(rowHeight - 6)
          .append("\" fill=\"#2b5d8a\"/><text x=\"")
          .append(labelWidth + w + 6)
          .append("\" y=\"")
          .append(y + 15)
          .append("\">")
          .append(e.getValue())
          .append("</text>\n");
      y += rowHeight;
    }
    h.append("</svg>\n</figure>\n");
    tableRows(h, counts);
    h.append("</section>\n");
  }

  private static void table(StringBuilder h, String title, SortedMap<String, Long> counts) {
    h.append("<section>\n<h2>").append(esc(title)).append("</h2>\n");
    if (counts.isEmpty()) {
      h.append("<p>None.</p>\n");
    } else {
      tableRows(h, counts);
    }
    h.append("</section>\n");
  }

  private static void tableRows(StringBuilder h, SortedMap<String, Long> counts) {
    h.append("<table>\n<thead><tr><th scope=\"col\">What</th><th scope=\"col\">Count</th></tr>")
        .append("</thead>\n<tbody>\n");
    counts.forEach(
        (k, v) ->
            h.append("<tr><td>")
                .append(esc(k))
                .append("</td><td class=\"n\">")
                .append(v)
                .append("</td></tr>\n"));
    h.append("</tbody>\n</table>\n");
  }

  private static String shorten(String label) {
    return label.length() <= 48 ? label : label.substring(0, 47) + "…";
  }

  private static String id(String title) {
    return "c-" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static String esc(String text) {
    return HtmlEscapers.htmlEscaper().escape(text);
  }

  /** Mutable counts of one part of the population, merged into the summary at the end. */
  static final class Tally {
    final SortedMap<String, Long> notAssessedByReason = new TreeMap<>();
    final SortedMap<String, Long> recommendations = new TreeMap<>();
    final SortedMap<String, Long> redFlags = new TreeMap<>();
    final SortedMap<String, Long> medicationLabCombinations = new TreeMap<>();
    long patients;
    long assessed;

    void add(Tally other) {
      patients += other.patients;
      assessed += other.assessed;
      merge(notAssessedByReason, other.notAssessedByReason);
      merge(recommendations, other.recommendations);
      merge(redFlags, other.redFlags);
      merge(medicationLabCombinations, other.medicationLabCombinations);
    }

    static void count(SortedMap<String, Long> map, String key) {
      map.merge(key, 1L, Long::sum);
    }

    /** Adds the counts of {@code from} to {@code into}. */
    static void merge(SortedMap<String, Long> into, SortedMap<String, Long> from) {
      from.forEach((k, v) -> into.merge(k, v, Long::sum));
    }
  }
}
