package org.crampcare.fhir.population;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a Bulk Data export in Synthea's shape from the shared third-party patient bundles
 * (Synthea's, and Inferno's US Core test patient): each bundle's resources as NDJSON by type, the
 * bundles repeated until there are enough patients, every id given a copy number and every
 * reference ({@code urn:uuid:X} or {@code Type/X}) pointed at its copy as {@code Type/X-n}, as a
 * server's export writes them. For measuring the population run on records as EHRs and Synthea
 * write them: mostly Claims, ExplanationOfBenefits, Encounters and vital signs, few labs and no
 * cramps. Test code only.
 */
final class SyntheaBulkExport {
  private static final ObjectMapper JSON =
      new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private SyntheaBulkExport() {}

  /**
   * Writes the export.
   *
   * @param bundles the folder of shared bundles ({@code shared/fixtures/fhir/bundles})
   * @param out the export folder, created
   * @param patients at least this many patients are written
   * @return the patients written
   */
  static int write(Path bundles, Path out, int patients) throws IOException {
    List<JsonNode> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(bundles)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode bundle = JSON.readTree(f.toFile());
        if ("Bundle".equals(bundle.path("resourceType").asText())) {
          sources.add(bundle);
        }
      }
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException(bundles + ": no Bundle to repeat");
    }
    Files.createDirectories(out);
    Map<String, Writer> writers = new TreeMap<>();
    int written = 0;
    try {
      for (int copy = 0; written < patients; copy++) {
        for (JsonNode bundle : sources) {
          written += writeCopy(bundle, copy, out, writers);
          if (written >= patients) {
            break;
          }
        }
      }
    } finally {
      for (Writer w : writers.values()) {
        w.close();
      }
    }
    return written;
  }

  private static int writeCopy(JsonNode bundle, int copy, Path out, Map<String, Writer> writers)
      throws IOException {
    Map<String, String> targets = new HashMap<>();
    for (JsonNode entry : bundle.path("entry")) {
      JsonNode r = entry.path("resource");
      String type = r.path("resourceType").asText();
      String id = r.path("id").asText();
      String target = type + "/" + id + "-" + copy;
      targets.put(type + "/" + id, target);
      if (entry.hasNonNull("fullUrl")) {
        targets.put(entry.get("fullUrl").asText(), target);
      }
    }
    int patients = 0;
    for (JsonNode entry : bundle.path("entry")) {
      ObjectNode r = entry.path("resource").deepCopy();
      String type = r.path("resourceType").asText();
      r.put("id", r.path("id").asText() + "-" + copy);
      repoint(r, targets);
      Writer w = writers.get(type);
      if (w == null) {
        w = Files.newBufferedWriter(out.resolve(type + ".ndjson"));
        writers.put(type, w);
      }
      w.write(JSON.writeValueAsString(r));
      w.write('\n');
      if (type.equals("Patient")) {
        patients++;
      }
    }
    return patients;
  }

  private static void repoint(JsonNode node, Map<String, String> targets) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode reference = object.get("reference");
      if (reference != null && reference.isTextual()) {
        String target = targets.get(reference.asText());
        if (target != null) {
          object.set("reference", TextNode.valueOf(target));
        }
      }
      object.elements().forEachRemaining(child -> repoint(child, targets));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> repoint(child, targets));
    }
  }
}
