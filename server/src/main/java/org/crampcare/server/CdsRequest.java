package org.crampcare.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated CDS Hooks 2.0 call.
 *
 * @param hook the hook, for example {@code patient-view}
 * @param hookInstance the call's UUID
 * @param patientId {@code context.patientId}, a valid FHIR id
 * @param fhirServer the EHR's FHIR base URL, when given
 * @param accessToken {@code fhirAuthorization.access_token}, when given
 * @param prefetch the prefetch values by key: a JSON object, or JSON null ("known not to exist");
 *     keys not sent are absent
 * @param context the whole {@code context} object, for the fields a hook adds (such as {@code
 *     draftOrders})
 */
record CdsRequest(
    String hook,
    String hookInstance,
    String patientId,
    Optional<URI> fhirServer,
    Optional<String> accessToken,
    ImmutableMap<String, JsonNode> prefetch,
    JsonNode context) {
  private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  /**
   * Parses and validates a request body.
   *
   * @throws CdsRequestException 400 with the reason, for malformed JSON or a missing or invalid
   *     field
   */
  static CdsRequest parse(byte[] body, String expectedHook) {
    JsonNode root;
    try {
      root = CdsJson.READER.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new CdsRequestException(
          400,
          "request body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
          e);
    } catch (IOException e) {
      throw new CdsRequestException(400, "request body could not be read", e);
    }
    if (root == null || !root.isObject()) {
      throw CdsRequestException.badRequest("request body must be a JSON object");
    }
    String hook = requiredText(root, "hook", "hook");
    if (!hook.equals(expectedHook)) {
      throw CdsRequestException.badRequest(
          "hook '" + hook + "' is not handled by this service; expected '" + expectedHook + "'");
    }
    String hookInstance = requiredText(root, "hookInstance", "hookInstance");
    JsonNode context = root.get("context");
    if (context == null || !context.isObject()) {
      throw CdsRequestException.badRequest("context is required and must be a JSON object");
    }
    String patientId = requiredText(context, "patientId", "context.patientId");
    if (!FHIR_ID.matcher(patientId).matches()) {
      throw CdsRequestException.badRequest(
          "context.patientId is not a FHIR id; expected 1-64 characters A-Z, a-z, 0-9, '-' or"
              + " '.'");
    }
    Optional<URI> fhirServer = Optional.empty();
    JsonNode server = root.get("fhirServer");
    if (server != null && !server.isNull()) {
      fhirServer = Optional.of(httpUrl(server));
    }
    Optional<String> token = Optional.empty();
    JsonNode authorization = root.get("fhirAuthorization");
    if (authorization != null && !authorization.isNull()) {
      if (!authorization.isObject()) {
        throw CdsRequestException.badRequest("fhirAuthorization must be a JSON object");
      }
      token =
          Optional.of(
              requiredText(authorization, "access_token", "fhirAuthorization.access_token"));
      String type = requiredText(authorization, "token_type", "fhirAuthorization.token_type");
      if (!type.toLowerCase(Locale.ROOT).equals("bearer")) {
        throw CdsRequestException.badRequest(
            "fhirAuthorization.token_type '" + type + "' is not supported; expected 'Bearer'");
      }
    }
    Map<String, JsonNode> prefetch = new LinkedHashMap<>();
    JsonNode pre = root.get("prefetch");
    if (pre != null && !pre.isNull()) {
      if (!pre.isObject()) {
        throw CdsRequestException.badRequest("prefetch must be a JSON object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = pre.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isObject() && !e.getValue().isNull()) {
          throw CdsRequestException.badRequest(
              "prefetch." + e.getKey() + " must be a FHIR resource (a JSON object) or null");
        }
        prefetch.put(e.getKey(), e.getValue());
      }
    }
    return new CdsRequest(
        hook, hookInstance, patientId, fhirServer, token, ImmutableMap.copyOf(prefetch), context);
  }

  private static String requiredText(JsonNode parent, String field, String path) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw CdsRequestException.badRequest(path + " is required");
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw CdsRequestException.badRequest(path + " must be a non-empty string");
    }
    return node.asText();
  }

  private static URI httpUrl(JsonNode node) {
    if (!node.isTextual()) {
      throw CdsRequestException.badRequest("fhirServer must be a string");
    }
    try {
      URI uri = new URI(node.asText());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw CdsRequestException.badRequest("fhirServer must be an absolute http or https URL");
  }
}
