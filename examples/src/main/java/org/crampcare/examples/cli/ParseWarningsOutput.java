package org.crampcare.examples.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints a file's parse warnings on standard error, at most ten unless asked for all. */
final class ParseWarningsOutput {
  private ParseWarningsOutput() {}

  static void print(PrintWriter err, String command, List<String> warnings, boolean all) {
    int shown = 0;
    for (String w : warnings) {
      if (!all && shown == SummaryLimits.DEFAULT_ITEMS) {
        err.println(
            command
                + ": warning: ... and "
                + (warnings.size() - shown)
                + " more parser warnings (--verbose shows all)");
        break;
      }
      err.println(command + ": warning: " + w);
      shown++;
    }
  }
}
