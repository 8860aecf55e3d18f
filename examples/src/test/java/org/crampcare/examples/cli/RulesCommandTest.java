package org.crampcare.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crampcare.examples.SamplePatient;
import org.crampcare.recommendation.RuleBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {
  /** A clinic's rule book: the built-in one without heat, and with its own diary rule. */
  static final String CLINIC =
      ("{'schema':'crampcare/rule-book/1','extends':'crampcare-builtin/1','version':'acme/1',"
              + "'evidence':[{'id':'acme','citation':'ACME policy 2026','strength':'local policy'}],"
              + "'recommendations':[{'code':'keep-a-cramp-diary','category':'prevention',"
              + "'priority':'routine','rank':20,'display':'Keep a cramp diary'}],"
              + "'rules':[{'id':'acme-diary','version':1,'recommend':'keep-a-cramp-diary',"
              + "'when':{'anyEpisode':true},'rationale':'The clinic reviews diaries.',"
              + "'evidence':'acme'}],"
              + "'disabled':['relief-heat'],"
              + "'texts':{'language':'en','entries':{'keep-a-cramp-diary':'Write it down.'}}}")
          .replace('\'', '"');

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void rulesShow_printsEveryBuiltInRuleWithConditionAdviceAndEvidence() {
    CliRun run = CliRun.of("rules", "show");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith(
            "Rule book crampcare-builtin/1: " + RuleBook.builtIn().allRules().size() + " rules")
        .contains(
            "visit-frequent (version 1)\n"
                + "  when:     (frequent cramps and not risk factor pregnancy)\n"
                + "  advice:   recommend clinician-visit (See a clinician)\n")
        .contains(
            "raise-possible-claudication (version 1)\n"
                + "  when:     (episode with sign pain-on-walking-eases-with-rest or finding of sign"
                + " pain-on-walking-eases-with-rest)\n"
                + "  advice:   raise red flag possible-claudication (Possible claudication)\n")
        .contains("  advice:   withhold hydration (Hydration), in its place discuss-fluid-targets")
        .contains("  evidence: NICE Clinical Knowledge Summaries: Leg cramps");
    for (var rule : RuleBook.builtIn().allRules()) {
      assertThat(run.out()).contains(rule.id() + " (version " + rule.version());
    }
  }

  @Test
  void rulesShow_withTheClinicsRuleBook_showsItsRuleAndWhatItDisabled() throws IOException {
    CliRun run = CliRun.of("rules", "show", "--rule-book", file("acme.json", CLINIC).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Rule book acme/1:")
        .contains("1 disabled")
        .contains("relief-heat (version 1, disabled)")
        .contains("acme-diary (version 1)\n  when:     any episode in the window");
  }

  @Test
  void rulesCheck_validFile_saysWhatItHolds() throws IOException {
    Path acme = file("acme.json", CLINIC);

    CliRun run = CliRun.of("rules", "check", acme.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            acme
                + ": a valid rule book, acme/1: "
                + RuleBook.builtIn().rules().size()
                + " rules in use, 1 disabled, "
                + (RuleBook.builtIn().definitions().size() + 1)
                + " recommendations\n");
  }

  @Test
  void rulesCheck_badFile_listsEveryProblemAndExits1() throws IOException {
    Path bad =
        file(
            "bad.json",
            CLINIC
                .replace("\"anyEpisode\":true", "\"takes\":[\"quinin\"]")
                .replace("\"evidence\":\"acme\"", "\"evidence\":\"nowhere\""));

    CliRun run = CliRun.of("rules", "check", bad.toString());

    assertThat(run.exitCode()).isEqualTo(CrampCareCli.EXIT_FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("crampcare rules check: " + bad + ": 2 problems: ")
        .contains("rules[0].when.takes[0]: 'quinin' is not known; expected one of")
        .contains("rules[0].evidence: 'nowhere' is not defined");
  }

  @Test
  void assess_withTheClinicsRuleBook_givesItsAdvice() throws IOException {
    SamplePatient sample = SamplePatient.POST_EXERCISE_CALF_CRAMPS;
    Path patient = file(sample.fileName(), sample.json());
    Path acme = file("acme.json", CLINIC);

    CliRun builtIn = CliRun.of("assess", "--in", patient.toString(), "--as-of", "2026-11-21");
    CliRun clinic =
        CliRun.of(
            "assess",
            "--in",
            patient.toString(),
            "--as-of",
            "2026-11-21",
            "--rule-book",
            acme.toString());

    assertThat(clinic.exitCode()).isZero();
    assertThat(builtIn.recommendationCodes()).contains("apply-heat");
    assertThat(clinic.recommendationCodes())
        .doesNotContain("apply-heat")
        .contains("keep-a-cramp-diary");
    assertThat(clinic.out()).contains("(rule book acme/1)").contains("Write it down.");
  }

  @Test
  void assess_withABadRuleBook_isAUserErrorNamingTheProblem() throws IOException {
    SamplePatient sample = SamplePatient.POST_EXERCISE_CALF_CRAMPS;
    Path patient = file(sample.fileName(), sample.json());

    CliRun run =
        CliRun.of(
            "assess",
            "--in",
            patient.toString(),
            "--rule-book",
            file("x.json", "{\"schema\":\"crampcare/rule-book/9\"}").toString());

    assertThat(run.exitCode()).isEqualTo(CrampCareCli.EXIT_FAILED);
    assertThat(run.err())
        .contains(
            "schema: 'crampcare/rule-book/9' is not supported; expected 'crampcare/rule-book/1'");
  }
}
