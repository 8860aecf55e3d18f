package org.crampcare.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.crampcare.CrampCareException;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.ImportResult;
import org.crampcare.recommendation.RuleBook;
import org.hl7.fhir.r4.model.Bundle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code crampcare assess}: one patient's FHIR Bundle in, a summary and a transaction out. */
@Command(
    name = "assess",
    mixinStandardHelpOptions = true,
    description = {
      "Assesses one patient's FHIR R4 Bundle (any type) and prints a summary: red flags, risk"
          + " factors, recommendations with their reasons, suppressed advice.",
      "Writes the result as a FHIR transaction Bundle (--out) and the mapping report as an"
          + " OperationOutcome (--report)."
    })
final class AssessCommand implements Callable<Integer> {
  @ParentCommand private CrampCareCli cli;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "FILE",
      description = "The patient's Bundle, FHIR JSON or XML; - reads standard input.")
  private String in = "";

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the transaction Bundle (Observations, CarePlan, requests, Provenance).")
  private @Nullable String out;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write the mapping report: what could not be used, and why (OperationOutcome).")
  private @Nullable String report;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      converter = AsOfConverter.class,
      description =
          "Assess as of this date (the end of that day, UTC) or date-time; default: today.")
  private @Nullable Instant asOf;

  @Option(
      names = "--format",
      paramLabel = "json|xml",
      defaultValue = "json",
      description =
          "Format of the files written with --out and --report (default: ${DEFAULT-VALUE}).")
  private OutputFormat format = OutputFormat.JSON;

  @Mixin private RuleBookOption ruleBookOption = new RuleBookOption();

  @Override
  public Integer call() {
    FhirContext fhirContext = cli.fhirContext();
    PrintWriter stdout = cli.out();
    Instant when = asOf != null ? asOf : cli.defaultAsOf();

    RuleBook ruleBook = ruleBookOption.ruleBook(cli.in());
    Bundle input = FhirFiles.readBundle(fhirContext, in, cli.in());
    CrampCareFhir fhir = CrampCareFhir.create(fhirContext, ruleBook);
    CrampCareFhir.Result result;
    try {
      result = fhir.assess(input, when);
    } catch (CrampCareException | IllegalArgumentException e) {
      throw new UserInputException(in + ": " + e.getMessage(), e);
    }
    ImportResult imported = result.imported();

    stdout.print(
        AssessmentSummary.render(
            result.assessment(), fhir.assessor().ruleBook(), imported.crampRecords()));
    stdout.println();
    stdout.print(MappingReports.summary(imported.report()));

    if (out != null) {
      stdout.print(Supersession.describe(result.superseded(), false));
      Bundle transaction = result.transaction();
      FhirFiles.write(fhirContext, transaction, out, format);
      stdout.println(
          "Wrote the transaction Bundle (" + transaction.getEntry().size() + " entries) to " + out);
    }
    if (report != null) {
      FhirFiles.write(fhirContext, imported.report(), report, format);
      stdout.println("Wrote the mapping report to " + report);
    }
    return CrampCareCli.EXIT_OK;
  }
}
