package org.crampcare.examples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.crampcare.fhir.FhirSync;
import org.crampcare.fhir.SyncException;
import org.crampcare.recommendation.RuleBook;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code crampcare sync}: read a patient over FHIR REST, assess, write back one transaction. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Reads one patient's data from a FHIR R4 server (Patient, Observation, Condition,"
          + " MedicationRequest, MedicationStatement, Medication; every page), assesses it, and"
          + " writes the result back as ONE transaction.",
      "The transaction uses conditional creates on CrampCare's identifiers: running sync again"
          + " creates nothing twice. A failed request writes nothing.",
      "CrampCare's earlier open CarePlans of the patient and their open requests are revoked in"
          + " the same transaction, and the new CarePlan replaces them: one active plan at a time."
    })
final class SyncCommand implements Callable<Integer> {
  @ParentCommand private CrampCareCli cli;

  @Spec private CommandSpec spec;

  @Option(
      names = "--fhir-server",
      required = true,
      paramLabel = "URL",
      converter = Converters.FhirBaseUrl.class,
      description = "The FHIR server's base URL, for example http://localhost:8080/fhir")
  private String server = "";

  @Option(
      names = "--patient",
      required = true,
      paramLabel = "ID",
      converter = Converters.FhirId.class,
      description = "The Patient's id on that server.")
  private String patient = "";

  @Option(
      names = "--dry-run",
      description = "Read and assess, print what would be written, write nothing.")
  private boolean dryRun;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      converter = AsOfConverter.class,
      description =
          "Assess as of this date (the end of that day, UTC) or date-time; default: today.")
  private @Nullable Instant asOf;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "Connect and read timeout of each request (default: ${DEFAULT-VALUE}).")
  private int timeoutSeconds = 30;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      defaultValue = "100",
      description = "Search page size asked of the server (default: ${DEFAULT-VALUE}).")
  private int pageSize = FhirSync.DEFAULT_PAGE_SIZE;

  @Option(
      names = "--bearer-token",
      paramLabel = "TOKEN",
      defaultValue = "${env:CRAMPCARE_FHIR_TOKEN}",
      description =
          "Send 'Authorization: Bearer TOKEN' (default: the CRAMPCARE_FHIR_TOKEN environment"
              + " variable, so the token need not appear in the process list).")
  private @Nullable String bearerToken;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      converter = Converters.OutputFile.class,
      description = "Also write the transaction Bundle to this file (FHIR JSON).")
  private @Nullable String out;

  @Mixin private RuleBookOption ruleBookOption = new RuleBookOption();

  @Override
  public Integer call() {
    if (timeoutSeconds < 1) {
      throw new ParameterException(
          spec.commandLine(), "--timeout must be at least 1 second, got " + timeoutSeconds);
    }
    if (pageSize < 1) {
      throw new ParameterException(
          spec.commandLine(), "--page-size must be at least 1, got " + pageSize);
    }
    PrintWriter stdout = cli.out();
    Instant when = asOf != null ? asOf : cli.defaultAsOf();
    RuleBook ruleBook = ruleBookOption.ruleBook(cli.in());
    FhirSync sync =
        new FhirSync(
            cli.fhirContext(),
            server,
            Duration.ofSeconds(timeoutSeconds),
            pageSize,
            Optional.ofNullable(bearerToken).filter(token -> !token.isBlank()),
            ruleBook);
    FhirSync.Result result;
    // --out is written in full beside its target before the transaction is sent, and moved into
    // place only once the server has it: a failed sync leaves no file.
    try (OutputFiles outputs = new OutputFiles()) {
      try {
        result =
            sync.sync(
                patient,
                when,
                dryRun,
                transaction -> {
                  if (out != null) {
                    outputs.stage(
                        out, FhirFiles.encode(cli.fhirContext(), transaction, OutputFormat.JSON));
                  }
                });
      } catch (SyncException e) {
        throw new UserInputException(e.getMessage(), e);
      }
      outputs.commit();
    }
    stdout.println(
        "Read "
            + result.input().getEntry().size()
            + " resources from "
            + server
            + ": "
            + countByType(result.input()));
    stdout.println();
    stdout.print(
        AssessmentSummary.render(result.assessment(), ruleBook, result.imported().crampRecords()));
    stdout.println();
    stdout.print(MappingReports.summary(result.imported().report()));
    stdout.println();
    stdout.print(Supersession.describe(result.superseded(), !dryRun));
    if (out != null) {
      stdout.println("Wrote the transaction Bundle to " + out);
    }
    if (dryRun) {
      stdout.println(
          "Dry run: nothing was written. The transaction would hold "
              + result.transaction().getEntry().size()
              + " entries:");
      for (BundleEntryComponent entry : result.transaction().getEntry()) {
        stdout.println("  " + describe(entry));
      }
    } else {
      stdout.println(
          "Wrote one transaction of "
              + result.transaction().getEntry().size()
              + " entries to "
              + server
              + ": "
              + result.created()
              + " created, "
              + result.alreadyPresent()
              + " already there (not duplicated)"
              + (result.updated() > 0 ? ", " + result.updated() + " earlier ones revoked" : "")
              + ".");
    }
    return CrampCareCli.EXIT_OK;
  }

  /** Returns "Observation 7, Condition 1, ..." in type order. */
  static String countByType(Bundle bundle) {
    Map<String, Integer> counts = new TreeMap<>();
    for (BundleEntryComponent entry : bundle.getEntry()) {
      if (entry.hasResource()) {
        counts.merge(entry.getResource().fhirType(), 1, Integer::sum);
      }
    }
    StringBuilder s = new StringBuilder();
    counts.forEach(
        (type, n) -> s.append(s.length() == 0 ? "" : ", ").append(type).append(' ').append(n));
    return s.toString();
  }

  /** Returns "POST Observation if none exist: identifier=..." for a transaction entry. */
  static String describe(BundleEntryComponent entry) {
    StringBuilder s =
        new StringBuilder()
            .append(
                entry.getRequest().getMethod() == null
                    ? "?"
                    : entry.getRequest().getMethod().toCode())
            .append(' ')
            .append(entry.getRequest().getUrl());
    if (entry.getRequest().hasIfNoneExist()) {
      s.append(" (if none exists: ").append(entry.getRequest().getIfNoneExist()).append(')');
    }
    return s.toString();
  }
}
