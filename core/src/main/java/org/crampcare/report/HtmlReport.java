package org.crampcare.report;

import static com.google.common.base.Preconditions.checkNotNull;
import static org.crampcare.report.Html.esc;

import com.google.common.collect.ImmutableList;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Setting;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.pattern.EpisodePatterns;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Category;
import org.crampcare.recommendation.Caution;
import org.crampcare.recommendation.Evidence;
import org.crampcare.recommendation.Notice;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.recommendation.Suppression;
import org.crampcare.recommendation.Trigger;
import org.crampcare.recommendation.UnusedInput;
import org.crampcare.risk.Fact;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RiskFactor;
import org.jspecify.annotations.Nullable;

/**
 * One assessment as a self-contained HTML page: no scripts, no fonts or images from elsewhere,
 * charts as inline SVG, styles inline, laid out to print on A4 and Letter.
 *
 * <p>The patient version puts red flags first in plain words with what to do now, then the advice
 * by category, each with a one-line reason and how strong its evidence is, then what was withheld
 * and why, then charts of the cramps in the window. The clinician version adds the rule ids and
 * versions, rationales, evidence citations, the facts with the records they came from, risk
 * factors, labs, the input not used and what in the record was not usable.
 *
 * <p>Every text comes from the rule book's {@link org.crampcare.recommendation.TextCatalog} (see
 * {@link ReportLanguage}); a report in another language whose catalog lacks a label shows the
 * English one and says so at the top. Same input, same bytes.
 *
 * <pre>{@code
 * RuleBook book = ReportLanguage.apply(RuleBook.builtIn(), "de");
 * Assessment assessment = new Assessor(book).assess(patient, episodes, asOf);
 * String html = HtmlReport.builder(assessment, book).episodes(episodes).build().render();
 * }</pre>
 */
public final class HtmlReport {
  private final Assessment assessment;
  private final RuleBook ruleBook;
  private final ImmutableList<CrampEpisode> episodes;
  private final Audience audience;
  private final ImmutableList<RecordNote> recordNotes;
  private final Optional<String> softwareVersion;

  private HtmlReport(Builder b) {
    this.assessment = b.assessment;
    this.ruleBook = b.ruleBook;
    this.episodes = ImmutableList.copyOf(b.episodes);
    this.audience = b.audience;
    this.recordNotes = ImmutableList.copyOf(b.recordNotes);
    this.softwareVersion = Optional.ofNullable(b.softwareVersion);
  }

  /**
   * Starts a report of an assessment made with {@code ruleBook} (whose texts it uses).
   *
   * @param assessment the assessment
   * @param ruleBook the rule book it was made with
   */
  public static Builder builder(Assessment assessment, RuleBook ruleBook) {
    return new Builder(assessment, ruleBook);
  }

  /** Returns the report's language, that of the rule book's texts. */
  public Locale language() {
    return ruleBook.texts().locale();
  }

  /** Renders the page. */
  public String render() {
    ReportTexts t = new ReportTexts(ruleBook.texts());
    // The body first: it records which labels fell back to English, which the top then says.
    String body = body(t);
    StringBuilder out = new StringBuilder(body.length() + 8192);
    String lang = language().toLanguageTag();
    String title =
        t.get(audience == Audience.PATIENT ? "report.title.patient" : "report.title.clinician");
    out.append("<!DOCTYPE html>\n<html lang=\"")
        .append(esc(lang.equals("und") ? "en" : lang))
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"CrampCare\">\n")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(Style.CSS)
        .append("</style>\n</head>\n<body class=\"audience-")
        .append(audience.code())
        .append("\">\n");
    out.append("<a class=\"skip\" href=\"#advice\">")
        .append(esc(t.get("report.skip")))
        .append("</a>\n");
    out.append("<header>\n<h1>")
        .append(esc(title))
        .append("</h1>\n<p class=\"subtitle\">")
        .append(
            esc(
                t.get(
                    "report.subtitle",
                    longDate(t, LocalDate.ofInstant(assessment.asOf(), ZoneOffset.UTC)),
                    assessment.ruleBookVersion())))
        .append("</p>\n");
    if (assessment.patientId().isPresent()) {
      out.append("<p class=\"patient\">")
          .append(esc(t.get("report.patient", assessment.patientId().get())))
          .append("</p>\n");
    }
    out.append("</header>\n");
    if (!t.fellBack().isEmpty()) {
      out.append("<p class=\"fallback\" role=\"note\">")
          .append(esc(t.get("report.languageFallback", lang)))
          .append("</p>\n");
    }
    out.append(body);
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private String body(ReportTexts t) {
    StringBuilder main = new StringBuilder(16384);
    Map<String, String> contents = new LinkedHashMap<>();
    redFlags(t, main, contents);
    notices(t, main, contents);
    advice(t, main, contents);
    withheld(t, main, contents);
    episodesSection(t, main, contents);
    if (audience == Audience.CLINICIAN) {
      riskFactors(t, main, contents);
      labs(t, main, contents);
      notUsed(t, main, contents);
    }
    StringBuilder out = new StringBuilder(main.length() + 2048);
    out.append("<nav aria-label=\"").append(esc(t.get("report.contents"))).append("\">\n<ul>\n");
    contents.forEach(
        (id, heading) ->
            out.append("<li><a href=\"#")
                .append(id)
                .append("\">")
                .append(esc(heading))
                .append("</a></li>\n"));
    out.append("</ul>\n</nav>\n<main id=\"main\">\n").append(main).append("</main>\n");
    out.append("<footer>\n<p>").append(esc(t.get("report.footer"))).append("</p>\n");
    softwareVersion.ifPresent(
        v -> out.append("<p>").append(esc(t.get("report.generatedBy", v))).append("</p>\n"));
    out.append("</footer>\n");
    return out.toString();
  }

  private void redFlags(ReportTexts t, StringBuilder out, Map<String, String> contents) {
    List<RedFlag> flags = assessment.redFlags();
    List<Recommendation> urgent =
        assessment.recommendations().stream()
            .filter(r -> r.category() == Category.URGENT)
            .collect(Collectors.toList());
    if (flags.isEmpty() && urgent.isEmpty()) {
      return;
    }
    boolean isUrgent = !urgent.isEmpty() || flags.stream().anyMatch(f -> f.kind().urgent());
    String heading = t.get(isUrgent ? "report.redFlags.urgent" : "report.redFlags.soon");
    contents.put("red-flags", heading);
    out.append("<section id=\"red-flags\" class=\"red-flags")
        .append(isUrgent ? " urgent" : "")
        .append("\" role=\"alert\" aria-labelledby=\"red-flags-h\">\n")
        .append("<h2 id=\"red-flags-h\"><span aria-hidden=\"true\">&#9888; </span>")
        .append(esc(heading))
        .append("</h2>\n");
    for (Recommendation r : urgent) {
      out.append("<p class=\"do-now\"><strong>")
          .append(esc(r.patientText()))
          .append("</strong></p>\n");
    }
    out.append("<p>")
        .append(
            esc(
                t.get(
                    audience == Audience.PATIENT
                        ? "report.redFlags.intro"
                        : "report.redFlags.clinicianIntro")))
        .append("</p>\n<ul>\n");
    for (RedFlag flag : flags) {
      out.append("<li class=\"red-flag\" data-code=\"")
          .append(flag.kind().code())
          .append("\">")
          .append(esc(t.get("report.redFlag." + flag.kind().code())));
      if (audience == Audience.CLINICIAN) {
        out.append(" <span class=\"code\">(").append(esc(flag.kind().display())).append(")</span>");
        facts(t, out, flag.facts());
      }
      out.append("</li>\n");
    }
    out.append("</ul>\n</section>\n");
  }

  private void notices(ReportTexts t, StringBuilder out, Map<String, String> contents) {
    if (assessment.notices().isEmpty()) {
      return;
    }
    String heading = t.get("report.notices");
    openSection(out, contents, "notices", heading);
    for (Notice n : assessment.notices()) {
      out.append("<p class=\"notice\" data-code=\"")
          .append(n.kind().code())
          .append("\">")
          .append(esc(t.find("notice." + n.kind().code()).orElse(n.text())))
          .append("</p>\n");
    }
    out.append("</section>\n");
  }

  private void advice(ReportTexts t, StringBuilder out, Map<String, String> contents) {
    String heading = t.get("report.advice");
    openSection(out, contents, "advice", heading);
    if (assessment.recommendations().isEmpty()) {
      out.append("<p>").append(esc(t.get("report.noAdvice"))).append("</p>\n");
    }
    Map<Category, List<Recommendation>> byCategory = new LinkedHashMap<>();
    for (Recommendation r : assessment.recommendations()) {
      byCategory.computeIfAbsent(r.category(), c -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<Category, List<Recommendation>> group : byCategory.entrySet()) {
      String category = group.getKey().code();
      out.append("<h3 id=\"advice-")
          .append(category)
          .append("\">")
          .append(esc(t.get("report.category." + category)))
          .append("</h3>\n<ol class=\"advice\">\n");
      for (Recommendation r : group.getValue()) {
        out.append("<li class=\"advice-item\" data-code=\"")
            .append(r.code())
            .append("\" data-priority=\"")
            .append(r.priority().code())
            .append("\">\n")
            .append("<p class=\"advice-text\">")
            .append(esc(r.patientText()))
            .append("</p>\n");
        Trigger first = r.triggers().get(0);
        List<Fact> why = first.facts().subList(0, Math.min(2, first.facts().size()));
        if (!why.isEmpty()) {
          out.append("<p class=\"why\"><span class=\"label\">")
              .append(esc(t.get("report.why")))
              .append("</span> ")
              .append(esc(why.stream().map(t::render).collect(Collectors.joining("; "))))
              .append(first.facts().size() > 2 ? " …" : "")
              .append("</p>\n");
        }
        out.append("<p class=\"evidence\"><span class=\"label\">")
            .append(esc(t.get("report.evidenceLabel")))
            .append("</span> ")
            .append(esc(strength(t, first.evidence())))
            .append("</p>\n");
        for (Caution c : r.cautions()) {
          out.append("<p class=\"caution\"><span class=\"label\">")
              .append(esc(t.get("report.caution")))
              .append("</span> ")
              .append(esc(t.find("caution." + c.code()).orElse(c.text())))
              .append("</p>\n");
        }
        if (audience == Audience.CLINICIAN) {
          out.append("<dl class=\"rules\">\n");
          for (Trigger trigger : r.triggers()) {
            out.append("<dt>")
                .append(esc(t.get("report.clinician.rules")))
                .append("</dt><dd>")
                .append("<code class=\"rule\">")
                .append(esc(trigger.ruleId()))
                .append(" v")
                .append(trigger.ruleVersion())
                .append("</code></dd>\n")
                .append("<dt>")
                .append(esc(t.get("report.clinician.rationale")))
                .append("</dt><dd>")
                .append(esc(trigger.rationale()))
                .append("</dd>\n")
                .append("<dt>")
                .append(esc(t.get("report.clinician.evidence")))
                .append("</dt><dd>");
            citation(out, trigger.evidence());
            out.append("</dd>\n<dt>")
                .append(esc(t.get("report.clinician.facts")))
                .append("</dt><dd>");
            facts(t, out, trigger.facts());
            out.append("</dd>\n");
          }
          out.append("</dl>\n");
        }
        out.append("</li>\n");
      }
      out.append("</ol>\n");
    }
    out.append("</section>\n");
  }

  private void withheld(ReportTexts t, StringBuilder out, Map<String, String> contents) {
    if (assessment.suppressed().isEmpty()) {
      return;
    }
    String heading = t.get("report.withheld");
    openSection(out, contents, "withheld", heading);
    out.append("<ul>\n");
    for (Suppression s : assessment.suppressed()) {
      out.append("<li class=\"withheld-item\" data-code=\"")
          .append(s.code())
          .append("\">\n<p>")
          .append(esc(t.get("report.withheld.item", adviceText(t, s.code()))))
          .append("</p>\n");
      if (!s.facts().isEmpty()) {
        out.append("<p>")
            .append(
                esc(
                    t.get(
                        "report.withheld.because",
                        s.facts().stream().map(t::render).collect(Collectors.joining("; ")))))
            .append("</p>\n");
      }
      Optional<Recommendation> instead =
          s.replacedBy().flatMap(code -> assessment.recommendation(code));
      out.append("<p>")
          .append(
              esc(
                  instead.isPresent()
                      ? t.get("report.withheld.instead", instead.get().patientText())
                      : t.get("report.withheld.ask")))
          .append("</p>\n");
      if (audience == Audience.CLINICIAN) {
        out.append("<p class=\"rule-line\"><code class=\"rule\">")
            .append(esc(s.ruleId()))
            .append(" v")
            .append(s.ruleVersion())
            .append("</code>: ")
            .append(esc(s.reason()))
            .append(" ");
        citation(out, s.evidence());
        out.append("</p>\n");
      }
      out.append("</li>\n");
    }
    out.append("</ul>\n</section>\n");
  }

  private void episodesSection(ReportTexts t, StringBuilder out, Map<String, String> contents) {
    EpisodePatterns p = assessment.patterns();
    String heading =
        t.get(audience == Audience.PATIENT ? "report.episodes" : "report.episodes.clinician");
    openSection(out, contents, "episodes", heading);
    List<CrampEpisode> inWindow =
        EpisodePatterns.inWindow(episodes, assessment.asOf(), ruleBook.thresholds().patterns());
    long days = java.time.Duration.between(p.windowStart(), p.windowEnd()).toDays();
    String end = longDate(t, LocalDate.ofInstant(p.windowEnd(), ZoneOffset.UTC));
    if (inWindow.isEmpty()) {
      out.append("<p class=\"summary\">")
          .append(esc(t.get("report.episodes.none", Long.toString(days), end)))
          .append("</p>\n</section>\n");
      return;
    }
    out.append("<p class=\"summary\">")
        .append(
            esc(
                t.get(
                    "report.episodes.summary",
                    Integer.toString(inWindow.size()),
                    Long.toString(days),
                    end,
                    String.format(t.locale(), "%.1f", p.episodesPerWeek()))))
        .append("</p>\n");
    Charts charts = new Charts(t, inWindow, p.windowStart(), p.windowEnd());
    int duringSleep = (int) inWindow.stream().filter(e -> e.in(Setting.DURING_SLEEP)).count();
    out.append("<div class=\"charts\">\n")
        .append(charts.weekly(ruleBook.thresholds().patterns().frequentPerWeek()))
        .append(charts.timeOfDay(duringSleep))
        .append(charts.severity())
        .append(charts.sites())
        .append("</div>\n</section>\n");
  }

  private void riskFactors(ReportTexts t, StringBuilder out, Map<String, String> contents) {
    String heading = t.get("report.clinician.riskFactors");
    openSection(out, contents, "risk-factors", heading);
    if (assessment.riskFactors().isEmpty()) {
      out.append("<p>").append(esc(t.get("report.clinician.none"))).append("</p>\n");
    } else {
      out.append("<ul>\n");
      for (RiskFactor f : assessment.riskFactors()) {
        out.append("<li data-code=\"")
            .append(f.kind().code())
            .append("\">")
            .append(esc(f.kind().display()));
        facts(t, out, f.facts());
        out.append("</li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("</section>\n");
  }

  private void labs(ReportTexts t, StringBuilder out, Map<String, String> contents) {
    String heading = t.get("report.clinician.labs");
    openSection(out, contents, "labs", heading);
    if (assessment.labs().isEmpty()) {
      out.append("<p>").append(esc(t.get("report.clinician.none"))).append("</p>\n</section>\n");
      return;
    }
    out.append("<table>\n<caption>").append(esc(heading)).append("</caption>\n<thead><tr>");
    for (String h :
        new String[] {"analyte", "value", "date", "interpretation", "range", "current"}) {
      out.append("<th scope=\"col\">")
          .append(esc(t.get("report.clinician.lab." + h)))
          .append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (LabInterpretation lab : assessment.labs()) {
      var r = lab.result();
      String value =
          r.censoring().map(c -> c.code()).orElse("") + r.value().toPlainString() + " " + r.unit();
      out.append("<tr data-source=\"")
          .append(esc(r.id()))
          .append("\"><th scope=\"row\">")
          .append(esc(r.analyte().display()))
          .append("</th><td>")
          .append(esc(value))
          .append("</td><td>")
          .append(r.date())
          .append("</td><td>")
          .append(esc(lab.interpretation().code()))
          .append("</td><td>")
          .append(
              esc(lab.range().map(x -> x.describe()).orElse(t.get("report.clinician.lab.noRange"))))
          .append("</td><td>")
          .append(
              esc(t.get(lab.current() ? "report.clinician.lab.yes" : "report.clinician.lab.no")))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  private void notUsed(ReportTexts t, StringBuilder out, Map<String, String> contents) {
    String heading = t.get("report.clinician.notUsable");
    openSection(out, contents, "not-used", heading);
    if (recordNotes.isEmpty()) {
      out.append("<p>").append(esc(t.get("report.clinician.none"))).append("</p>\n");
    } else {
      out.append("<ul class=\"record-notes\">\n");
      for (RecordNote n : recordNotes) {
        out.append("<li><code>")
            .append(esc(n.source()))
            .append("</code>: ")
            .append(esc(n.text()))
            .append("</li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("<h3 id=\"unused-h\">")
        .append(esc(t.get("report.clinician.unused")))
        .append("</h3>\n");
    if (assessment.unused().isEmpty()) {
      out.append("<p>").append(esc(t.get("report.clinician.none"))).append("</p>\n");
    } else {
      out.append("<ul class=\"unused\">\n");
      for (UnusedInput u : assessment.unused()) {
        out.append("<li><code>")
            .append(esc(u.sourceId()))
            .append("</code> (")
            .append(esc(u.kind().code()))
            .append("): ")
            .append(esc(u.reason()))
            .append("</li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("</section>\n");
  }

  /** Opens a section with its h2 and lists it in the contents. */
  private static void openSection(
      StringBuilder out, Map<String, String> contents, String id, String heading) {
    contents.put(id, heading);
    out.append("<section id=\"")
        .append(id)
        .append("\" aria-labelledby=\"")
        .append(id)
        .append("-h\">\n<h2 id=\"")
        .append(id)
        .append("-h\">")
        .append(esc(heading))
        .append("</h2>\n");
  }

  private void facts(ReportTexts t, StringBuilder out, List<Fact> facts) {
    out.append("<ul class=\"facts\">");
    for (Fact f : facts) {
      out.append("<li>")
          .append(esc(t.render(f)))
          .append(" <span class=\"source\">(")
          .append(
              esc(
                  f.sourceId()
                      .map(id -> t.get("report.clinician.source") + ": " + id)
                      .orElse(t.get("report.clinician.derived"))))
          .append(")</span></li>");
    }
    out.append("</ul>");
  }

  private static void citation(StringBuilder out, Evidence e) {
    out.append("<cite>")
        .append(esc(e.citation()))
        .append("</cite> (")
        .append(esc(e.strength()))
        .append(")");
    if (e.url().isPresent()) {
      out.append(" <a href=\"")
          .append(esc(e.url().get()))
          .append("\">")
          .append(esc(e.url().get()))
          .append("</a>");
    }
  }

  private String adviceText(ReportTexts t, String code) {
    var definition = ruleBook.definitions().get(code);
    return t.find(code).orElse(definition != null ? definition.display() : code);
  }

  private static String strength(ReportTexts t, Evidence e) {
    // A clinic's own evidence has no plain-language key: its strength is shown as the book wrote
    // it.
    return t.find("report.evidence." + e.id()).orElse(e.strength());
  }

  private static String longDate(ReportTexts t, LocalDate date) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(t.locale()).format(date);
  }

  /** Builds a report. */
  public static final class Builder {
    private final Assessment assessment;
    private final RuleBook ruleBook;
    private List<CrampEpisode> episodes = List.of();
    private Audience audience = Audience.PATIENT;
    private List<RecordNote> recordNotes = List.of();
    private @Nullable String softwareVersion;

    private Builder(Assessment assessment, RuleBook ruleBook) {
      this.assessment = checkNotNull(assessment, "assessment");
      this.ruleBook = checkNotNull(ruleBook, "ruleBook");
    }

    /** Sets the episodes the assessment was made from (those in its window are charted). */
    public Builder episodes(List<CrampEpisode> episodes) {
      this.episodes = ImmutableList.copyOf(episodes);
      return this;
    }

    /** Sets who the report is for; default {@link Audience#PATIENT}. */
    public Builder audience(Audience audience) {
      this.audience = checkNotNull(audience, "audience");
      return this;
    }

    /** Sets what in the record was not usable (shown to clinicians). */
    public Builder recordNotes(List<RecordNote> notes) {
      this.recordNotes = ImmutableList.copyOf(notes);
      return this;
    }

    /** Sets the software version named in the footer. */
    public Builder softwareVersion(String version) {
      this.softwareVersion = checkNotNull(version, "version");
      return this;
    }

    /** Returns the report. */
    public HtmlReport build() {
      return new HtmlReport(this);
    }
  }
}
