package org.crampcare.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code crampcare} command line.
 *
 * <pre>
 * crampcare assess --in FILE|- [--out FILE] [--report FILE] [--as-of DATE] [--format json|xml]
 * crampcare validate FILE...
 * crampcare sync --fhir-server URL --patient ID [--dry-run] [--as-of DATE]
 * crampcare serve [--port N] [--with-fhir-server]
 * crampcare population --in DIR|MANIFEST --out DIR [--as-of DATE] [--threads N] [--quiet]
 * </pre>
 *
 * <p>Exit codes: {@value #EXIT_OK} done; {@value #EXIT_FAILED} bad input, invalid resources or a
 * server error, with a message on standard error; {@value #EXIT_USAGE} usage error. Only {@link
 * #main} exits the JVM; {@link #run} returns the code, so tests can call it with their own streams.
 */
@Command(
    name = "crampcare",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Explainable, safety-aware advice for muscle cramps, from FHIR R4 data.",
    subcommands = {
      AssessCommand.class,
      ReportCommand.class,
      ValidateCommand.class,
      SyncCommand.class,
      ServeCommand.class,
      PopulationCommand.class,
      RulesCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:bad input, invalid resources or a FHIR server error",
      "2:usage error"
    })
public final class CrampCareCli implements Runnable {
  /** Exit code: done. */
  public static final int EXIT_OK = 0;

  /** Exit code: bad input, invalid resources, or an error from a FHIR server. */
  public static final int EXIT_FAILED = 1;

  /** Exit code: the command line itself is wrong. */
  public static final int EXIT_USAGE = 2;

  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Clock clock;
  private @Nullable FhirContext fhirContext;
  private final CountDownLatch stop = new CountDownLatch(1);

  @Spec private @Nullable CommandSpec spec;

  /**
   * Creates a command line that prints to the given writers.
   *
   * @param out standard output: summaries and results
   * @param err standard error: errors and usage
   * @param in standard input, read by {@code assess --in -}
   * @param clock gives today's date when no {@code --as-of} is given
   */
  public CrampCareCli(PrintWriter out, PrintWriter err, InputStream in, Clock clock) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.clock = clock;
  }

  /**
   * Runs the command line and exits the JVM with the exit code when it is not 0.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    int code = new CrampCareCli(out, err, System.in, Clock.systemUTC()).run(args);
    out.flush();
    err.flush();
    if (code != EXIT_OK) {
      System.exit(code);
    }
  }

  /**
   * Runs one command.
   *
   * @param args the arguments, for example {@code assess --in sample.json --as-of 2026-11-21}
   * @return the exit code
   */
  public int run(String... args) {
    CommandLine commandLine = new CommandLine(this);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorHandler());
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      // What held the memory is unreachable once the command's frames are gone; one line, no trace.
      err.println(
          "crampcare: out of memory (Java's heap limit is "
              + Runtime.getRuntime().maxMemory() / (1024 * 1024)
              + " MB). Give Java more memory, for example JAVA_OPTS=-Xmx2g (validate needs at"
              + " least 256 MB; a large input needs more), or split the input.");
      return EXIT_FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  @Override
  public void run() {
    // "crampcare" alone: show the usage and fail as a usage error.
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: assess, validate, sync or serve");
  }

  /** Returns the one FHIR R4 context of this run, created on first use (it takes seconds). */
  FhirContext fhirContext() {
    if (fhirContext == null) {
      fhirContext = FhirContext.forR4Cached();
    }
    return fhirContext;
  }

  /** Asks a running {@code serve} to stop, as Ctrl-C does; does nothing otherwise. */
  void stop() {
    stop.countDown();
  }

  /** Waits until {@link #stop} is called. */
  void awaitStop() throws InterruptedException {
    stop.await();
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  InputStream in() {
    return in;
  }

  /**
   * Returns the assessment time when no {@code --as-of} is given: the end of today in UTC, so that
   * running a command twice on the same day with the same data gives the same result (and {@code
   * sync} writes nothing new).
   */
  Instant defaultAsOf() {
    return AsOfConverter.endOfDay(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
  }

  /**
   * Prints a usage error: the message, then for an unknown command or option the nearest names (if
   * any is close) and the command's usage; exit code 2.
   */
  private final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      CommandLine commandLine = e.getCommandLine();
      String command = commandLine.getCommandSpec().qualifiedName();
      if (e instanceof CommandLine.UnmatchedArgumentException
          && commandLine.getCommandSpec().subcommands().size() > 0
          && !((CommandLine.UnmatchedArgumentException) e).getUnmatched().isEmpty()
          && !((CommandLine.UnmatchedArgumentException) e).getUnmatched().get(0).startsWith("-")) {
        String unknown = ((CommandLine.UnmatchedArgumentException) e).getUnmatched().get(0);
        err.println(
            command
                + ": unknown command '"
                + unknown
                + "'; the commands are "
                + String.join(", ", commandLine.getCommandSpec().subcommands().keySet()));
      } else {
        err.println(command + ": " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException) {
          CommandLine.UnmatchedArgumentException.printSuggestions(
              (CommandLine.UnmatchedArgumentException) e, err);
        }
      }
      err.println();
      commandLine.usage(err);
      err.flush();
      return EXIT_USAGE;
    }
  }

  /** Prints a user error as one line naming the command, and maps it to exit code 1. */
  private final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception e, CommandLine commandLine, ParseResult parseResult) {
      String command = commandLine.getCommandSpec().qualifiedName();
      if (e instanceof UserInputException) {
        err.println(command + ": " + e.getMessage());
      } else {
        err.println(command + ": internal error: " + e);
        e.printStackTrace(err);
      }
      err.flush();
      return EXIT_FAILED;
    }
  }
}
