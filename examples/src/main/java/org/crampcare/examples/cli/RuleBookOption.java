package org.crampcare.examples.cli;

import java.io.InputStream;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.recommendation.RuleBookDocument;
import org.crampcare.recommendation.RuleBookException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --rule-book FILE} option that assess, sync, serve and rules show share. */
final class RuleBookOption {
  @Option(
      names = "--rule-book",
      paramLabel = "FILE",
      description =
          "A rule book document (crampcare/rule-book/1, see docs/rule-book.md) to use instead of"
              + " the built-in one.")
  private @Nullable String file;

  /**
   * Returns the rule book: the file's, or the built-in one.
   *
   * @throws UserInputException naming the file and listing every problem, when it does not load
   */
  RuleBook ruleBook(InputStream stdin) {
    if (file == null) {
      return RuleBook.builtIn();
    }
    return load(file, stdin);
  }

  /** Returns whether {@code --rule-book} was given. */
  boolean given() {
    return file != null;
  }

  /** Reads a rule book file; every problem goes into one {@link UserInputException}. */
  static RuleBook load(String file, InputStream stdin) {
    try {
      return RuleBookDocument.read(file, FhirFiles.readText(file, stdin));
    } catch (RuleBookException e) {
      throw new UserInputException(e.getMessage(), e);
    }
  }
}
