package org.crampcare.examples.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/** Renders an OperationOutcome (a mapping report or validation result) for a terminal. */
final class MappingReports {
  private MappingReports() {}

  /** Summarises a mapping report: a count per severity, then every issue with its location. */
  static String summary(OperationOutcome report) {
    return summary(report, SummaryLimits.ALL);
  }

  /**
   * Summarises a mapping report: a count per severity, then the issues with their locations, the
   * most severe first, at most {@code limits.items()} of them and how many more there are.
   */
  static String summary(OperationOutcome report, SummaryLimits limits) {
    StringBuilder s = new StringBuilder("Mapping report: ");
    if (report.getIssue().isEmpty()) {
      return s.append("every relevant resource was used\n").toString();
    }
    Map<IssueSeverity, Integer> counts = new EnumMap<>(IssueSeverity.class);
    for (OperationOutcomeIssueComponent issue : report.getIssue()) {
      counts.merge(severity(issue), 1, Integer::sum);
    }
    StringBuilder countText = new StringBuilder();
    counts.forEach(
        (severity, n) -> {
          if (countText.length() > 0) {
            countText.append(", ");
          }
          countText.append(n).append(' ').append(countName(severity, n));
        });
    s.append(countText).append('\n');
    List<OperationOutcomeIssueComponent> issues = new ArrayList<>(report.getIssue());
    // Stable: within a severity, the report's order.
    issues.sort(Comparator.comparing(MappingReports::severity));
    int shown = 0;
    for (OperationOutcomeIssueComponent issue : issues) {
      if (shown++ == limits.items()) {
        break;
      }
      s.append("  ").append(line(issue)).append('\n');
    }
    String more = limits.more(issues.size(), "issues");
    if (more != null) {
      s.append("  ").append(more).append("; --report writes them all\n");
    }
    return s.toString();
  }

  /** Returns "warning Observation/x (Observation.valueQuantity): text" for an issue. */
  static String line(OperationOutcomeIssueComponent issue) {
    StringBuilder s = new StringBuilder(name(severity(issue)));
    String where =
        issue.getExpression().isEmpty()
            ? (issue.getLocation().isEmpty() ? "" : issue.getLocation().get(0).getValue())
            : issue.getExpression().get(0).getValue();
    if (where != null && !where.isEmpty()) {
      s.append(' ').append(where);
    }
    s.append(": ");
    if (issue.hasDiagnostics()) {
      s.append(issue.getDiagnostics());
    } else if (issue.getDetails().hasText()) {
      s.append(issue.getDetails().getText());
    } else {
      s.append(issue.getCode() == null ? "(no detail)" : issue.getCode().toCode());
    }
    return s.toString();
  }

  private static String countName(IssueSeverity severity, int n) {
    String plural = n == 1 ? "" : "s";
    switch (severity) {
      case FATAL:
        return "fatal error" + plural;
      case ERROR:
        return "error" + plural;
      case WARNING:
        return "warning" + plural;
      default:
        return "note" + plural;
    }
  }

  static IssueSeverity severity(OperationOutcomeIssueComponent issue) {
    return issue.getSeverity() == null || issue.getSeverity() == IssueSeverity.NULL
        ? IssueSeverity.INFORMATION
        : issue.getSeverity();
  }

  static String name(IssueSeverity severity) {
    return severity.toCode().toLowerCase(Locale.ROOT);
  }
}
