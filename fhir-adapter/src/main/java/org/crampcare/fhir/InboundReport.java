package org.crampcare.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * Collects the mapping report of one import: what could not be used and why, and the caveats on
 * what was used. Confined to one import call.
 *
 * <p>Severity: {@code warning} when a relevant resource could not be used because of its content
 * (an unknown unit, a missing value or site); {@code information} when it was correctly left out
 * (wrong status, resolved, entered in error) or used with a caveat (stale lab, how a medication was
 * matched, an unverified code). Diagnostics start with the resource's key ({@code Type/id}) and
 * name the element; they carry codes and units, never patient values beyond ids.
 */
final class InboundReport {
  private final List<OperationOutcomeIssueComponent> issues = new ArrayList<>();

  /** Reports that a relevant resource could not be used because of its content. */
  void notUsed(InboundEntry entry, IssueType code, String element, String message) {
    entry.disposition(InboundEntry.Disposition.NOT_USED);
    add(IssueSeverity.WARNING, code, entry, element, message);
  }

  /** Reports that a relevant resource was correctly left out (status, clinical status). */
  void leftOut(InboundEntry entry, IssueType code, String element, String message) {
    entry.disposition(InboundEntry.Disposition.NOT_USED);
    add(IssueSeverity.INFORMATION, code, entry, element, message);
  }

  /** Reports a conflict in a resource and the reading taken; does not change its disposition. */
  void warning(InboundEntry entry, IssueType code, String element, String message) {
    add(IssueSeverity.WARNING, code, entry, element, message);
  }

  /** Adds a caveat about a resource that was used; does not change its disposition. */
  void note(InboundEntry entry, IssueType code, String element, String message) {
    add(IssueSeverity.INFORMATION, code, entry, element, message);
  }

  private void add(
      IssueSeverity severity, IssueType code, InboundEntry entry, String element, String message) {
    OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent();
    issue.setSeverity(severity);
    issue.setCode(code);
    issue.setDiagnostics(entry.label() + ": " + message);
    issue.addExpression(element.isEmpty() ? entry.type() : entry.type() + "." + element);
    issues.add(issue);
  }

  /**
   * Builds the OperationOutcome: every issue in the order found, then one information issue with
   * the counts.
   */
  OperationOutcome build(int read, int mapped, int notUsed, int irrelevant) {
    OperationOutcome outcome = new OperationOutcome();
    issues.forEach(issue -> outcome.addIssue(issue.copy()));
    outcome
        .addIssue()
        .setSeverity(IssueSeverity.INFORMATION)
        .setCode(IssueType.INFORMATIONAL)
        .setDiagnostics(summary(read, mapped, notUsed, irrelevant));
    return outcome;
  }

  static String summary(int read, int mapped, int notUsed, int irrelevant) {
    return "read "
        + read
        + " resources: "
        + mapped
        + " mapped, "
        + notUsed
        + " relevant but not used (listed), "
        + irrelevant
        + " irrelevant to cramps (counted, not listed)";
  }
}
