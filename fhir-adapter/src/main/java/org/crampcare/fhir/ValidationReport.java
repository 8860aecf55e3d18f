package org.crampcare.fhir;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of validating a resource with {@link CrampCareValidator}.
 *
 * @param issues every issue the validator reported, in its order
 */
public record ValidationReport(List<ValidationReport.Issue> issues) {

  /** Copies the issues. */
  public ValidationReport {
    issues = ImmutableList.copyOf(issues);
  }

  /** How serious an issue is. */
  public enum Severity {
    /** Validation could not continue. */
    FATAL,
    /** The resource does not conform. */
    ERROR,
    /** Possibly a problem, for example a code system that could not be checked. */
    WARNING,
    /** For information only. */
    INFORMATION;

    /** Returns whether the severity makes the resource invalid. */
    public boolean isError() {
      return this == FATAL || this == ERROR;
    }
  }

  /**
   * One issue.
   *
   * @param severity how serious it is
   * @param location where, as a FHIRPath-like location, for example {@code Observation.bodySite}
   * @param message what the validator said
   */
  public record Issue(Severity severity, String location, String message) {
    @Override
    public String toString() {
      return severity + " " + location + ": " + message;
    }
  }

  /** Returns whether there is no fatal issue and no error. */
  public boolean isValid() {
    return errors().isEmpty();
  }

  /** Returns the fatal issues and errors. */
  public ImmutableList<Issue> errors() {
    return issues.stream()
        .filter(i -> i.severity().isError())
        .collect(ImmutableList.toImmutableList());
  }

  /** Returns the warnings. */
  public ImmutableList<Issue> warnings() {
    return issues.stream()
        .filter(i -> i.severity() == Severity.WARNING)
        .collect(ImmutableList.toImmutableList());
  }

  @Override
  public String toString() {
    return issues.stream().map(Issue::toString).collect(Collectors.joining("\n"));
  }
}
