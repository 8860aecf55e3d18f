package org.crampcare.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.population.BulkExportClient;
import org.crampcare.fhir.population.BulkInput;
import org.crampcare.fhir.population.PopulationRun;
import org.crampcare.fhir.population.PopulationSummary;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code crampcare population}: every patient of a Bulk Data export, on one machine. */
@Command(
    name = "population",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Assesses every patient of a FHIR Bulk Data export (a folder of NDJSON files, plain or"
          + " gzip, or a manifest) in memory that does not grow with the number of patients, on"
          + " every core.",
      "Writes to --out: NDJSON per resource type of what CrampCare concludes, one mapping report"
          + " per patient (OperationOutcome.ndjson), and summary.json, summary.csv and"
          + " summary.html. Nothing is changed in --out unless the whole run succeeds."
    })
final class PopulationCommand implements Callable<Integer> {
  @ParentCommand private CrampCareCli cli;

  @Spec private CommandSpec spec;

  @Option(
      names = "--in",
      paramLabel = "DIR|MANIFEST",
      description = "The export: a folder of .ndjson or .ndjson.gz files, or a manifest file.")
  private @Nullable Path in;

  @Option(
      names = "--export",
      paramLabel = "URL",
      description =
          "Run the export first: the server's kick-off URL, for example"
              + " https://ehr.example/fhir/Patient/$export or .../Group/42/$export.")
  private @Nullable String export;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      split = ",",
      description =
          "With --export: the resource types to ask for (_type; default: the types CrampCare"
              + " reads: Patient, Observation, Condition, MedicationRequest, MedicationStatement,"
              + " Medication, QuestionnaireResponse).")
  private List<String> types = List.copyOf(org.crampcare.fhir.FhirImporter.RESOURCE_TYPES_READ);

  @Option(
      names = "--since",
      paramLabel = "INSTANT",
      description = "With --export: only resources changed since then (_since).")
  private @Nullable String since;

  @Option(
      names = "--bearer-token",
      paramLabel = "TOKEN",
      defaultValue = "${env:CRAMPCARE_FHIR_TOKEN}",
      description =
          "With --export: the access token (default: the CRAMPCARE_FHIR_TOKEN environment"
              + " variable).")
  private @Nullable String bearerToken;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The folder to write to; created if missing.")
  private Path out = Path.of(".");

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      converter = AsOfConverter.class,
      description = "Assess as of this date (the end of that day, UTC); default: today.")
  private @Nullable Instant asOf;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads that assess (default: one per core).")
  private int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--quiet", description = "Print nothing but errors.")
  private boolean quiet;

  @Mixin private RuleBookOption ruleBookOption = new RuleBookOption();

  @Override
  public Integer call() {
    if (threads < 1 || threads > 256) {
      throw new ParameterException(spec.commandLine(), "--threads must be 1..256, got " + threads);
    }
    if ((in == null) == (export == null)) {
      throw new ParameterException(
          spec.commandLine(),
          "give --in (an export on disk) or --export (a server's), one of them");
    }
    if (in != null && !Files.exists(in)) {
      throw new ParameterException(
          spec.commandLine(), "--in " + in + ": no such folder or file; expected an export");
    }
    BulkExportClient client = null;
    if (export != null) {
      try {
        client =
            BulkExportClient.builder(URI.create(export))
                .types(types)
                .since(Optional.ofNullable(since))
                .bearerToken(Optional.ofNullable(bearerToken).filter(t -> !t.isBlank()))
                .status(
                    line -> {
                      if (!quiet) {
                        cli.err().println("population: " + line);
                        cli.err().flush();
                      }
                    })
                .build();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--export: " + e.getMessage(), e);
      }
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new ParameterException(
          spec.commandLine(), "--out " + out + ": is a file; expected a folder");
    }
    PrintWriter stdout = cli.out();
    PrintWriter err = cli.err();
    Path download = null;
    try {
      List<Path> files;
      if (client != null) {
        try {
          Files.createDirectories(out);
          download = Files.createTempDirectory(out, ".crampcare-download-");
          if (!quiet) {
            stdout.println("Exporting from " + export + " ...");
            stdout.flush();
          }
          BulkExportClient.Result exported = client.export(download);
          files = exported.files();
          for (String error : exported.errors()) {
            err.println("population: the export reported: " + error);
          }
        } catch (BulkExportClient.BulkExportException e) {
          throw new UserInputException(e.getMessage() + "; nothing was changed in " + out, e);
        } catch (IOException e) {
          throw new UserInputException(out + ": cannot be written: " + e.getMessage(), e);
        }
      } else {
        try {
          files = BulkInput.files(java.util.Objects.requireNonNull(in));
        } catch (IllegalArgumentException | UncheckedIOException e) {
          throw new UserInputException(e.getMessage(), e);
        }
      }
      return assess(files, stdout, err);
    } finally {
      if (download != null) {
        deleteTree(download);
      }
    }
  }

  private Integer assess(List<Path> files, PrintWriter stdout, PrintWriter err) {
    Instant when = asOf != null ? asOf : cli.defaultAsOf();
    CrampCareFhir fhir = CrampCareFhir.create(cli.fhirContext(), ruleBookOption.ruleBook(cli.in()));
    if (!quiet) {
      stdout.println(
          "Reading "
              + files.size()
              + (files.size() == 1 ? " file" : " files")
              + " from "
              + (in != null ? in : export));
      if (Files.exists(out.resolve("summary.json"))) {
        stdout.println(
            "Starting clean: the earlier results in " + out + " are replaced when this run ends.");
      }
      if (hasUnfinishedWork(out)) {
        stdout.println("Removing the unfinished work of an interrupted run in " + out + ".");
      }
      stdout.flush();
    }
    boolean terminal = System.console() != null;
    Progress progress = new Progress(err, terminal);
    long start = System.nanoTime();
    PopulationRun.Outcome outcome;
    try {
      outcome =
          PopulationRun.builder(fhir, when)
              .threads(threads)
              .progress(quiet ? p -> {} : progress::show)
              .build()
              .run(files, out);
    } catch (UncheckedIOException e) {
      throw new UserInputException(
          "population: " + e.getMessage() + "; nothing was changed in " + out, e);
    } catch (IllegalStateException e) {
      // Another run holds the output folder: say so, change nothing.
      throw new UserInputException(e.getMessage(), e);
    }
    progress.end();
    if (!quiet) {
      PopulationSummary s = outcome.summary();
      stdout.printf(
          Locale.ROOT,
          "Assessed %d of %d patients in %.1f s (%d not assessed: the reasons are in"
              + " summary.json and OperationOutcome.ndjson).%n",
          s.assessed(),
          s.patients(),
          (System.nanoTime() - start) / 1e9,
          s.patients() - s.assessed());
      if (!s.notLinkedToAPatient().isEmpty() || !s.unreadableLines().isEmpty()) {
        stdout.println(
            "Not used: "
                + s.notLinkedToAPatient().values().stream().mapToLong(Long::longValue).sum()
                + " resources that name no patient, "
                + s.unreadableLines().values().stream().mapToLong(Long::longValue).sum()
                + " lines that are not FHIR (counted in summary.json).");
      }
      stdout.println("Wrote to " + out + ": " + String.join(", ", outcome.filesWritten()));
    }
    return CrampCareCli.EXIT_OK;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // What is left is a hidden download folder; the message says where.
      throw new UncheckedIOException("cannot remove the downloaded export in " + root, e);
    }
  }

  private static boolean hasUnfinishedWork(Path out) {
    if (!Files.isDirectory(out)) {
      return false;
    }
    try (Stream<Path> listing = Files.list(out)) {
      return listing.anyMatch(p -> p.getFileName().toString().startsWith(".crampcare-work-"));
    } catch (IOException e) {
      return false;
    }
  }

  /** A progress bar on a terminal; a plain line every ten seconds otherwise. */
  private static final class Progress {
    private final PrintWriter err;
    private final boolean terminal;
    private long lastLine;
    private boolean drawn;

    Progress(PrintWriter err, boolean terminal) {
      this.err = err;
      this.terminal = terminal;
    }

    synchronized void show(PopulationRun.Progress p) {
      String left = p.timeLeft().map(Progress::duration).orElse("?");
      String text =
          String.format(
              Locale.ROOT,
              "%d/%d patients, %.0f a second, %s left",
              p.patientsDone(),
              p.patientsTotal(),
              p.patientsPerSecond(),
              left);
      if (terminal) {
        int width = 30;
        int filled =
            p.patientsTotal() == 0 ? width : (int) (width * p.patientsDone() / p.patientsTotal());
        err.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + text + "   ");
        drawn = true;
        err.flush();
      } else if (p.elapsed().toSeconds() - lastLine >= 10
          || p.patientsDone() == p.patientsTotal()) {
        lastLine = p.elapsed().toSeconds();
        err.println("population: " + text);
        err.flush();
      }
    }

    synchronized void end() {
      if (drawn) {
        err.println();
        err.flush();
      }
    }

    private static String duration(Duration d) {
      long s = d.toSeconds();
      return s < 60
          ? s + " s"
          : s < 3600
              ? (s / 60) + " min " + (s % 60) + " s"
              : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
  }
}
