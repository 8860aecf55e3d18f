package org.crampcare.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.junit.jupiter.api.Test;

/**
 * Golden file: the built-in rules' assessment of {@code golden/assessment-input.json} must equal
 * {@code golden/assessment.json}, compared as JSON trees. A change to the schema, the rules or
 * their texts shows up here; after reviewing the difference, regenerate with {@code ./mvnw -pl core
 * test -Dtest=AssessmentGoldenTest -Dcrampcare.updateGolden=true} (run from the repository root).
 */
class AssessmentGoldenTest {
  private static final CrampCareJson JSON = CrampCareJson.create();
  private static final ObjectMapper TREES =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  private static final String GOLDEN = "golden/assessment.json";

  static String resource(String name) {
    try (InputStream in = AssessmentGoldenTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return TREES.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static Assessment assessGoldenInput() {
    return JSON.readInput(resource("golden/assessment-input.json"))
        .assess(Assessor.withBuiltInRules());
  }

  @Test
  void assess_goldenInput_writesGoldenAssessment() throws IOException {
    String actual = JSON.writeAssessment(assessGoldenInput());
    if (Boolean.getBoolean("crampcare.updateGolden")) {
      Path file = Path.of("src/test/resources/org/crampcare/json", GOLDEN);
      Files.writeString(file, actual + "\n", StandardCharsets.UTF_8);
    }

    assertThat(tree(actual)).isEqualTo(tree(resource(GOLDEN)));
  }

  @Test
  void readAssessment_goldenFile_equalsTheAssessment() {
    assertThat(JSON.readAssessment(resource(GOLDEN))).isEqualTo(assessGoldenInput());
  }

  @Test
  void goldenAssessment_coversEveryPartOfTheSchema() {
    JsonNode golden = tree(resource(GOLDEN));

    assertThat(golden.get("riskFactors")).isNotEmpty();
    assertThat(golden.get("redFlags")).isNotEmpty();
    assertThat(golden.get("suppressed")).isNotEmpty();
    assertThat(golden.get("unused")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(golden.get("labs").findValuesAsText("rangeSource")).contains("lab", "adult-default");
    assertThat(
            golden.get("recommendations").findValues("cautions").stream()
                .anyMatch(c -> !c.isEmpty()))
        .isTrue();
    assertThat(golden.get("suppressed").findValuesAsText("replacedBy")).isNotEmpty();
  }
}
