package org.crampcare.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.crampcare.recommendation.CautionRule;
import org.crampcare.recommendation.RecommendRule;
import org.crampcare.recommendation.RecommendationDefinition;
import org.crampcare.recommendation.RedFlagRule;
import org.crampcare.recommendation.Rule;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.recommendation.SuppressRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crampcare rules show|check}: what a rule book says, and whether a file is one. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Shows a rule book's rules, or checks a rule book file.",
    subcommands = {RulesCommand.Show.class, RulesCommand.Check.class})
final class RulesCommand implements Runnable {
  @ParentCommand CrampCareCli cli;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "expected a subcommand: show or check");
  }

  /** {@code crampcare rules show [--rule-book FILE]}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      description =
          "Prints every rule (id, version, condition in words, advice, evidence) of the built-in"
              + " rule book or of --rule-book FILE.")
  static final class Show implements Callable<Integer> {
    @ParentCommand RulesCommand rules;

    @Mixin RuleBookOption ruleBookOption = new RuleBookOption();

    @Override
    public Integer call() {
      CrampCareCli cli = rules.cli;
      RuleBook book = ruleBookOption.ruleBook(cli.in());
      PrintWriter out = cli.out();
      out.println(
          "Rule book "
              + book.version()
              + ": "
              + book.allRules().size()
              + " rules"
              + (book.disabled().isEmpty() ? "" : ", " + book.disabled().size() + " disabled"));
      for (Rule rule : book.allRules()) {
        out.println();
        out.println(
            rule.id()
                + " (version "
                + rule.version()
                + (book.disabled().contains(rule.id()) ? ", disabled" : "")
                + ")");
        out.println("  when:     " + rule.when().description());
        out.println("  advice:   " + advice(book, rule));
        out.println("  why:      " + rule.rationale());
        out.println(
            "  evidence: " + rule.evidence().citation() + " (" + rule.evidence().strength() + ")");
      }
      return CrampCareCli.EXIT_OK;
    }

    private static String advice(RuleBook book, Rule rule) {
      if (rule instanceof RedFlagRule) {
        RedFlagRule r = (RedFlagRule) rule;
        return "raise red flag " + r.code() + " (" + r.raises().display() + ")";
      }
      if (rule instanceof RecommendRule) {
        return "recommend " + named(book, rule.code());
      }
      if (rule instanceof SuppressRule) {
        SuppressRule s = (SuppressRule) rule;
        return "withhold "
            + named(book, s.code())
            + s.replacement().map(code -> ", in its place " + named(book, code)).orElse("");
      }
      if (rule instanceof CautionRule) {
        CautionRule c = (CautionRule) rule;
        return "caution " + c.caution() + " on " + named(book, c.code());
      }
      throw new AssertionError(rule);
    }

    private static String named(RuleBook book, String code) {
      RecommendationDefinition d = book.definitions().get(code);
      return d == null ? code : code + " (" + d.display() + ")";
    }
  }

  /** {@code crampcare rules check FILE}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      description =
          "Checks a rule book file: exits with 0 and says what it holds, or with 1 listing every"
              + " problem (JSON path, value, what is allowed).")
  static final class Check implements Callable<Integer> {
    @ParentCommand RulesCommand rules;

    @Parameters(paramLabel = "FILE", description = "The rule book document.")
    String file = "";

    @Override
    public Integer call() {
      CrampCareCli cli = rules.cli;
      RuleBook book = RuleBookOption.load(file, cli.in());
      cli.out()
          .println(
              file
                  + ": a valid rule book, "
                  + book.version()
                  + ": "
                  + book.rules().size()
                  + " rules in use, "
                  + book.disabled().size()
                  + " disabled, "
                  + book.definitions().size()
                  + " recommendations");
      return CrampCareCli.EXIT_OK;
    }
  }
}
