package org.crampcare.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.OnsetPrecision;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.Censoring;
import org.crampcare.lab.Interpretation;
import org.crampcare.lab.LabFlag;
import org.crampcare.lab.RangeSource;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.ExerciseHabit;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.Sex;
import org.crampcare.pattern.SeverityTrend;
import org.crampcare.recommendation.Category;
import org.crampcare.recommendation.Notice;
import org.crampcare.recommendation.Priority;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.FactTemplate;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.terminology.Coded;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps {@code docs/json-schema.md} true: every code list and field table must match the code, in
 * order, and every example must be a valid document. When a test here fails, its message gives the
 * expected first column; update the document.
 */
class JsonSchemaDocTest {
  private static final Pattern FIRST_CELL = Pattern.compile("^\\| `([^`]+)` \\|");
  private static final Pattern JSON_BLOCK =
      Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

  private static String doc;
  private static Map<String, List<String>> tables;

  @BeforeAll
  static void readDoc() throws IOException {
    doc = Files.readString(findDoc(), StandardCharsets.UTF_8);
    tables = firstColumns(doc);
  }

  private static Path findDoc() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs/json-schema.md");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("docs/json-schema.md not found above " + Path.of("").toAbsolutePath());
  }

  /** Maps each level-3 heading to the backticked first cells of the table rows under it. */
  private static Map<String, List<String>> firstColumns(String markdown) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    List<String> current = new ArrayList<>();
    boolean inCode = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      } else if (!inCode && line.startsWith("### ")) {
        current = new ArrayList<>();
        result.put(line.substring(4).trim(), current);
      } else if (!inCode) {
        Matcher m = FIRST_CELL.matcher(line);
        if (m.find()) {
          current.add(m.group(1));
        }
      }
    }
    return result;
  }

  private static <E extends Enum<E> & Coded> List<String> codes(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Coded::code).toList();
  }

  static Stream<Arguments> codeLists() {
    return Stream.of(
        Arguments.of("site codes", codes(BodySite.class)),
        Arguments.of("onset precision codes", codes(OnsetPrecision.class)),
        Arguments.of("censoring codes", codes(Censoring.class)),
        Arguments.of("lab flag codes", codes(LabFlag.class)),
        Arguments.of("laterality codes", codes(Laterality.class)),
        Arguments.of("setting codes", codes(Setting.class)),
        Arguments.of("sign codes", codes(AssociatedSign.class)),
        Arguments.of("relief measure codes", codes(ReliefMeasure.class)),
        Arguments.of("impact codes", codes(Impact.class)),
        Arguments.of("sex codes", codes(Sex.class)),
        Arguments.of("condition codes", codes(ConditionKind.class)),
        Arguments.of("medication class codes", codes(MedicationClass.class)),
        Arguments.of("analyte codes", codes(Analyte.class)),
        Arguments.of("exercise codes", codes(ExerciseHabit.class)),
        Arguments.of("interpretation codes", codes(Interpretation.class)),
        Arguments.of("range source codes", codes(RangeSource.class)),
        Arguments.of("severity trend codes", codes(SeverityTrend.class)),
        Arguments.of("notice codes", codes(Notice.Kind.class)),
        Arguments.of("category codes", codes(Category.class)),
        Arguments.of("priority codes", codes(Priority.class)),
        Arguments.of("fact kind codes", codes(FactKind.class)),
        Arguments.of("fact template codes", codes(FactTemplate.class)),
        Arguments.of("risk factor codes", codes(RiskFactorKind.class)),
        Arguments.of("red flag codes", codes(RedFlagKind.class)),
        Arguments.of(
            "recommendation codes (built-in)",
            ImmutableList.copyOf(RuleBook.builtIn().definitions().keySet())),
        Arguments.of(
            "caution codes (built-in)",
            ImmutableList.copyOf(RuleBook.builtIn().cautions().keySet())));
  }

  static Stream<Arguments> fieldTables() {
    return Stream.of(
        Arguments.of("episodes document", withSchema(CrampCareJson.EPISODES_FIELDS)),
        Arguments.of("assessment-input document", withSchema(CrampCareJson.INPUT_FIELDS)),
        Arguments.of("assessment document", withSchema(AssessmentJson.FIELDS)),
        Arguments.of("episode object", EpisodeJson.FIELDS_V2),
        Arguments.of("relief object", EpisodeJson.RELIEF_FIELDS),
        Arguments.of("patient object", PatientJson.FIELDS_V2),
        Arguments.of("sign finding object", PatientJson.FINDING_FIELDS),
        Arguments.of("condition object", PatientJson.CONDITION_FIELDS),
        Arguments.of("medication object", PatientJson.MEDICATION_FIELDS),
        Arguments.of("lab result object", PatientJson.LAB_FIELDS_V2),
        Arguments.of("reference range object", PatientJson.RANGE_FIELDS),
        Arguments.of("lifestyle object", PatientJson.LIFESTYLE_FIELDS),
        Arguments.of("notice object", AssessmentJson.NOTICE_FIELDS),
        Arguments.of("patterns object", AssessmentJson.PATTERN_FIELDS_V2),
        Arguments.of("lab interpretation object", AssessmentJson.LAB_INTERPRETATION_FIELDS),
        Arguments.of("finding object", AssessmentJson.FINDING_FIELDS),
        Arguments.of("fact object", AssessmentJson.FACT_FIELDS),
        Arguments.of("fact value object", AssessmentJson.FACT_VALUE_FIELDS),
        Arguments.of("recommendation object", AssessmentJson.RECOMMENDATION_FIELDS),
        Arguments.of("trigger object", AssessmentJson.TRIGGER_FIELDS),
        Arguments.of("evidence object", AssessmentJson.EVIDENCE_FIELDS),
        Arguments.of("caution object", AssessmentJson.CAUTION_FIELDS),
        Arguments.of("suppression object", AssessmentJson.SUPPRESSION_FIELDS),
        Arguments.of("unused input object", AssessmentJson.UNUSED_FIELDS));
  }

  private static List<String> withSchema(List<String> fields) {
    return ImmutableList.<String>builder().add("schema").addAll(fields).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codeLists")
  void codeList_inDoc_listsEveryCodeInOrder(String heading, List<String> expected) {
    assertThat(tables).containsKey(heading);
    assertThat(tables.get(heading))
        .as(
            "docs/json-schema.md section '### %s' must list, in this order:%n%s",
            heading,
            expected.stream().map(c -> "| `" + c + "` |").collect(Collectors.joining("\n")))
        .containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fieldTables")
  void fieldTable_inDoc_listsEveryFieldInWrittenOrder(String heading, List<String> expected) {
    assertThat(tables).containsKey(heading);
    assertThat(tables.get(heading))
        .as("docs/json-schema.md section '### %s' must list the fields %s", heading, expected)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everyCodeListAndObjectSection_isCheckedHere() {
    List<String> checked =
        Stream.concat(codeLists(), fieldTables()).map(a -> (String) a.get()[0]).toList();

    List<String> documented =
        tables.keySet().stream()
            .filter(h -> h.endsWith(" codes") || h.endsWith(" object") || h.endsWith(")"))
            .toList();

    assertThat(checked).containsAll(documented);
  }

  @Test
  void examples_inDoc_areValidDocumentsOfEveryKind() {
    CrampCareJson json = CrampCareJson.create();
    Matcher m = JSON_BLOCK.matcher(doc);
    List<String> schemas = new ArrayList<>();
    while (m.find()) {
      String example = m.group(1);
      String schema = example.replaceAll("(?s).*?\"schema\": \"([^\"]+)\".*", "$1");
      schemas.add(schema);
      assertThatCode(() -> read(json, schema, example))
          .as("example of %s", schema)
          .doesNotThrowAnyException();
    }

    assertThat(schemas)
        .containsExactlyInAnyOrder(
            CrampCareJson.EPISODE_SCHEMA,
            CrampCareJson.EPISODES_SCHEMA,
            CrampCareJson.PATIENT_SCHEMA,
            CrampCareJson.INPUT_SCHEMA,
            CrampCareJson.ASSESSMENT_SCHEMA);
  }

  @Test
  void examples_writtenByTheLibrary_matchTheDocumentedLayout() {
    CrampCareJson json = CrampCareJson.create();
    Matcher m = JSON_BLOCK.matcher(doc);
    while (m.find()) {
      String example = m.group(1);
      if (example.contains("\"schema\": \"" + CrampCareJson.EPISODE_SCHEMA + "\"")) {
        assertThat(json.writeEpisode(json.readEpisode(example))).isEqualTo(example);
      }
      if (example.contains("\"schema\": \"" + CrampCareJson.ASSESSMENT_SCHEMA + "\"")) {
        assertThat(json.writeAssessment(json.readAssessment(example))).isEqualTo(example);
      }
    }
  }

  private static Object read(CrampCareJson json, String schema, String example) {
    switch (schema) {
      case CrampCareJson.EPISODE_SCHEMA:
        return json.readEpisode(example);
      case CrampCareJson.EPISODES_SCHEMA:
        return json.readEpisodes(example);
      case CrampCareJson.PATIENT_SCHEMA:
        return json.readPatient(example);
      case CrampCareJson.INPUT_SCHEMA:
        return json.readInput(example);
      case CrampCareJson.ASSESSMENT_SCHEMA:
        return json.readAssessment(example);
      default:
        throw new AssertionError("example with unknown schema " + schema);
    }
  }
}
