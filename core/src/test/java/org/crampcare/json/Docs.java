package org.crampcare.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * Test helper that edits JSON documents: {@code Docs.edit(json, "/episodes/2/severity", "11")}.
 * JSON in tests is written with single quotes for readability; {@link #q} turns them into double
 * quotes.
 */
final class Docs {
  // Numbers keep the digits written (3.0 stays 3.0), as CrampCare's reader keeps them.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /** Marks a field to remove. */
  static final String REMOVE = "<remove>";

  private Docs() {}

  /** Replaces single quotes with double quotes. */
  static String q(String json) {
    return json.replace('\'', '"');
  }

  /**
   * Returns {@code json} with the value at {@code pointer} replaced by {@code rawValue}, a JSON
   * text in single-quote notation, or removed if it is {@link #REMOVE}.
   */
  static String edit(String json, String pointer, String rawValue) {
    try {
      JsonNode root = MAPPER.readTree(json);
      int slash = pointer.lastIndexOf('/');
      JsonNode parent = root.at(pointer.substring(0, slash));
      String last = pointer.substring(slash + 1);
      if (parent instanceof ObjectNode object) {
        if (rawValue.equals(REMOVE)) {
          object.remove(last);
        } else {
          object.set(last, MAPPER.readTree(q(rawValue)));
        }
      } else if (parent instanceof ArrayNode array) {
        int index = Integer.parseInt(last);
        if (index == array.size()) {
          array.add(MAPPER.readTree(q(rawValue)));
        } else {
          array.set(index, MAPPER.readTree(q(rawValue)));
        }
      } else {
        throw new IllegalArgumentException("no object or array at " + pointer);
      }
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
