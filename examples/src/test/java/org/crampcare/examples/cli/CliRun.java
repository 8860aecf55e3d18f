package org.crampcare.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One run of the command line with captured output, for tests. */
record CliRun(int exitCode, String out, String err) {
  /** The clock tests use when no --as-of is given: well after every sample. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneOffset.UTC);

  private static final Pattern RECOMMENDATION =
      Pattern.compile("^ {2}\\d+\\. .*? \\[([a-z0-9-]+);", Pattern.MULTILINE);

  /** Runs the command line with empty standard input. */
  static CliRun of(String... args) {
    return withStdin("", args);
  }

  /** Runs the command line with the given standard input. */
  static CliRun withStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CrampCareCli(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                CLOCK)
            .run(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Returns standard output with wrapped lines joined: each line break plus indent is a space. */
  String flatOut() {
    return out.replaceAll("\n +", " ");
  }

  /** Returns the recommendation codes of the printed summary, in order. */
  List<String> recommendationCodes() {
    List<String> codes = new ArrayList<>();
    Matcher m = RECOMMENDATION.matcher(out);
    while (m.find()) {
      codes.add(m.group(1));
    }
    return codes;
  }
}
