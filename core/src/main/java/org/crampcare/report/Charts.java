package org.crampcare.report;

import static org.crampcare.report.Html.esc;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;

/**
 * The report's four charts, drawn as inline SVG: each is a {@code figure} with a heading, an SVG
 * with {@code role="img"}, a title and a text description, and the same numbers as a table. Nothing
 * depends on colour alone: bars carry their numbers as text, the threshold line is dashed and
 * labelled, and unknown severities sit in their own labelled row as hollow circles.
 */
final class Charts {
  private static final int WIDTH = 640;
  private static final int LEFT = 56;
  private static final int RIGHT = 620;
  private static final int TOP = 24;
  private static final int BOTTOM = 200;

  private final ReportTexts t;
  private final List<CrampEpisode> episodes;
  private final Instant windowStart;
  private final Instant windowEnd;
  private final DateTimeFormatter day;

  /**
   * @param episodes the episodes in the window, oldest first
   */
  Charts(ReportTexts t, List<CrampEpisode> episodes, Instant windowStart, Instant windowEnd) {
    this.t = t;
    this.episodes = episodes;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.day = DateTimeFormatter.ofPattern("d MMM", t.locale());
  }

  /** Cramps per week over the window, with the "frequent" threshold as a dashed line. */
  String weekly(double frequentPerWeek) {
    long days = Math.max(1, Duration.between(windowStart, windowEnd).toDays());
    int weeks = (int) Math.max(1, (days + 6) / 7);
    int[] counts = new int[weeks];
    LocalDate[] ends = new LocalDate[weeks];
    for (int k = 0; k < weeks; k++) {
      ends[k] =
          LocalDate.ofInstant(
              windowEnd.minus(Duration.ofDays(7L * (weeks - 1 - k))), ZoneOffset.UTC);
    }
    for (CrampEpisode e : episodes) {
      long back = Duration.between(e.onset(), windowEnd).toDays();
      int k = weeks - 1 - (int) Math.min(weeks - 1, Math.max(0, back / 7));
      counts[k]++;
    }
    int max = (int) Math.ceil(Math.max(frequentPerWeek + 1, 1));
    for (int c : counts) {
      max = Math.max(max, c);
    }
    String[] labels = new String[weeks];
    for (int k = 0; k < weeks; k++) {
      labels[k] = day.format(ends[k]);
    }
    List<String> parts = new ArrayList<>();
    List<String[]> rows = new ArrayList<>();
    StringBuilder svg = columns(labels, counts, -1, max, 0.6, parts, rows);
    double ty = BOTTOM - (BOTTOM - TOP) * frequentPerWeek / max;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"threshold\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
            LEFT,
            ty,
            RIGHT,
            ty));
    String thresholdLabel = t.get("report.chart.weekly.threshold", number(frequentPerWeek));
    svg.append(text(LEFT + 6, ty - 6, "start", "threshold-label", thresholdLabel));
    String alt =
        t.get("report.chart.weekly.alt", String.join(", ", parts), number(frequentPerWeek));
    return figure(
        "chart-weekly",
        t.get("report.chart.weekly"),
        alt,
        svg.toString(),
        230,
        new String[] {t.get("report.chart.weekly.weekEnding"), t.get("report.chart.count")},
        rows);
  }

  /** Cramps by time of day, with those whose time was not recorded in a bar of their own. */
  String timeOfDay(int duringSleep) {
    String[] keys = {"night", "morning", "afternoon", "evening", "unknown"};
    int[] counts = new int[keys.length];
    for (CrampEpisode e : episodes) {
      Optional<LocalTime> time = e.localTime();
      counts[time.isPresent() ? time.get().getHour() / 6 : 4]++;
    }
    int max = 1;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    String[] labels = new String[keys.length];
    for (int k = 0; k < keys.length; k++) {
      labels[k] = t.get("report.time." + keys[k]);
    }
    List<String> parts = new ArrayList<>();
    List<String[]> rows = new ArrayList<>();
    StringBuilder svg = columns(labels, counts, keys.length - 1, max, 0.7, parts, rows);
    String alt =
        t.get(
            "report.chart.time.alt",
            String.join(", ", parts),
            Integer.toString(duringSleep),
            Integer.toString(episodes.size()));
    return figure(
        "chart-time",
        t.get("report.chart.time"),
        alt,
        svg.toString(),
        230,
        new String[] {t.get("report.chart.time.period"), t.get("report.chart.count")},
        rows);
  }

  /**
   * Draws a column chart's axis and columns, each with its count above and its label below, and
   * fills in the text alternative's parts and the table's rows.
   *
   * @param unknown the index of the column of unrecorded values (drawn outlined), or -1
   * @param share how much of its slot a column takes
   */
  private StringBuilder columns(
      String[] labels,
      int[] counts,
      int unknown,
      int max,
      double share,
      List<String> parts,
      List<String[]> rows) {
    StringBuilder svg = new StringBuilder();
    axisY(svg, max, TOP, BOTTOM);
    double slot = (RIGHT - LEFT) / (double) labels.length;
    for (int k = 0; k < labels.length; k++) {
      double w = slot * share;
      double x = LEFT + k * slot + (slot - w) / 2;
      double h = (BOTTOM - TOP) * counts[k] / (double) max;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
              k == unknown ? "bar unknown" : "bar",
              x,
              BOTTOM - h,
              w,
              h));
      svg.append(text(x + w / 2, BOTTOM - h - 6, "middle", "value", Integer.toString(counts[k])));
      svg.append(text(x + w / 2, BOTTOM + 18, "middle", "tick", labels[k]));
      parts.add(labels[k] + ": " + counts[k]);
      rows.add(new String[] {labels[k], Integer.toString(counts[k])});
    }
    return svg;
  }

  /** Severity over time; episodes without a recorded severity in a labelled row below. */
  String severity() {
    int top = 20;
    int bottom = 190;
    int unknownRow = 222;
    StringBuilder svg = new StringBuilder();
    for (int v = 0; v <= 10; v += 5) {
      double y = bottom - (bottom - top) * v / 10.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
              LEFT,
              y,
              RIGHT,
              y));
      svg.append(text(LEFT - 8, y + 4, "end", "tick", Integer.toString(v)));
    }
    svg.append(text(LEFT - 8, unknownRow + 4, "end", "tick", t.get("report.severity.unknown")));
    double span = Math.max(1, Duration.between(windowStart, windowEnd).getSeconds());
    List<String> parts = new ArrayList<>();
    List<String[]> rows = new ArrayList<>();
    int unknown = 0;
    for (CrampEpisode e : episodes) {
      double x =
          LEFT + (RIGHT - LEFT) * Duration.between(windowStart, e.onset()).getSeconds() / span;
      String date = day.format(e.localDate());
      if (e.severity().isPresent()) {
        int s = e.severity().get();
        double y = bottom - (bottom - top) * s / 10.0;
        svg.append(
            String.format(
                Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"/>", x, y));
        parts.add(date + ": " + s);
        rows.add(new String[] {date, Integer.toString(s)});
      } else {
        unknown++;
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle class=\"point unknown\" cx=\"%.1f\" cy=\"%d\" r=\"5\"/>",
                x,
                unknownRow));
        parts.add(date + ": " + t.get("report.severity.unknown"));
        rows.add(new String[] {date, t.get("report.severity.unknown")});
      }
    }
    svg.append(text(LEFT, 246, "start", "tick", day.format(dateOf(windowStart))));
    svg.append(text(RIGHT, 246, "end", "tick", day.format(dateOf(windowEnd))));
    String alt =
        t.get(
            "report.chart.severity.alt",
            parts.isEmpty() ? "-" : String.join(", ", parts),
            Integer.toString(unknown),
            Integer.toString(episodes.size()));
    return figure(
        "chart-severity",
        t.get("report.chart.severity"),
        alt,
        svg.toString(),
        256,
        new String[] {t.get("report.chart.severity.date"), t.get("report.chart.severity.value")},
        rows);
  }

  /** Cramps by site and side, one labelled bar per site and side that occurred. */
  String sites() {
    Map<String, Map<String, Integer>> bySite = new LinkedHashMap<>();
    for (BodySite site : BodySite.values()) {
      bySite.put(site.code(), new LinkedHashMap<>());
    }
    bySite.put("unknown", new LinkedHashMap<>());
    for (CrampEpisode e : episodes) {
      String site = e.site().map(BodySite::code).orElse("unknown");
      String side = e.laterality().map(Laterality::code).orElse("unknown");
      bySite.computeIfAbsent(site, k -> new LinkedHashMap<>()).merge(side, 1, Integer::sum);
    }
    List<String[]> rows = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<Boolean> sideUnknown = new ArrayList<>();
    String[] sides = {"left", "right", "both", "unknown"};
    for (Map.Entry<String, Map<String, Integer>> site : bySite.entrySet()) {
      for (String side : sides) {
        Integer n = site.getValue().get(side);
        if (n != null) {
          rows.add(
              new String[] {
                t.get("report.site." + site.getKey()),
                t.get("report.side." + side),
                Integer.toString(n)
              });
          counts.add(n);
          sideUnknown.add(side.equals("unknown"));
        }
      }
    }
    int max = 1;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    int barLeft = 250;
    int rowHeight = 26;
    StringBuilder svg = new StringBuilder();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      String label = row[0] + ", " + row[1];
      double y = 10 + i * rowHeight;
      double w = (RIGHT - 40 - barLeft) * counts.get(i) / (double) max;
      svg.append(text(barLeft - 8, y + 15, "end", "tick", label));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"%s\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\"/>",
              sideUnknown.get(i) ? "bar unknown" : "bar",
              barLeft,
              y,
              w));
      svg.append(text(barLeft + w + 6, y + 15, "start", "value", row[2]));
      parts.add(label + ": " + row[2]);
    }
    int height = Math.max(40, 20 + rows.size() * rowHeight);
    String alt = t.get("report.chart.sites.alt", parts.isEmpty() ? "-" : String.join(", ", parts));
    return figure(
        "chart-sites",
        t.get("report.chart.sites"),
        alt,
        svg.toString(),
        height,
        new String[] {
          t.get("report.chart.sites.site"),
          t.get("report.chart.sites.side"),
          t.get("report.chart.count")
        },
        rows);
  }

  private String figure(
      String id,
      String title,
      String alt,
      String body,
      int height,
      String[] header,
      List<String[]> rows) {
    StringBuilder out = new StringBuilder(body.length() + 1024);
    out.append("<figure class=\"chart\" id=\"")
        .append(id)
        .append("\" aria-labelledby=\"")
        .append(id)
        .append("-h\">\n");
    out.append("<h3 id=\"").append(id).append("-h\">").append(esc(title)).append("</h3>\n");
    out.append(
            String.format(
                Locale.ROOT,
                "<svg role=\"img\" viewBox=\"0 0 %d %d\" width=\"100%%\" aria-labelledby=\"%s-t %s-d\""
                    + " xmlns=\"http://www.w3.org/2000/svg\">",
                WIDTH,
                height,
                id,
                id))
        .append("<title id=\"")
        .append(id)
        .append("-t\">")
        .append(esc(title))
        .append("</title>")
        .append("<desc id=\"")
        .append(id)
        .append("-d\">")
        .append(esc(alt))
        .append("</desc>")
        .append(body)
        .append("</svg>\n");
    out.append("<figcaption>").append(esc(alt)).append("</figcaption>\n");
    out.append("<details><summary>")
        .append(esc(t.get("report.showTable")))
        .append("</summary>\n<table>\n<caption>")
        .append(esc(title))
        .append("</caption>\n<thead><tr>");
    for (String h : header) {
      out.append("<th scope=\"col\">").append(esc(h)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (String[] row : rows) {
      out.append("<tr>");
      for (int i = 0; i < row.length; i++) {
        if (i == 0) {
          out.append("<th scope=\"row\">").append(esc(row[i])).append("</th>");
        } else {
          out.append("<td>").append(esc(row[i])).append("</td>");
        }
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n</details>\n</figure>\n");
    return out.toString();
  }

  private void axisY(StringBuilder svg, int max, int top, int bottom) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
            LEFT,
            bottom,
            RIGHT,
            bottom));
    for (int v : new int[] {0, (max + 1) / 2, max}) {
      double y = bottom - (bottom - top) * v / (double) max;
      svg.append(text(LEFT - 8, y + 4, "end", "tick", Integer.toString(v)));
    }
  }

  private String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(t.locale(), "%.1f", value);
  }

  private static LocalDate dateOf(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String text(double x, double y, String anchor, String cls, String content) {
    return String.format(
        Locale.ROOT,
        "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        cls,
        x,
        y,
        anchor,
        esc(content));
  }
}
