package org.crampcare.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.crampcare.CrampCareException;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.ReportDocuments;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.report.Audience;
import org.crampcare.report.HtmlReport;
import org.crampcare.report.ReportLanguage;
import org.hl7.fhir.r4.model.Bundle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code crampcare report}: one patient's Bundle in, a self-contained HTML report out. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Assesses one patient's FHIR R4 Bundle and writes a self-contained HTML report with charts:"
          + " for the patient (plain words, red flags first) or for a clinician (rule ids,"
          + " evidence, facts with their sources, what in the record was not usable).",
      "With --bundle, also writes the transaction Bundle with the report in a DocumentReference."
    })
final class ReportCommand implements Callable<Integer> {
  @ParentCommand private CrampCareCli cli;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "FILE",
      converter = Converters.InputFile.class,
      description = "The patient's Bundle, FHIR JSON or XML; - reads standard input.")
  private String in = "";

  @Option(
      names = "--html",
      required = true,
      paramLabel = "FILE",
      converter = Converters.OutputFile.class,
      description = "Write the report here (one HTML file, no network needed to open or print it).")
  private String html = "";

  @Option(
      names = "--audience",
      paramLabel = "patient|clinician",
      defaultValue = "patient",
      converter = AudienceConverter.class,
      description = "Who the report is for (default: ${DEFAULT-VALUE}).")
  private Audience audience = Audience.PATIENT;

  @Option(
      names = "--lang",
      paramLabel = "CODE",
      defaultValue = "en",
      description =
          "The report's language: en or de (default: ${DEFAULT-VALUE}). Labels and advice come"
              + " from the rule book's text catalog.")
  private String lang = "en";

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      converter = AsOfConverter.class,
      description =
          "Assess as of this date (the end of that day, UTC) or date-time; default: today.")
  private @Nullable Instant asOf;

  @Option(
      names = "--bundle",
      paramLabel = "FILE",
      converter = Converters.OutputFile.class,
      description =
          "Also write the transaction Bundle (as assess --out) with the report as a"
              + " DocumentReference.")
  private @Nullable String bundle;

  @Mixin private RuleBookOption ruleBookOption = new RuleBookOption();

  @Mixin private InputSize inputSize = new InputSize();

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    checkFiles();
    RuleBook ruleBook;
    try {
      ruleBook = ReportLanguage.apply(ruleBookOption.ruleBook(cli.in()), lang);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--lang: " + e.getMessage(), e, null, lang);
    }
    FhirContext fhirContext = cli.fhirContext();
    PrintWriter stdout = cli.out();
    Instant when = asOf != null ? asOf : cli.defaultAsOf();
    List<String> parseWarnings = new ArrayList<>();
    Bundle input =
        FhirFiles.readBundle(fhirContext, in, cli.in(), inputSize.maxBytes(), parseWarnings);
    ParseWarningsOutput.print(cli.err(), "crampcare report", parseWarnings, false);
    CrampCareFhir fhir = CrampCareFhir.create(fhirContext, ruleBook);
    CrampCareFhir.Result result;
    try {
      result = fhir.assess(input, when);
    } catch (CrampCareException | IllegalArgumentException e) {
      throw new UserInputException(in + ": " + e.getMessage(), e);
    }
    Assessment assessment = result.assessment();
    HtmlReport report =
        HtmlReport.builder(assessment, ruleBook)
            .episodes(result.imported().episodes())
            .audience(audience)
            .recordNotes(ReportDocuments.notes(result.imported().report()))
            .softwareVersion(version())
            .build();
    String page = report.render();
    try (OutputFiles outputs = new OutputFiles()) {
      outputs.stage(html, page);
      Bundle transaction = result.transaction();
      if (bundle != null) {
        ReportDocuments.attach(transaction, page, report.language(), audience);
        outputs.stage(bundle, FhirFiles.encode(fhirContext, transaction, OutputFormat.JSON));
      }
      outputs.commit();
      stdout.println(
          "Wrote the "
              + audience.code()
              + " report ("
              + report.language().toLanguageTag()
              + "; "
              + assessment.redFlags().size()
              + " red flag(s), "
              + assessment.recommendations().size()
              + " recommendation(s), "
              + assessment.suppressed().size()
              + " withheld) to "
              + html);
      if (bundle != null) {
        stdout.println(
            "Wrote the transaction Bundle ("
                + transaction.getEntry().size()
                + " entries, the report as a DocumentReference) to "
                + bundle);
      }
    }
    return CrampCareCli.EXIT_OK;
  }

  private static String version() {
    try {
      return Version.version();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Refuses outputs that would overwrite the input or each other, before anything runs. */
  private void checkFiles() {
    if (bundle != null && OutputFiles.sameFile(html, bundle)) {
      throw new ParameterException(
          spec.commandLine(),
          "--html and --bundle name the same file (" + html + "); expected two different files");
    }
    for (String[] option : new String[][] {{"--html", html}, {"--bundle", bundle}}) {
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

  /** Reads {@code --audience}, naming the accepted values when it is not one. */
  static final class AudienceConverter implements picocli.CommandLine.ITypeConverter<Audience> {
    @Override
    public Audience convert(String value) {
      try {
        return Audience.fromCode(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
