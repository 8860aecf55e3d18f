package org.crampcare.fhir.population;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a FHIR Bulk Data export (Bulk Data Access 2.0) and downloads its files: the kick-off ({@code
 * GET [base]/Patient/$export} or {@code [base]/Group/[id]/$export} with {@code Prefer:
 * respond-async}), {@code 202 Accepted} with {@code Content-Location}, polling that status URL as
 * its {@code Retry-After} says (seconds or an HTTP date; without one, backing off from 1 s to 60
 * s), the manifest, and each output file, with the bearer token only when the manifest says {@code
 * requiresAccessToken}. The {@code error} files (OperationOutcomes) are read and returned. Files
 * are downloaded only from the kick-off's own origin (scheme, host and port): a manifest cannot
 * send the client elsewhere. The status URL is deleted at the end, as the specification asks.
 */
public final class BulkExportClient {
  private static final Logger LOG = LoggerFactory.getLogger(BulkExportClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final URI kickOff;
  private final Optional<String> bearerToken;
  private final List<String> types;
  private final Optional<String> since;
  private final Duration timeout;
  private final Duration maxWait;
  private final Consumer<String> status;
  private final HttpClient http;

  private BulkExportClient(Builder b) {
    this.kickOff = b.kickOff;
    this.bearerToken = b.bearerToken;
    this.types = b.types;
    this.since = b.since;
    this.timeout = b.timeout;
    this.maxWait = b.maxWait;
    this.status = b.status;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Returns a builder.
   *
   * @param kickOff the export operation's URL, for example {@code
   *     https://ehr.example/fhir/Patient/$export} or {@code .../Group/42/$export}
   * @throws IllegalArgumentException if it is not an absolute http(s) URL ending in {@code $export}
   */
  public static Builder builder(URI kickOff) {
    String scheme = kickOff.getScheme() == null ? "" : kickOff.getScheme();
    if (!(scheme.equals("http") || scheme.equals("https"))
        || kickOff.getHost() == null
        || kickOff.getRawQuery() != null
        || !kickOff.getPath().endsWith("/$export")) {
      throw new IllegalArgumentException(
          "'"
              + kickOff
              + "' is not a Bulk Data kick-off URL; expected an http(s) URL ending in"
              + " /Patient/$export or /Group/ID/$export, without a query");
    }
    return new Builder(kickOff);
  }

  /**
   * What an export gave.
   *
   * @param files the NDJSON files downloaded, in the manifest's order
   * @param errors the diagnostics of the export's error files, one per OperationOutcome issue
   * @param transactionTime the manifest's {@code transactionTime}
   */
  public record Result(
      ImmutableList<Path> files, ImmutableList<String> errors, String transactionTime) {}

  /**
   * Runs the export and downloads its files into a folder.
   *
   * @param into the folder to download to; created if missing
   * @throws BulkExportException naming the request that failed and what the server said
   */
  public Result export(Path into) {
    try {
      Files.createDirectories(into);
      URI statusUrl = kickOff();
      JsonNode manifest = poll(statusUrl);
      boolean token = manifest.path("requiresAccessToken").asBoolean(false);
      List<Path> files = new ArrayList<>();
      int n = 0;
      for (JsonNode output : manifest.path("output")) {
        String type = output.path("type").asText("Resource").replaceAll("[^A-Za-z]", "");
        URI url = sameOrigin(output.path("url").asText(""));
        Path file = into.resolve(String.format(Locale.ROOT, "%s-%03d.ndjson", type, n++));
        download(url, file, token);
        files.add(file);
      }
      List<String> errors = new ArrayList<>();
      for (JsonNode error : manifest.path("error")) {
        URI url = sameOrigin(error.path("url").asText(""));
        Path file = into.resolve(String.format(Locale.ROOT, "errors-%03d.ndjson", n++));
        download(url, file, token);
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          for (JsonNode issue : JSON.readTree(line).path("issue")) {
            errors.add(
                issue.path("severity").asText("error")
                    + ": "
                    + issue
                        .path("diagnostics")
                        .asText(issue.path("details").path("text").asText("")));
          }
        }
        Files.delete(file);
      }
      delete(statusUrl);
      return new Result(
          ImmutableList.copyOf(files),
          ImmutableList.copyOf(errors),
          manifest.path("transactionTime").asText(""));
    } catch (IOException e) {
      throw new BulkExportException("the export from " + kickOff + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BulkExportException("the export from " + kickOff + " was interrupted", e);
    }
  }

  private URI kickOff() throws IOException, InterruptedException {
    StringBuilder url = new StringBuilder(kickOff.toString());
    char sep = '?';
    if (!types.isEmpty()) {
      // Types are checked to be letters only; the comma stays a FHIR list separator.
      url.append(sep).append("_type=").append(String.join(",", types));
      sep = '&';
    }
    if (since.isPresent()) {
      url.append(sep).append("_since=").append(enc(since.get()));
    }
    HttpResponse<String> r =
        http.send(
            request(URI.create(url.toString()), true)
                .header("Accept", "application/fhir+json")
                .header("Prefer", "respond-async")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new BulkExportException(
          "kick-off GET "
              + url
              + " answered "
              + r.statusCode()
              + describe(r.body())
              + "; expected 202 Accepted");
    }
    String location =
        r.headers()
            .firstValue("Content-Location")
            .orElseThrow(
                () ->
                    new BulkExportException(
                        "kick-off GET " + url + " answered 202 without Content-Location"));
    return sameOrigin(location);
  }

  private JsonNode poll(URI statusUrl) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    Duration backoff = Duration.ofSeconds(1);
    while (true) {
      HttpResponse<String> r =
          http.send(request(statusUrl, true).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        return JSON.readTree(r.body());
      }
      if (r.statusCode() != 202) {
        throw new BulkExportException(
            "status GET " + statusUrl + " answered " + r.statusCode() + describe(r.body()));
      }
      r.headers().firstValue("X-Progress").ifPresent(p -> status.accept("export: " + p));
      Duration wait = retryAfter(r.headers().firstValue("Retry-After")).orElse(backoff);
      backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
      if (System.nanoTime() + wait.toNanos() > deadline) {
        throw new BulkExportException(
            "the export at " + statusUrl + " was not ready within " + maxWait.toMinutes() + " min");
      }
      LOG.debug("Export not ready; polling again in {} ms", wait.toMillis());
      Thread.sleep(wait.toMillis());
    }
  }

  /** Parses {@code Retry-After}: delta-seconds or an HTTP date; at most {@link #MAX_BACKOFF}. */
  static Optional<Duration> retryAfter(Optional<String> header) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().strip();
    try {
      return Optional.of(min(Duration.ofSeconds(Math.max(0, Long.parseLong(value))), MAX_BACKOFF));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(min(d.isNegative() ? Duration.ZERO : d, MAX_BACKOFF));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private void download(URI url, Path file, boolean withToken)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> r =
        http.send(
            request(url, withToken).header("Accept", "application/fhir+ndjson").GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = r.body()) {
      if (r.statusCode() != 200) {
        throw new BulkExportException(
            "download GET "
                + url
                + " answered "
                + r.statusCode()
                + describe(new String(body.readNBytes(2000), StandardCharsets.UTF_8)));
      }
      Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void delete(URI statusUrl) {
    try {
      http.send(request(statusUrl, true).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      LOG.warn("Could not delete the finished export at {}: {}", statusUrl, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpRequest.Builder request(URI url, boolean withToken) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout);
    if (withToken) {
      bearerToken.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    }
    return b;
  }

  /** Resolves a URL the server gave against the kick-off, and refuses another origin. */
  private URI sameOrigin(String value) {
    URI url;
    try {
      url = kickOff.resolve(value);
    } catch (IllegalArgumentException e) {
      throw new BulkExportException("the server gave '" + value + "', which is not a URL");
    }
    boolean same =
        Objects.equals(url.getScheme(), kickOff.getScheme())
            && Objects.equals(url.getHost(), kickOff.getHost())
            && url.getPort() == kickOff.getPort();
    if (!same) {
      throw new BulkExportException(
          "the server sent the client to "
              + url
              + ", another origin than "
              + kickOff.getScheme()
              + "://"
              + kickOff.getAuthority()
              + "; not followed (the bearer token is for that server only)");
    }
    return url;
  }

  private static String describe(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode issue = JSON.readTree(body).path("issue").path(0);
      String text = issue.path("diagnostics").asText(issue.path("details").path("text").asText(""));
      return text.isEmpty() ? "" : " (" + text + ")";
    } catch (IOException e) {
      return "";
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A failed export: the message names the request and what the server said. */
  public static final class BulkExportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BulkExportException(String message) {
      super(message);
    }

    BulkExportException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Configures an export. */
  public static final class Builder {
    private final URI kickOff;
    private Optional<String> bearerToken = Optional.empty();
    private List<String> types = List.of();
    private Optional<String> since = Optional.empty();
    private Duration timeout = Duration.ofSeconds(60);
    private Duration maxWait = Duration.ofHours(1);
    private Consumer<String> status = s -> {};

    private Builder(URI kickOff) {
      this.kickOff = kickOff;
    }

    /** Sends {@code Authorization: Bearer TOKEN} to the server (never elsewhere). */
    public Builder bearerToken(Optional<String> token) {
      this.bearerToken = token;
      return this;
    }

    /** Asks for these resource types only ({@code _type}). */
    public Builder types(List<String> types) {
      for (String t : types) {
        if (!t.matches("[A-Z][A-Za-z]{1,63}")) {
          throw new IllegalArgumentException("'" + t + "' is not a FHIR resource type");
        }
      }
      this.types = List.copyOf(types);
      return this;
    }

    /** Asks for resources changed since this instant ({@code _since}, FHIR instant). */
    public Builder since(Optional<String> since) {
      this.since = since;
      return this;
    }

    /** Sets the connect and read timeout of each request (default 60 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Sets how long to wait for the export to be ready (default 1 hour). */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = maxWait;
      return this;
    }

    /** Receives the server's {@code X-Progress} while waiting. */
    public Builder status(Consumer<String> status) {
      this.status = status;
      return this;
    }

    /** Returns the client. */
    public BulkExportClient build() {
      return new BulkExportClient(this);
    }
  }
}
