package org.crampcare.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.crampcare.fhir.CrampCareValidator;
import org.crampcare.fhir.ValidationReport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crampcare validate}: checks files against base FHIR R4 and CrampCare's profiles. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Validates FHIR R4 resources or Bundles (JSON or XML) against base R4 and CrampCare's"
          + " profiles, and prints every error and warning.",
      "Exits with 1 if any file has an error or cannot be read. Without a terminology server,"
          + " SNOMED CT and LOINC codes cannot be checked: expect warnings saying so.",
      "One validator checks every file: the first takes about 10 s (it builds CrampCare's"
          + " profiles), each further one well under a second. It needs a heap of at least"
          + " 256 MB."
    })
final class ValidateCommand implements Callable<Integer> {
  private static @Nullable CrampCareValidator shared;
  private static @Nullable FhirContext sharedContext;

  @ParentCommand private CrampCareCli cli;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to validate.")
  private List<String> files = new ArrayList<>();

  @Option(names = "--errors-only", description = "Print errors only, not warnings.")
  private boolean errorsOnly;

  @Mixin private InputSize inputSize = new InputSize();

  @Override
  public Integer call() {
    FhirContext fhirContext = cli.fhirContext();
    PrintWriter stdout = cli.out();
    CrampCareValidator validator = validator(fhirContext);
    int failed = 0;
    for (String file : files) {
      IBaseResource resource;
      List<String> parseWarnings = new ArrayList<>();
      try {
        resource =
            FhirFiles.parse(
                fhirContext,
                file,
                FhirFiles.readText(file, cli.in(), inputSize.maxBytes()),
                parseWarnings);
      } catch (UserInputException e) {
        cli.err().println("crampcare validate: " + e.getMessage());
        failed++;
        continue;
      }
      ParseWarningsOutput.print(cli.err(), "crampcare validate", parseWarnings, true);
      ValidationReport report = validator.validate(resource);
      List<ValidationReport.Issue> errors = report.errors();
      List<ValidationReport.Issue> warnings = report.warnings();
      stdout.println(
          file
              + ": "
              + (errors.isEmpty() ? "valid" : "INVALID")
              + " ("
              + plural(errors.size(), "error")
              + ", "
              + plural(warnings.size(), "warning")
              + ")");
      for (ValidationReport.Issue issue : report.issues()) {
        boolean error = issue.severity().isError();
        boolean warning = issue.severity() == ValidationReport.Severity.WARNING;
        if (error || (warning && !errorsOnly)) {
          stdout.println(
              "  "
                  + issue.severity().name().toLowerCase(Locale.ROOT)
                  + " "
                  + issue.location()
                  + ": "
                  + issue.message());
        }
      }
      if (!errors.isEmpty()) {
        failed++;
      }
    }
    if (files.size() > 1) {
      stdout.println((files.size() - failed) + " of " + files.size() + " files valid");
    }
    return failed == 0 ? CrampCareCli.EXIT_OK : CrampCareCli.EXIT_FAILED;
  }

  /**
   * Returns the validator for a context, shared within the JVM: HAPI's validator takes seconds and
   * about 200 MB to start, and is thread-safe.
   */
  private static synchronized CrampCareValidator validator(FhirContext fhirContext) {
    if (shared == null || sharedContext != fhirContext) {
      shared = new CrampCareValidator(fhirContext);
      sharedContext = fhirContext;
    }
    return shared;
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
