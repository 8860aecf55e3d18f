package org.crampcare.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command's output files, written all or nothing: each is first written to a temporary file in
 * its target folder, and only when every one of them is written are they moved into place (an
 * atomic rename within the folder). Until then, and if anything fails, no target file is created or
 * changed; {@link #close} removes the temporary files of a run that did not {@link #commit}.
 *
 * <pre>{@code
 * try (OutputFiles outputs = new OutputFiles()) {
 *   outputs.stage(out, transactionJson);
 *   outputs.stage(report, reportJson);
 *   outputs.commit();
 * }
 * }</pre>
 */
final class OutputFiles implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputFiles.class);

  private record Staged(String name, Path target, Path temporary) {}

  private final List<Staged> staged = new ArrayList<>();
  private boolean committed;

  /**
   * Writes the text to a temporary file beside {@code file}.
   *
   * @throws UserInputException naming the file if its folder does not exist or cannot be written
   */
  void stage(String file, String text) {
    Path target = Path.of(file).toAbsolutePath().normalize();
    if (Files.isDirectory(target)) {
      throw new UserInputException(file + ": cannot be written: it is a folder");
    }
    Path folder = target.getParent();
    Path temporary = null;
    try {
      temporary = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
      staged.add(new Staged(file, target, temporary));
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": cannot be written: its folder does not exist");
    } catch (AccessDeniedException e) {
      throw new UserInputException(file + ": cannot be written: permission denied");
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be written: " + e.getMessage(), e);
    }
  }

  /**
   * Moves every staged file into place.
   *
   * @throws UserInputException naming the file that could not be moved
   */
  void commit() {
    for (Staged s : staged) {
      try {
        try {
          Files.move(
              s.temporary(),
              s.target(),
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(s.temporary(), s.target(), StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new UserInputException(s.name() + ": cannot be written: " + e.getMessage(), e);
      }
    }
    committed = true;
  }

  /** Removes the temporary files that were not moved into place. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    for (Staged s : staged) {
      try {
        Files.deleteIfExists(s.temporary());
      } catch (IOException e) {
        LOG.warn("Could not remove the temporary file {}: {}", s.temporary(), e.toString());
      }
    }
  }

  /**
   * Returns whether two command-line file names are the same file: the same path once made
   * absolute, or (when both exist) the same file through a link.
   */
  static boolean sameFile(String a, String b) {
    if (FhirFiles.STDIN.equals(a) || FhirFiles.STDIN.equals(b)) {
      return false;
    }
    Path pa = Path.of(a).toAbsolutePath().normalize();
    Path pb = Path.of(b).toAbsolutePath().normalize();
    if (pa.equals(pb)) {
      return true;
    }
    try {
      return Files.exists(pa) && Files.exists(pb) && Files.isSameFile(pa, pb);
    } catch (IOException e) {
      return false;
    }
  }
}
