package org.crampcare.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Accepts CDS Hooks feedback and keeps the most recent items in memory. It keeps what the user did
 * with which card, never a user comment (free text may name the patient). Thread-safe.
 */
final class FeedbackLog {
  private final int capacity;
  private final Clock clock;
  private final Deque<CdsFeedback> items = new ArrayDeque<>();
  // Card UUID -> kind, for the summary; the most recent 10,000.
  private final Map<String, String> kinds =
      new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > 10_000;
        }
      };

  FeedbackLog(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  /**
   * Parses, validates and records a feedback request.
   *
   * @return how many items were recorded
   * @throws CdsRequestException 400 naming the bad field
   */
  int accept(String serviceId, byte[] body) {
    JsonNode root;
    try {
      root = CdsJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new CdsRequestException(400, "request body is not valid JSON", e);
    } catch (IOException e) {
      throw new CdsRequestException(400, "request body could not be read", e);
    }
    if (root == null || !root.isObject()) {
      throw CdsRequestException.badRequest("request body must be a JSON object");
    }
    JsonNode feedback = root.get("feedback");
    if (feedback == null || !feedback.isArray() || feedback.isEmpty()) {
      throw CdsRequestException.badRequest("feedback is required and must be a non-empty array");
    }
    List<CdsFeedback> parsed = new ArrayList<>();
    for (int i = 0; i < feedback.size(); i++) {
      parsed.add(item(serviceId, feedback.get(i), "feedback[" + i + "]"));
    }
    synchronized (items) {
      for (CdsFeedback f : parsed) {
        items.addLast(f);
        if (items.size() > capacity) {
          items.pollFirst();
        }
      }
    }
    return parsed.size();
  }

  private CdsFeedback item(String serviceId, JsonNode node, String where) {
    if (!node.isObject()) {
      throw CdsRequestException.badRequest(where + " must be a JSON object");
    }
    String card = text(node, "card", where);
    String outcome = text(node, "outcome", where);
    if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
      throw CdsRequestException.badRequest(
          where + ".outcome '" + outcome + "' is not valid; expected 'accepted' or 'overridden'");
    }
    String timestamp = text(node, "outcomeTimestamp", where);
    List<String> accepted = new ArrayList<>();
    JsonNode suggestions = node.get("acceptedSuggestions");
    if (suggestions != null && !suggestions.isNull()) {
      if (!suggestions.isArray()) {
        throw CdsRequestException.badRequest(where + ".acceptedSuggestions must be an array");
      }
      for (int i = 0; i < suggestions.size(); i++) {
        accepted.add(text(suggestions.get(i), "id", where + ".acceptedSuggestions[" + i + "]"));
      }
    }
    Optional<String> reason = Optional.empty();
    JsonNode override = node.get("overrideReason");
    if (override != null && override.isObject()) {
      JsonNode coding = override.get("reason");
      if (coding != null && coding.isObject() && coding.hasNonNull("code")) {
        String system = coding.hasNonNull("system") ? coding.get("system").asText() + "|" : "";
        reason = Optional.of(system + coding.get("code").asText());
      }
    }
    return new CdsFeedback(serviceId, card, outcome, accepted, reason, timestamp, clock.instant());
  }

  private static String text(JsonNode parent, String field, String where) {
    JsonNode node = parent.isObject() ? parent.get(field) : null;
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw CdsRequestException.badRequest(
          where + "." + field + " is required and must be a non-empty string");
    }
    return node.asText();
  }

  ImmutableList<CdsFeedback> items() {
    synchronized (items) {
      return ImmutableList.copyOf(items);
    }
  }

  /** Records what kind of card a UUID is, so that the summary can count by kind. */
  void issued(String cardUuid, String kind) {
    synchronized (kinds) {
      kinds.put(cardUuid, kind);
    }
  }

  /** Returns whether the user accepted or overrode the card (by its UUID). */
  boolean actedOn(String cardUuid) {
    synchronized (items) {
      for (CdsFeedback f : items) {
        if (f.card().equals(cardUuid)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Counts the feedback kept, per service and kind of card: accepted, overridden, and overridden
   * per reason. No card UUID, patient or user is in it.
   */
  Map<String, Map<String, Object>> summary() {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    for (CdsFeedback f : items()) {
      String kind;
      synchronized (kinds) {
        kind = kinds.getOrDefault(f.card(), "card");
      }
      Map<String, Object> counts =
          out.computeIfAbsent(f.serviceId() + " " + kind, k -> new TreeMap<>());
      counts.merge(f.outcome(), 1, (a, b) -> (Integer) a + (Integer) b);
      if (f.outcome().equals("overridden")) {
        @SuppressWarnings("unchecked")
        Map<String, Integer> reasons =
            (Map<String, Integer>) counts.computeIfAbsent("overrideReasons", k -> new TreeMap<>());
        reasons.merge(f.overrideReason().orElse("none given"), 1, Integer::sum);
      }
    }
    return out;
  }
}
