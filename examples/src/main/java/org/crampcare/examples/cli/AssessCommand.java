package org.crampcare.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.crampcare.CrampCareException;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.ImportResult;
import org.crampcare.recommendation.RuleBook;
import org.hl7.fhir.r4.model.Bundle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code crampcare assess}: one patient's FHIR Bundle in, a summary and a transaction out. */
@Command(
    name = "assess",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
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
      converter = Converters.InputFile.class,
      description = "The patient's Bundle, FHIR JSON or XML; - reads standard input.")
  private String in = "";

  @Option(
      names = "--out",
      paramLabel = "FILE",
      converter = Converters.OutputFile.class,
      description = "Write the transaction Bundle (Observations, CarePlan, requests, Provenance).")
  private @Nullable String out;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      converter = Converters.OutputFile.class,
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

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Print every fact, unused input and mapping issue; by default long lists show the first"
              + " "
              + SummaryLimits.DEFAULT_ITEMS
              + " and a count.")
  private boolean verbose;

  @Mixin private RuleBookOption ruleBookOption = new RuleBookOption();

  @Mixin private InputSize inputSize = new InputSize();

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    checkFiles();
    FhirContext fhirContext = cli.fhirContext();
    PrintWriter stdout = cli.out();
    Instant when = asOf != null ? asOf : cli.defaultAsOf();

    RuleBook ruleBook = ruleBookOption.ruleBook(cli.in());
    List<String> parseWarnings = new ArrayList<>();
    Bundle input =
        FhirFiles.readBundle(fhirContext, in, cli.in(), inputSize.maxBytes(), parseWarnings);
    ParseWarningsOutput.print(cli.err(), "crampcare assess", parseWarnings, verbose);
    CrampCareFhir fhir = CrampCareFhir.create(fhirContext, ruleBook);
    CrampCareFhir.Result result;
    try {
      result = fhir.assess(input, when);
    } catch (CrampCareException | IllegalArgumentException e) {
      throw new UserInputException(in + ": " + e.getMessage(), e);
    }
    ImportResult imported = result.imported();

    SummaryLimits limits = verbose ? SummaryLimits.ALL : SummaryLimits.DEFAULT;
    // Every output is written before any of them is moved into place: all or nothing.
    try (OutputFiles outputs = new OutputFiles()) {
      Bundle transaction = result.transaction();
      if (out != null) {
        outputs.stage(out, FhirFiles.encode(fhirContext, transaction, format));
      }
      if (report != null) {
        outputs.stage(report, FhirFiles.encode(fhirContext, imported.report(), format));
      }
      outputs.commit();

      stdout.print(
          AssessmentSummary.render(
              result.assessment(), fhir.assessor().ruleBook(), imported.crampRecords(), limits));
      stdout.println();
      stdout.print(MappingReports.summary(imported.report(), limits));
      if (out != null) {
        stdout.print(Supersession.describe(result.superseded(), false));
        stdout.println(
            "Wrote the transaction Bundle ("
                + transaction.getEntry().size()
                + " entries) to "
                + out);
      }
      if (report != null) {
        stdout.println("Wrote the mapping report to " + report);
      }
    }
    return CrampCareCli.EXIT_OK;
  }

  /** Refuses outputs that would overwrite the input or each other, before anything runs. */
  private void checkFiles() {
    if (out != null && report != null && OutputFiles.sameFile(out, report)) {
      throw new ParameterException(
          spec.commandLine(),
          "--out and --report name the same file ("
              + out
              + "); expected two different files, or leave one out");
    }
    for (String[] option : new String[][] {{"--out", out}, {"--report", report}}) {
      if (option[1] != null && OutputFiles.sameFile(option[1], in)) {
        throw new ParameterException(
            spec.commandLine(),
            option[0]
                + " names the input file ("
                + option[1]
                + "); expected another file, so that the input is not overwritten");
      }
    }
  }
}
