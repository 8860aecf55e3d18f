package org.crampcare.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.patient.PatientContext;
import org.crampcare.recommendation.Assessment;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes CrampCare's JSON documents: a cramp episode, a list of episodes, a patient
 * context, an assessment and an assessment request ({@link AssessmentInput}). The schema is
 * documented in {@code docs/json-schema.md}; it uses the vocabulary codes ({@code "calf"}, {@code
 * "during-sleep"}), never Java names.
 *
 * <p>Every top-level document carries a {@code "schema"} field, such as {@value #EPISODE_SCHEMA},
 * that is checked on read. Reading is strict: an unknown field, a missing required field, a value
 * of the wrong type or out of range, an unknown code or malformed JSON is a {@link
 * JsonFormatException} whose message starts with the JSON path of the value, for example {@code
 * episodes[2].severity: 11 is not allowed; expected an integer from 0 to 10}.
 *
 * <p>Writing is deterministic: the same value gives the same text, byte for byte, with fields in
 * the documented order, two-space indentation and {@code \n} line ends on every platform.
 *
 * <p>Immutable and thread-safe; create one and share it.
 *
 * <pre>{@code
 * CrampCareJson json = CrampCareJson.create();
 * AssessmentInput input = json.readInput(Files.readString(path));
 * String report = json.writeAssessment(input.assess(Assessor.withBuiltInRules()));
 * }</pre>
 */
public final class CrampCareJson {
  /** The schema of a single episode document. */
  public static final String EPISODE_SCHEMA = "crampcare/episode/2";

  /** The schema of an episode list document, {@code {"schema": ..., "episodes": [...]}}. */
  public static final String EPISODES_SCHEMA = "crampcare/episodes/2";

  /** The schema of a patient context document. */
  public static final String PATIENT_SCHEMA = "crampcare/patient/2";

  /** The schema of an assessment document. */
  public static final String ASSESSMENT_SCHEMA = "crampcare/assessment/2";

  /** The schema of an assessment request document ({@link AssessmentInput}). */
  public static final String INPUT_SCHEMA = "crampcare/assessment-input/2";

  static final ImmutableList<String> EPISODES_FIELDS = ImmutableList.of("episodes");

  static final ImmutableList<String> INPUT_FIELDS = ImmutableList.of("asOf", "patient", "episodes");

  /** Jackson's description of a location inside a message, reduced to its line and column. */
  private static final Pattern SOURCE =
      Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

  private final JsonMapper mapper;
  private final ObjectWriter writer;

  private CrampCareJson() {
    this.mapper =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    this.writer = mapper.writer(printer);
  }

  /** Returns a reader and writer of CrampCare's JSON documents. */
  public static CrampCareJson create() {
    return new CrampCareJson();
  }

  /**
   * Writes an episode document.
   *
   * @param episode the episode
   * @return the JSON text
   */
  public String writeEpisode(CrampEpisode episode) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("schema", EPISODE_SCHEMA);
          EpisodeJson.writeFields(g, episode);
          g.writeEndObject();
        });
  }

  /**
   * Reads an episode document.
   *
   * @param json the JSON text
   * @return the episode
   * @throws JsonFormatException if the text is malformed or does not match the schema
   */
  public CrampEpisode readEpisode(String json) {
    return EpisodeJson.read(parse(json).document(EPISODE_SCHEMA, EpisodeJson::fields));
  }

  /**
   * Writes an episode list document.
   *
   * @param episodes the episodes, written in the order given
   * @return the JSON text
   */
  public String writeEpisodes(List<CrampEpisode> episodes) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("schema", EPISODES_SCHEMA);
          writeEpisodeArray(g, episodes);
          g.writeEndObject();
        });
  }

  /**
   * Reads an episode list document.
   *
   * @param json the JSON text
   * @return the episodes, in document order
   * @throws JsonFormatException if the text is malformed, does not match the schema, or an episode
   *     id appears more than once
   */
  public ImmutableList<CrampEpisode> readEpisodes(String json) {
    Node.Obj o = parse(json).document(EPISODES_SCHEMA, EPISODES_FIELDS);
    return EpisodeJson.readList(o.get("episodes").items());
  }

  /**
   * Writes a patient context document.
   *
   * @param patient the patient
   * @return the JSON text
   */
  public String writePatient(PatientContext patient) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("schema", PATIENT_SCHEMA);
          PatientJson.writeFields(g, patient);
          g.writeEndObject();
        });
  }

  /**
   * Reads a patient context document.
   *
   * @param json the JSON text
   * @return the patient
   * @throws JsonFormatException if the text is malformed or does not match the schema
   */
  public PatientContext readPatient(String json) {
    return PatientJson.read(parse(json).document(PATIENT_SCHEMA, PatientJson::fields));
  }

  /**
   * Writes an assessment document, with everything needed to explain it.
   *
   * @param assessment the assessment
   * @return the JSON text
   * @throws IllegalArgumentException if a pattern number is NaN or infinite
   */
  public String writeAssessment(Assessment assessment) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("schema", ASSESSMENT_SCHEMA);
          AssessmentJson.writeFields(g, assessment);
          g.writeEndObject();
        });
  }

  /**
   * Reads an assessment document, for example one written by {@link #writeAssessment}.
   *
   * @param json the JSON text
   * @return the assessment
   * @throws JsonFormatException if the text is malformed or does not match the schema
   */
  public Assessment readAssessment(String json) {
    return AssessmentJson.read(parse(json).document(ASSESSMENT_SCHEMA, AssessmentJson.FIELDS));
  }

  /**
   * Writes an assessment request document.
   *
   * @param input the request
   * @return the JSON text
   */
  public String writeInput(AssessmentInput input) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("schema", INPUT_SCHEMA);
          Out.instant(g, "asOf", input.asOf());
          g.writeFieldName("patient");
          PatientJson.write(g, input.patient());
          writeEpisodeArray(g, input.episodes());
          g.writeEndObject();
        });
  }

  /**
   * Reads an assessment request document.
   *
   * @param json the JSON text
   * @return the request
   * @throws JsonFormatException if the text is malformed, does not match the schema, an episode id
   *     repeats, an episode starts after {@code asOf}, or the birth date is after its date
   */
  public AssessmentInput readInput(String json) {
    Node.Obj o = parse(json).document(INPUT_SCHEMA, INPUT_FIELDS);
    Instant asOf = o.get("asOf").instant();
    Node patientNode = o.get("patient");
    PatientContext patient = PatientJson.read(patientNode);
    LocalDate asOfDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    if (patient.birthDate().isAfter(asOfDate)) {
      throw new JsonFormatException(
          patientNode.child("birthDate"),
          Node.quote(patient.birthDate().toString())
              + " is after the date of asOf ("
              + asOfDate
              + "); expected a birth date on or before it");
    }
    List<Node> items = o.get("episodes").items();
    ImmutableList<CrampEpisode> episodes = EpisodeJson.readList(items);
    for (int i = 0; i < episodes.size(); i++) {
      Instant onset = episodes.get(i).onset();
      if (onset.isAfter(asOf)) {
        throw new JsonFormatException(
            items.get(i).child("onset"),
            Node.quote(onset.toString())
                + " is after asOf ("
                + asOf
                + "); expected an onset at or before asOf");
      }
    }
    return o.build(() -> new AssessmentInput(asOf, patient, episodes));
  }

  private static void writeEpisodeArray(JsonGenerator g, List<CrampEpisode> episodes)
      throws IOException {
    g.writeArrayFieldStart("episodes");
    for (CrampEpisode episode : episodes) {
      EpisodeJson.write(g, episode);
    }
    g.writeEndArray();
  }

  /** Writes a document body; a functional interface that may throw {@link IOException}. */
  private interface Body {
    void write(JsonGenerator generator) throws IOException;
  }

  private String write(Body body) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = writer.createGenerator(text)) {
      body.write(g);
    } catch (IOException e) {
      // A StringWriter does not fail; Jackson reports misuse as an IOException subclass.
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private Node parse(String json) {
    try (JsonParser parser = mapper.createParser(json)) {
      @Nullable JsonNode tree = mapper.readTree(parser);
      if (tree == null || tree.isMissingNode()) {
        throw new JsonFormatException(Node.ROOT, "the document is empty; expected a JSON object");
      }
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        throw new JsonFormatException(
            Node.ROOT,
            "unexpected content after the document at "
                + position(at)
                + "; expected a single JSON object");
      }
      return Node.root(tree);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonFormatException malformed(JsonProcessingException e) {
    String path = Node.ROOT;
    Object processor = e.getProcessor();
    if (processor instanceof JsonParser parser) {
      path = pathOf(parser.getParsingContext());
    }
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at " + position(at);
    String detail = SOURCE.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
    return new JsonFormatException(path, "malformed JSON" + where + ": " + detail, e);
  }

  private static String position(JsonLocation at) {
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /** Returns our path notation for where the parser is, for example {@code episodes[2].site}. */
  private static String pathOf(@Nullable JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push(c.getCurrentName());
      }
    }
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      if (path.length() > 0 && !part.startsWith("[")) {
        path.append('.');
      }
      path.append(part);
    }
    return path.length() == 0 ? Node.ROOT : path.toString();
  }
}
