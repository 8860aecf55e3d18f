package org.crampcare.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CDS Hooks 2.0 wire format as Jackson records, and the one mapper that writes them.
 *
 * <p>CDS Hooks forbids empty or null optional fields, so the mapper omits {@code null}, {@code ""},
 * {@code []} and {@code {}} everywhere; the only exception is the response's {@code cards}, which
 * the specification requires even when empty.
 */
final class CdsJson {
  /** Requests larger than this are refused; a patient's prefetch is far smaller. */
  static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .serializationInclusion(JsonInclude.Include.NON_EMPTY)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /**
   * Reads request bodies as HAPI reads FHIR JSON (exact decimals: a potassium of 3.10 stays 3.10; a
   * leading plus sign allowed; nothing after the document), so that a prefetch resource's tree is
   * handed to HAPI as it is, not written out and parsed again.
   */
  static final ObjectMapper READER =
      JsonMapper.builder()
          .nodeFactory(
              com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(
              com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
          .build();

  static {
    for (ObjectMapper mapper : new ObjectMapper[] {MAPPER, READER}) {
      mapper
          .getFactory()
          .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    }
  }

  private CdsJson() {}

  /** The discovery response. */
  record Services(List<Service> services) {}

  /**
   * One service in discovery. {@code extension} holds what CDS Hooks has no field for; CrampCare's
   * order services list there, under {@value #OVERRIDE_REASONS_EXTENSION}, the override reasons
   * their critical cards offer, so that an EHR can prepare its override dialogue before the first
   * card.
   */
  record Service(
      String hook,
      String title,
      String description,
      String id,
      Map<String, String> prefetch,
      @Nullable String usageRequirements,
      @Nullable Map<String, Object> extension) {
    Service(
        String hook,
        String title,
        String description,
        String id,
        Map<String, String> prefetch,
        @Nullable String usageRequirements) {
      this(hook, title, description, id, prefetch, usageRequirements, null);
    }
  }

  /** The discovery extension that lists a service's override reasons. */
  static final String OVERRIDE_REASONS_EXTENSION = "org.crampcare.overrideReasons";

  /** A hook response. */
  record Response(@JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards) {}

  /** A card. */
  record Card(
      String uuid,
      String summary,
      @Nullable String detail,
      String indicator,
      Source source,
      List<Suggestion> suggestions,
      @Nullable String selectionBehavior,
      List<Link> links,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable List<Coding> overrideReasons) {}

  /** A card's source. */
  record Source(String label, @Nullable String url, @Nullable Coding topic) {}

  /** A FHIR-style coding, as CDS Hooks uses for {@code source.topic}. */
  record Coding(String system, String code, @Nullable String display) {}

  /** A link shown on a card. */
  record Link(String label, String url, String type) {}

  /** A suggestion: actions the user may accept together. */
  record Suggestion(
      String label, String uuid, @Nullable Boolean isRecommended, List<Action> actions) {}

  /**
   * An action; {@code resource} is FHIR JSON written as is.
   *
   * @param type create, update or delete
   * @param description what the action does
   * @param resource the FHIR resource as JSON text, for create and update
   * @param resourceId the relative reference of the resource to delete
   */
  record Action(
      String type,
      String description,
      @JsonRawValue @Nullable String resource,
      @Nullable String resourceId) {}

  /** An error response: the reason a request was refused. */
  record Error(String error) {}

  /** The acknowledgement of a feedback request. */
  record FeedbackAck(int received) {}
}
