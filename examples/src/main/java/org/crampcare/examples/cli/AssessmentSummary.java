package org.crampcare.examples.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.crampcare.fhir.ImportResult;
import org.crampcare.pattern.EpisodePatterns;
import org.crampcare.pattern.SeverityTrend;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Caution;
import org.crampcare.recommendation.Evidence;
import org.crampcare.recommendation.Notice;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.RecommendationDefinition;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.recommendation.Suppression;
import org.crampcare.recommendation.UnusedInput;
import org.crampcare.risk.Fact;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RiskFactor;
import org.jspecify.annotations.Nullable;

/**
 * Renders an {@link Assessment} as a plain-text summary for a terminal: red flags, risk factors,
 * recommendations with their reasons (rationale, evidence and the patient's facts), suppressed
 * advice with its reasons, notices and the input that was not used.
 *
 * <p>The text depends only on the assessment, so the same assessment gives the same text. Lines are
 * wrapped at {@value #WIDTH} characters.
 */
public final class AssessmentSummary {
  /** The column at which long lines are wrapped. */
  public static final int WIDTH = 100;

  /** Joins words that must stay on one line; printed as a space. */
  private static final char NO_BREAK = '\u0000';

  private final RuleBook ruleBook;
  private final SummaryLimits limits;
  private final StringBuilder out = new StringBuilder();

  private AssessmentSummary(RuleBook ruleBook, SummaryLimits limits) {
    this.ruleBook = ruleBook;
    this.limits = limits;
  }

  /**
   * Renders an assessment.
   *
   * @param assessment the assessment
   * @param ruleBook the rule book that made it, for the recommendations' display names
   * @return the summary, ending with a line break
   */
  public static String render(Assessment assessment, RuleBook ruleBook) {
    return new AssessmentSummary(ruleBook, SummaryLimits.ALL).write(assessment, null);
  }

  /**
   * Renders an assessment of imported records, saying how many cramp records were found, used,
   * merged and not usable: it never claims "no episodes" or "no red flags" when records were found
   * but not used.
   *
   * @param assessment the assessment
   * @param ruleBook the rule book that made it
   * @param records what became of the input's cramp records
   * @return the summary, ending with a line break
   */
  public static String render(
      Assessment assessment, RuleBook ruleBook, ImportResult.CrampRecords records) {
    return render(assessment, ruleBook, records, SummaryLimits.ALL);
  }

  /**
   * Renders an assessment of imported records, as {@link #render(Assessment, RuleBook,
   * ImportResult.CrampRecords)}, showing at most {@code limits.items()} of each long list (facts,
   * input not used) followed by how many more there are.
   *
   * @param assessment the assessment
   * @param ruleBook the rule book that made it
   * @param records what became of the input's cramp records
   * @param limits how much of each list to show
   * @return the summary, ending with a line break
   */
  public static String render(
      Assessment assessment,
      RuleBook ruleBook,
      ImportResult.CrampRecords records,
      SummaryLimits limits) {
    return new AssessmentSummary(ruleBook, limits).write(assessment, records);
  }

  private String write(Assessment a, ImportResult.@Nullable CrampRecords records) {
    line(0, "CrampCare assessment");
    line(2, "Patient:   " + a.patientId().orElse("(no id)") + ", " + a.ageYears() + " years old");
    line(2, "As of:     " + a.asOf() + " (rule book " + a.ruleBookVersion() + ")");
    boolean unusable = records != null && records.notUsable() > 0;
    if (records != null) {
      line(2, "Records:   " + records.describe());
    }
    line(
        2,
        "Episodes:  "
            + (a.patterns().episodeCount() == 0 && unusable
                ? "none usable in the window, though cramp records were found (see Records)"
                : patterns(a.patterns())));
    long before =
        a.unused().stream().filter(u -> u.kind() == org.crampcare.risk.FactKind.EPISODE).count();
    if (before > 0) {
      line(
          2,
          "Earlier:   "
              + before
              + (before == 1 ? " episode" : " episodes")
              + " started before the window and counted in no pattern or rule; --as-of with an"
              + " earlier date assesses as of then");
    }
    for (Notice notice : a.notices()) {
      line(2, "Notice:    " + notice.text());
    }

    blank();
    if (a.redFlags().isEmpty()) {
      line(
          0,
          unusable
              ? "Red flags: none found in the records that could be used; "
                  + records.notUsable()
                  + " cramp record(s) could not be read (see the mapping report)"
              : "Red flags: none");
    } else {
      line(0, "RED FLAGS (" + a.redFlags().size() + ")");
      for (RedFlag flag : a.redFlags()) {
        line(2, "! " + flag.kind().display() + (flag.kind().urgent() ? " (urgent)" : ""));
        facts(6, flag.facts());
      }
    }

    blank();
    if (a.riskFactors().isEmpty()) {
      line(0, "Risk factors: none found");
    } else {
      line(0, "Risk factors (" + a.riskFactors().size() + ")");
      for (RiskFactor factor : a.riskFactors()) {
        line(2, "* " + factor.kind().display());
        facts(6, factor.facts());
      }
    }

    blank();
    if (a.recommendations().isEmpty()) {
      line(0, "Recommendations: none");
    } else {
      line(0, "Recommendations (" + a.recommendations().size() + ", most urgent first)");
      int n = 1;
      for (Recommendation r : a.recommendations()) {
        recommendation(n++, r);
      }
    }

    if (!a.suppressed().isEmpty()) {
      blank();
      line(0, "Suppressed advice (" + a.suppressed().size() + ")");
      for (Suppression s : a.suppressed()) {
        line(
            2,
            "- "
                + display(s.code())
                + " ["
                + s.code()
                + "], by rule "
                + s.ruleId()
                + s.replacedBy().map(code -> "; replaced by " + code).orElse(""));
        line(6, "Why: " + s.reason());
        line(6, "Evidence: " + evidence(s.evidence()));
        facts(6, s.facts());
      }
    }

    if (!a.unused().isEmpty()) {
      blank();
      line(0, "Not used as evidence (" + a.unused().size() + ")");
      int shown = 0;
      for (UnusedInput u : a.unused()) {
        if (shown++ == limits.items()) {
          break;
        }
        line(2, "- " + u.kind().code() + " " + u.sourceId() + ": " + u.reason());
      }
      String more = limits.more(a.unused().size(), "inputs not used");
      if (more != null) {
        line(2, more);
      }
    }
    return out.toString();
  }

  private void recommendation(int n, Recommendation r) {
    String category = r.category().code().replace('-', ' ');
    String priority = r.priority().code();
    // "urgent, urgent" says nothing twice: an urgent review is urgent.
    String kind = category.equals(priority) ? category : category + ", " + priority;
    line(2, n + ". " + display(r.code()) + " [" + r.code() + "; " + kind + "]");
    line(6, "Advice: " + r.patientText());
    line(6, "Why: " + r.rationale());
    List<String> evidence = new ArrayList<>();
    for (Evidence e : r.evidence()) {
      evidence.add(evidence(e));
    }
    line(6, "Evidence: " + String.join("; ", evidence));
    line(6, "Rules: " + String.join(", ", r.ruleIds()));
    facts(6, r.facts());
    for (Caution c : r.cautions()) {
      line(6, "Caution [" + c.code() + "]: " + c.text());
    }
  }

  private String display(String code) {
    RecommendationDefinition d = ruleBook.definitions().get(code);
    return d == null ? code : d.display();
  }

  private static String evidence(Evidence e) {
    return e.citation() + " (" + e.strength() + ")";
  }

  private void facts(int indent, List<Fact> facts) {
    if (facts.isEmpty()) {
      return;
    }
    line(indent, "Facts:");
    int shown = 0;
    for (Fact f : facts) {
      if (shown++ == limits.items()) {
        line(indent + 2, limits.more(facts.size(), "facts"));
        break;
      }
      line(
          indent + 2,
          "- "
              + f.text()
              + f.sourceId().map(id -> " [" + f.kind().code() + NO_BREAK + id + "]").orElse(""));
    }
  }

  private static String patterns(EpisodePatterns p) {
    long days = Duration.between(p.windowStart(), p.windowEnd()).toDays();
    if (p.episodeCount() == 0) {
      return "none in the " + days + " days before the assessment";
    }
    StringBuilder s =
        new StringBuilder()
            .append(p.episodeCount())
            .append(p.episodeCount() == 1 ? " episode" : " episodes")
            .append(" in the last ")
            .append(days)
            .append(" days (")
            .append(String.format(Locale.ROOT, "%.1f", p.episodesPerWeek()))
            .append(" a week");
    if (p.frequent()) {
      s.append(", frequent");
    }
    s.append(String.format(Locale.ROOT, "; %.0f%% during sleep", p.nightShare() * 100));
    p.dominantSite().ifPresent(site -> s.append("; mostly ").append(site.code()));
    p.dominantSide().ifPresent(side -> s.append(", ").append(side.code()));
    if (p.severityTrend() == SeverityTrend.INSUFFICIENT_DATA) {
      s.append("; too few for a severity trend");
    } else {
      s.append("; severity ").append(p.severityTrend().code());
    }
    if (p.withSeverity() < p.episodeCount()) {
      s.append("; severity recorded for ")
          .append(p.withSeverity())
          .append(" of ")
          .append(p.episodeCount());
    }
    if (p.withDuration() < p.episodeCount()) {
      s.append("; duration recorded for ")
          .append(p.withDuration())
          .append(" of ")
          .append(p.episodeCount());
    }
    return s.append(')').toString();
  }

  private void blank() {
    out.append('\n');
  }

  /** Appends text at an indent, wrapping at {@link #WIDTH} with a hanging indent of two. */
  private void line(int indent, String text) {
    String pad = " ".repeat(indent);
    String hanging = " ".repeat(indent + 2);
    StringBuilder current = new StringBuilder(pad);
    boolean first = true;
    for (String word : text.split(" ")) {
      if (!first && current.length() + 1 + word.length() > WIDTH) {
        out.append(current.toString().replace(NO_BREAK, ' ')).append('\n');
        current = new StringBuilder(hanging).append(word);
      } else {
        if (!first) {
          current.append(' ');
        }
        current.append(word);
      }
      first = false;
    }
    out.append(current.toString().replace(NO_BREAK, ' ')).append('\n');
  }
}
