package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.patient.PatientContext;
import org.crampcare.testing.CrampArbitraries;
import org.crampcare.testing.Episodes;
import org.junit.jupiter.api.Test;

/**
 * The built-in rule book is a document ({@code builtin-rule-book.json}) read through the same
 * loader as anyone's, and it is the rule book that was written in Java before ({@link
 * ReferenceRuleBook}): the same rules, definitions, thresholds and texts, and the same assessments.
 * After a deliberate change to the reference, regenerate the document with {@code ./mvnw -pl core
 * test -Dtest=BuiltInRuleBookTest -Dcrampcare.updateRuleBook=true} (from the repository root).
 */
class BuiltInRuleBookTest {
  private static final Path DOCUMENT =
      Path.of("src/main/resources/org/crampcare/recommendation/builtin-rule-book.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RuleBook REFERENCE = ReferenceRuleBook.RULE_BOOK;

  @Test
  void document_isTheReferenceRuleBookWritten() throws IOException {
    String written = RuleBookDocument.write(REFERENCE);
    if (Boolean.getBoolean("crampcare.updateRuleBook")) {
      Files.writeString(DOCUMENT, written, StandardCharsets.UTF_8);
    }

    JsonNode shipped = JSON.readTree(Files.readString(DOCUMENT, StandardCharsets.UTF_8));

    assertThat(shipped).isEqualTo(JSON.readTree(written));
  }

  @Test
  void builtIn_isLoadedFromTheDocument_andEqualsTheReference() {
    RuleBook loaded = RuleBook.builtIn();

    assertThat(loaded.version()).isEqualTo(REFERENCE.version());
    assertThat(loaded.rules()).isEqualTo(REFERENCE.rules());
    assertThat(loaded.definitions()).isEqualTo(REFERENCE.definitions());
    assertThat(loaded.cautions()).isEqualTo(REFERENCE.cautions());
    assertThat(loaded.thresholds()).isEqualTo(REFERENCE.thresholds());
    assertThat(loaded.texts().all()).isEqualTo(REFERENCE.texts().all());
    assertThat(loaded.disabled()).isEqualTo(REFERENCE.disabled());
  }

  @Test
  void writeThenRead_givesTheSameRuleBook() {
    RuleBook again = RuleBookDocument.read("again", RuleBookDocument.write(RuleBook.builtIn()));

    assertThat(again.allRules()).isEqualTo(RuleBook.builtIn().allRules());
    assertThat(RuleBookDocument.write(again)).isEqualTo(RuleBookDocument.write(RuleBook.builtIn()));
  }

  @Property(tries = 3000)
  void loadedRuleBook_givesTheSameAssessmentsAsTheReference(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes) {
    Assessment fromDocument =
        Assessor.create(RuleBook.builtIn()).assess(patient, episodes, Episodes.NOW);
    Assessment reference = Assessor.create(REFERENCE).assess(patient, episodes, Episodes.NOW);

    assertThat(fromDocument).isEqualTo(reference);
  }

  @Property(tries = 3000)
  void redFlagRules_raiseTheRedFlagsTheJavaCodeDerived(
      @ForAll("patients") PatientContext patient,
      @ForAll("histories") List<CrampEpisode> episodes) {
    Evaluation evaluation =
        Assessor.create(RuleBook.builtIn()).evaluation(patient, episodes, Episodes.NOW);

    assertThat(evaluation.redFlags())
        .isEqualTo(
            ReferenceRedFlags.redFlags(
                patient,
                evaluation.episodes(),
                evaluation.findings(),
                evaluation.labs(),
                evaluation.thresholds()));
  }

  @Provide
  Arbitrary<PatientContext> patients() {
    return CrampArbitraries.patient();
  }

  @Provide
  Arbitrary<List<CrampEpisode>> histories() {
    return CrampArbitraries.episodes();
  }
}
