package org.crampcare.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code crampcare} command line as a real process of its own (a JVM with this test's class
 * path), for what only a process shows: signals, exit codes, heap limits, what reaches the
 * terminal.
 */
final class CliProcess implements AutoCloseable {
  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();

  private CliProcess(Process process) {
    this.process = process;
    pump(process.getInputStream(), out);
    pump(process.getErrorStream(), err);
  }

  /**
   * Starts {@code java [jvmOptions] CrampCareCli args}.
   *
   * @param jvmOptions for example {@code -Xmx64m}
   */
  static CliProcess start(List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrampCareCli.class.getName());
    command.addAll(List.of(args));
    return new CliProcess(new ProcessBuilder(command).start());
  }

  private static void pump(InputStream stream, StringBuffer into) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  into.append(line).append('\n');
                }
              } catch (IOException e) {
                into.append("(stream closed: ").append(e).append(")\n");
              }
            },
            "cli-process-output");
    t.setDaemon(true);
    t.start();
  }

  /** Waits until standard output contains the text; false if the process ended or time ran out. */
  boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (out.indexOf(text) >= 0) {
        return true;
      }
      if (!process.isAlive()) {
        Thread.sleep(100); // the last output may still be on its way
        return out.indexOf(text) >= 0;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** Waits for the process to end and returns its exit code; -1 if it did not end in time. */
  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return -1;
    }
    Thread.sleep(100); // let the output pumps read the last lines
    return process.exitValue();
  }

  /**
   * Sends SIGTERM, as {@code kill} and service managers do. (Through the process handle: {@code
   * Process.destroy} also closes the pipes, and what the process prints on its way out would be
   * lost.)
   */
  void terminate() {
    process.toHandle().destroy();
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
