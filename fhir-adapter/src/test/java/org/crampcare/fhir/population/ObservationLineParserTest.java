package org.crampcare.fhir.population;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.BaseParser;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.crampcare.fhir.InboundTestData;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ObservationLineParser} reads a line exactly as HAPI's parser does, or declines it: for
 * every Observation we can find written by others and by us, and for lines altered in the ways real
 * exports differ.
 */
class ObservationLineParserTest {
  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static final ObjectMapper EXACT =
      new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  /** What is compared: HAPI's reading of the line against ours. */
  private static void assertSameAsHapi(String line, Observation fast) {
    IParser hapi = CTX.newJsonParser();
    Observation expected = (Observation) hapi.parseResource(line);
    assertThat(hapi.encodeResourceToString(fast))
        .as("encoded, for %s", line)
        .isEqualTo(hapi.encodeResourceToString(expected));
    assertThat(fast.equalsDeep(expected)).as("equalsDeep, for %s", line).isTrue();
    assertThat(fast.getIdElement().getValue())
        .as("id, for %s", line)
        .isEqualTo(expected.getIdElement().getValue());
    assertThat(fast.getUserData(BaseParser.RESOURCE_CREATED_BY_PARSER))
        .isEqualTo(expected.getUserData(BaseParser.RESOURCE_CREATED_BY_PARSER));
    assertThat(fast.getValue() == null ? null : fast.getValue().fhirType())
        .isEqualTo(expected.getValue() == null ? null : expected.getValue().fhirType());
  }

  @Test
  void readsEveryObservationItAcceptsAsHapiDoes_thirdPartyAndOurOwnRecords() throws IOException {
    List<String> lines = new ArrayList<>();
    Optional<Path> shared = InboundTestData.fixtures();
    shared.ifPresent(dir -> collect(dir, lines));
    collect(Path.of("src/test/resources"), lines);
    collect(Path.of("../examples/src/test/resources"), lines);
    collect(Path.of("../examples/src/main/resources"), lines);
    assertThat(lines).hasSizeGreaterThan(shared.isPresent() ? 300 : 50);

    ObservationLineParser parser = new ObservationLineParser();
    int accepted = 0;
    for (String line : lines) {
      Observation fast = parser.parse(line);
      if (fast != null) {
        assertSameAsHapi(line, fast);
        accepted++;
      }
    }
    // Most charts' labs and cramp records have the common shape; if this falls, the fast path has
    // stopped working and every line goes to HAPI again.
    assertThat(accepted).as("accepted of %d", lines.size()).isGreaterThan(lines.size() / 4);
  }

  @Test
  void acceptsEveryObservationOfTheGeneratedExport(@TempDir Path dir) throws IOException {
    new BulkExportGenerator(11).write(dir, 40, false, 6);
    List<String> lines = Files.readAllLines(dir.resolve("Observation.ndjson"));
    ObservationLineParser parser = new ObservationLineParser();
    for (String line : lines) {
      Observation fast = parser.parse(line);
      assertThat(fast).as("declined %s", line).isNotNull();
      assertSameAsHapi(line, fast);
    }
    assertThat(lines).hasSizeGreaterThan(400);
  }

  @Test
  void declinesWhatItDoesNotReadExactly() {
    String base =
        "{\"resourceType\":\"Observation\",\"id\":\"k1\",\"status\":\"final\","
            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2823-3\"}]},"
            + "\"subject\":{\"reference\":\"Patient/p1\"},\"effectiveDateTime\":\"2026-10-21\","
            + "\"valueQuantity\":{\"value\":3.10,\"unit\":\"mmol/L\"}}";
    ObservationLineParser parser = new ObservationLineParser();
    Observation read = parser.parse(base);
    assertThat(read).isNotNull();
    assertSameAsHapi(base, read);
    assertThat(read.getValueQuantity().getValueElement().getValueAsString()).isEqualTo("3.10");

    for (String accepted :
        List.of(
            base.replace(
                "\"status\"",
                "\"meta\":{\"versionId\":\"3\",\"lastUpdated\":\"2026-10-21T09:00:00.123+00:00\","
                    + "\"source\":\"#a1\",\"profile\":[\"http://example.org/p\"]},\"status\""),
            base.replace(
                "\"effectiveDateTime\":\"2026-10-21\"",
                "\"effectivePeriod\":{\"start\":\"2026-10-21T08:00:00+02:00\"}"),
            base.replace(
                "\"valueQuantity\":{\"value\":3.10,\"unit\":\"mmol/L\"}",
                "\"valueCodeableConcept\":{\"text\":\"positive\"},"
                    + "\"performer\":[{\"reference\":\"Practitioner/1\",\"display\":\"Dr A\"}],"
                    + "\"identifier\":[{\"system\":\"urn:oid:1.2.3\",\"value\":\"77\"}]"))) {
      Observation o = parser.parse(accepted);
      assertThat(o).as(accepted).isNotNull();
      assertSameAsHapi(accepted, o);
    }

    for (String declined :
        List.of(
            base.replace("\"status\"", "\"note\":[{\"text\":\"x\"}],\"status\""), // unsupported
            base.replace(
                "\"status\"", "\"extension\":[{\"url\":\"u\",\"valueString\":\"x\"}],\"status\""),
            base.replace("\"status\"", "\"_status\":{\"id\":\"s\"},\"status\""),
            base.replace("\"status\"", "\"status\":\"final\",\"status\""), // repeated
            base.replace("3.10", "3.1e0"), // exponent
            base.replace("\"status\"", "\"valueString\":\"x\",\"status\""), // two values
            base.replace("3.10", "\"3.10\""), // a string for a number
            base.replace("\"final\"", "\"done\""), // not a status
            base.replace("\"final\"", "\" final\""), // padded
            base.replace("2026-10-21", "2026-13-21"), // not a date
            base.replace("\"k1\"", "\"\""), // empty id
            base.replace("\"k1\"", "\"a/b\""), // not an id
            base.replace("\"Patient/p1\"", "null"),
            base.replace("\"resourceType\":\"Observation\",", ""), // no type
            base.replace("\"Observation\"", "\"Condition\""),
            base + "x",
            base.substring(0, base.length() - 1))) {
      assertThat(parser.parse(declined)).as(declined).isNull();
    }
  }

  /** Lines of the common shape with one member altered in a way real exports do. */
  @Provide
  Arbitrary<String> alteredLines() {
    Arbitrary<String> values =
        Arbitraries.of(
            "\"\"",
            "\" \"",
            "null",
            "0",
            "-0",
            "00.5",
            "1.50",
            "1E+2",
            "12345678901234567890.123456789",
            "true",
            "[]",
            "{}",
            "[{}]",
            "\"2026-10\"",
            "\"2026-10-21T09:00:00+02:00\"",
            "\"2026-10-21T09:00\"",
            "\"2026-10-21T09:00:00.123456Z\"",
            "\"final\"",
            "\"amended\"",
            "\"Ä ö\"",
            "{\"coding\":[{\"code\":\"x\"}]}",
            "{\"text\":\"t\"}",
            "{\"coding\":[{\"system\":\"s\",\"userSelected\":true}]}",
            "[{\"coding\":[{\"code\":\"L\"}]}]",
            "{\"reference\":\"Patient/p1\",\"type\":\"Patient\"}",
            "{\"value\":1,\"comparator\":\"<\"}",
            "{\"value\":1}",
            "[{\"low\":{\"value\":1},\"text\":\"t\"}]",
            "[{\"type\":{\"text\":\"t\"}}]",
            "{\"versionId\":\"3\",\"lastUpdated\":\"2026-10-21T09:00:00.123+00:00\"}",
            "{\"profile\":[\"http://example.org/p\"],\"tag\":[{\"code\":\"t\"}]}",
            "{\"source\":\"#abc\",\"versionId\":\"1\"}",
            "{\"start\":\"2026-10-21\",\"end\":\"2026-10-20\"}",
            "[{\"system\":\"urn:x\",\"value\":\"1\"}]",
            "[{\"reference\":\"Practitioner/1\"}]",
            "[{\"use\":\"official\",\"value\":\"1\"}]");
    Arbitrary<String> members =
        Arbitraries.of(
            "id",
            "status",
            "category",
            "code",
            "subject",
            "effectiveDateTime",
            "issued",
            "valueQuantity",
            "interpretation",
            "referenceRange",
            "bodySite",
            "encounter",
            "valueString",
            "valueCodeableConcept",
            "valueBoolean",
            "effectivePeriod",
            "performer",
            "identifier",
            "meta");
    return Combinators.combine(members, values, members, values)
        .as(
            (m1, v1, m2, v2) -> {
              Map<String, String> line = new LinkedHashMap<>();
              line.put("resourceType", "\"Observation\"");
              line.put("id", "\"k1\"");
              line.put("status", "\"final\"");
              line.put(
                  "code", "{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2823-3\"}]}");
              line.put("subject", "{\"reference\":\"Patient/p1\"}");
              line.put("effectiveDateTime", "\"2026-10-21\"");
              line.put(m1, v1);
              line.put(m2, v2);
              List<String> members2 = new ArrayList<>();
              line.forEach((k, v) -> members2.add("\"" + k + "\":" + v));
              return "{" + String.join(",", members2) + "}";
            });
  }

  @Property(tries = 400)
  void anAlteredLineIsReadAsHapiReadsItOrDeclined(@ForAll("alteredLines") String line) {
    Observation fast = new ObservationLineParser().parse(line);
    if (fast != null) {
      assertSameAsHapi(line, fast);
    }
  }

  /** Adds every Observation in the JSON files under a folder, one line each, as written. */
  private static void collect(Path dir, List<String> lines) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file :
          (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
        JsonNode root;
        try {
          root = EXACT.readTree(file.toFile());
        } catch (IOException e) {
          continue; // not JSON: other tests read such files for what they are
        }
        addObservations(root, lines);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void addObservations(JsonNode node, List<String> lines) {
    if (node == null) {
      return;
    }
    if ("Observation".equals(node.path("resourceType").asText())) {
      lines.add(node.toString());
    }
    for (JsonNode entry : node.path("entry")) {
      addObservations(entry.path("resource"), lines);
    }
  }
}
