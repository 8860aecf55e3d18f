package org.crampcare.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The service's configuration as one JSON document ({@code crampcare serve --config FILE}): trusted
 * issuers, audience, FHIR server allow-list, browser origins, limits and the rule book. Reading it
 * reports every problem at once, each naming the JSON path, the value and what is allowed; see
 * {@code docs/cds-hooks.md}.
 *
 * <pre>{@code
 * {
 *   "schema": "crampcare/cds-config/1",
 *   "audience": "https://cds.example.org",
 *   "issuers": [{"iss": "https://ehr.example.org", "jwksUrl": "https://ehr.example.org/jwks.json"}],
 *   "fhirServers": ["https://ehr.example.org/fhir/r4"],
 *   "allowedOrigins": ["https://ehr.example.org"],
 *   "requireTokenForDiscovery": true,
 *   "limits": {"maxRequestBytes": 8388608, "queueTimeout": "PT10S", "clockSkew": "PT60S",
 *              "maxTokenAge": "PT5M", "replayCacheSize": 100000, "maxConcurrentAssessments": 2},
 *   "ruleBook": "clinic-rule-book.json"
 * }
 * }</pre>
 *
 * @param audience the public base URL, when given
 * @param issuers the trusted EHRs, at least one
 * @param fhirServers the FHIR servers that may be fetched from
 * @param allowedOrigins the browser origins allowed
 * @param requireTokenForDiscovery whether discovery needs a token
 * @param settings the limits, applied to a builder
 * @param ruleBook the rule book file, relative to the configuration file's folder, when given
 */
public record CdsConfig(
    Optional<URI> audience,
    List<TrustedIssuer> issuers,
    List<AllowedFhirServer> fhirServers,
    List<String> allowedOrigins,
    boolean requireTokenForDiscovery,
    List<Consumer<CdsHooksServer.Builder>> settings,
    Optional<Path> ruleBook) {
  /** The schema value this version reads. */
  public static final String SCHEMA = "crampcare/cds-config/1";

  private static final Set<String> FIELDS =
      Set.of(
          "schema",
          "audience",
          "issuers",
          "fhirServers",
          "allowedOrigins",
          "requireTokenForDiscovery",
          "limits",
          "ruleBook");
  private static final Set<String> ISSUER_FIELDS =
      Set.of("iss", "jwksUrl", "jwksFile", "allowedJku");
  private static final Set<String> LIMIT_FIELDS =
      Set.of(
          "maxRequestBytes",
          "queueTimeout",
          "clockSkew",
          "maxTokenAge",
          "replayCacheSize",
          "maxConcurrentAssessments");

  /** Copies the lists. */
  public CdsConfig {
    issuers = ImmutableList.copyOf(issuers);
    fhirServers = ImmutableList.copyOf(fhirServers);
    allowedOrigins = ImmutableList.copyOf(allowedOrigins);
    settings = ImmutableList.copyOf(settings);
  }

  /**
   * Reads a configuration file.
   *
   * @throws IllegalArgumentException listing every problem, each with its JSON path, or saying why
   *     the file cannot be read
   */
  public static CdsConfig read(Path file) {
    JsonNode root;
    try {
      root = CdsJson.MAPPER.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "configuration " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "configuration " + file + " cannot be read: " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("configuration " + file + ": $ must be a JSON object");
    }
    unknown(root, FIELDS, "$", problems);
    JsonNode schema = root.get("schema");
    if (schema == null || !schema.asText().equals(SCHEMA)) {
      problems.add("$.schema: " + show(schema) + " is not supported; expected '" + SCHEMA + "'");
    }
    Path parent = file.toAbsolutePath().getParent();
    Path folder = parent == null ? Path.of("") : parent;
    Optional<URI> audience = Optional.empty();
    JsonNode aud = root.get("audience");
    if (aud != null) {
      audience = url(aud, "$.audience", problems);
    }
    List<TrustedIssuer> issuers = new ArrayList<>();
    JsonNode list = root.get("issuers");
    if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add("$.issuers: " + show(list) + " is not allowed; expected a non-empty array");
    } else {
      for (int i = 0; i < list.size(); i++) {
        issuer(list.get(i), "$.issuers[" + i + "]", folder, problems).ifPresent(issuers::add);
      }
    }
    List<AllowedFhirServer> servers = new ArrayList<>();
    strings(root.get("fhirServers"), "$.fhirServers", problems)
        .forEach(
            (path, value) -> {
              try {
                servers.add(AllowedFhirServer.of(value));
              } catch (IllegalArgumentException e) {
                problems.add(path + ": '" + value + "' is not allowed; " + e.getMessage());
              }
            });
    List<String> origins = new ArrayList<>();
    strings(root.get("allowedOrigins"), "$.allowedOrigins", problems)
        .forEach(
            (path, value) -> {
              if (value.startsWith("https://") || value.startsWith("http://")) {
                origins.add(value);
              } else {
                problems.add(path + ": '" + value + "' is not allowed; expected an http(s) origin");
              }
            });
    boolean discovery = true;
    JsonNode d = root.get("requireTokenForDiscovery");
    if (d != null) {
      if (d.isBoolean()) {
        discovery = d.asBoolean();
      } else {
        problems.add(
            "$.requireTokenForDiscovery: " + show(d) + " is not allowed; expected true or false");
      }
    }
    List<Consumer<CdsHooksServer.Builder>> settings = new ArrayList<>();
    JsonNode limits = root.get("limits");
    if (limits != null) {
      if (!limits.isObject()) {
        problems.add("$.limits: " + show(limits) + " is not allowed; expected an object");
      } else {
        unknown(limits, LIMIT_FIELDS, "$.limits", problems);
        positiveInt(limits, "maxRequestBytes", problems)
            .ifPresent(n -> settings.add(b -> b.maxRequestBytes(n)));
        positiveInt(limits, "replayCacheSize", problems)
            .ifPresent(n -> settings.add(b -> b.replayCacheSize(n)));
        positiveInt(limits, "maxConcurrentAssessments", problems)
            .ifPresent(n -> settings.add(b -> b.maxConcurrentAssessments(n)));
        duration(limits, "queueTimeout", problems)
            .ifPresent(t -> settings.add(b -> b.queueTimeout(t)));
        duration(limits, "clockSkew", problems).ifPresent(t -> settings.add(b -> b.clockSkew(t)));
        duration(limits, "maxTokenAge", problems)
            .ifPresent(t -> settings.add(b -> b.maxTokenAge(t)));
      }
    }
    Optional<Path> ruleBook = Optional.empty();
    JsonNode rb = root.get("ruleBook");
    if (rb != null) {
      if (rb.isTextual() && !rb.asText().isBlank()) {
        Path p = folder.resolve(rb.asText());
        if (Files.isReadable(p)) {
          ruleBook = Optional.of(p);
        } else {
          problems.add("$.ruleBook: '" + rb.asText() + "' is not a readable file");
        }
      } else {
        problems.add("$.ruleBook: " + show(rb) + " is not allowed; expected a file name");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "configuration "
              + file
              + " has "
              + problems.size()
              + " problem(s):\n  "
              + String.join("\n  ", problems));
    }
    return new CdsConfig(audience, issuers, servers, origins, discovery, settings, ruleBook);
  }

  /** Applies the configuration to a server builder (not the rule book, which the caller loads). */
  public CdsHooksServer.Builder applyTo(CdsHooksServer.Builder builder) {
    audience.ifPresent(builder::audienceBaseUrl);
    issuers.forEach(builder::trust);
    fhirServers.forEach(builder::allowFhirServer);
    allowedOrigins.forEach(builder::allowOrigin);
    builder.requireTokenForDiscovery(requireTokenForDiscovery);
    settings.forEach(s -> s.accept(builder));
    return builder;
  }

  private static Optional<TrustedIssuer> issuer(
      JsonNode node, String path, Path folder, List<String> problems) {
    if (!node.isObject()) {
      problems.add(path + ": " + show(node) + " is not allowed; expected an object");
      return Optional.empty();
    }
    int before = problems.size();
    unknown(node, ISSUER_FIELDS, path, problems);
    JsonNode iss = node.get("iss");
    if (iss == null || !iss.isTextual() || iss.asText().isBlank()) {
      problems.add(path + ".iss: " + show(iss) + " is not allowed; expected the EHR's iss");
    }
    JsonNode url = node.get("jwksUrl");
    JsonNode file = node.get("jwksFile");
    Optional<URI> jwksUrl = url == null ? Optional.empty() : url(url, path + ".jwksUrl", problems);
    Optional<Path> jwksFile = Optional.empty();
    if (file != null) {
      Path p = folder.resolve(file.asText());
      if (!file.isTextual() || !Files.isReadable(p)) {
        problems.add(path + ".jwksFile: " + show(file) + " is not a readable file");
      } else {
        jwksFile = Optional.of(p);
      }
    }
    if ((url == null) == (file == null)) {
      problems.add(path + ": give exactly one of jwksUrl and jwksFile");
    }
    List<URI> jku = new ArrayList<>();
    strings(node.get("allowedJku"), path + ".allowedJku", problems)
        .forEach(
            (p, v) ->
                url(new com.fasterxml.jackson.databind.node.TextNode(v), p, problems)
                    .ifPresent(jku::add));
    if (problems.size() > before || iss == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new TrustedIssuer(iss.asText(), jwksUrl, jwksFile, jku));
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<URI> url(JsonNode node, String path, List<String> problems) {
    if (node.isTextual()
        && (node.asText().startsWith("https://") || node.asText().startsWith("http://"))) {
      try {
        return Optional.of(new URI(node.asText()));
      } catch (URISyntaxException e) {
        // reported below
      }
    }
    problems.add(path + ": " + show(node) + " is not allowed; expected an http(s) URL");
    return Optional.empty();
  }

  /** The strings of an optional array, by JSON path. */
  private static Map<String, String> strings(JsonNode node, String path, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!node.isArray()) {
      problems.add(path + ": " + show(node) + " is not allowed; expected an array of strings");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode v = node.get(i);
      if (v.isTextual() && !v.asText().isBlank()) {
        out.put(path + "[" + i + "]", v.asText());
      } else {
        problems.add(path + "[" + i + "]: " + show(v) + " is not allowed; expected a string");
      }
    }
    return out;
  }

  private static Optional<Integer> positiveInt(
      JsonNode parent, String field, List<String> problems) {
    JsonNode n = parent.get(field);
    if (n == null) {
      return Optional.empty();
    }
    if (n.isIntegralNumber() && n.canConvertToInt() && n.asInt() > 0) {
      return Optional.of(n.asInt());
    }
    problems.add(
        "$.limits." + field + ": " + show(n) + " is not allowed; expected a positive integer");
    return Optional.empty();
  }

  private static Optional<Duration> duration(JsonNode parent, String field, List<String> problems) {
    JsonNode n = parent.get(field);
    if (n == null) {
      return Optional.empty();
    }
    try {
      Duration d = Duration.parse(n.asText());
      if (n.isTextual() && !d.isNegative() && !d.isZero()) {
        return Optional.of(d);
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    problems.add(
        "$.limits."
            + field
            + ": "
            + show(n)
            + " is not allowed; expected a positive ISO-8601"
            + " duration such as PT10S");
    return Optional.empty();
  }

  private static void unknown(
      JsonNode object, Set<String> known, String path, List<String> problems) {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        problems.add(
            path + "." + name + ": is not a known field; expected one of " + new TreeSet<>(known));
      }
    }
  }

  private static String show(JsonNode node) {
    if (node == null) {
      return "missing";
    }
    String text = node.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
