package org.crampcare.server;

import static com.google.common.base.Preconditions.checkArgument;

import java.net.URI;
import java.util.Locale;

/**
 * A FHIR server the service may fetch a patient's record from when a CDS call names it in {@code
 * fhirServer}: scheme, host, port and a path prefix, all compared exactly (the path by whole
 * segments: {@code /fhir} allows {@code /fhir} and {@code /fhir/r4}, not {@code /fhir-admin}).
 *
 * @param scheme {@code https}, or {@code http}
 * @param host the host name or address, compared without case
 * @param port the port; the scheme's default when the URL gives none
 * @param pathPrefix the path the server's base URL must start with, {@code /} for any
 */
public record AllowedFhirServer(String scheme, String host, int port, String pathPrefix) {

  /** Normalises case and the prefix, and checks the parts. */
  public AllowedFhirServer {
    scheme = scheme.toLowerCase(Locale.ROOT);
    checkArgument(
        scheme.equals("https") || scheme.equals("http"),
        "allowed FHIR server: scheme '%s' is not allowed; expected https or http",
        scheme);
    checkArgument(!host.isBlank(), "allowed FHIR server: host must not be blank");
    host = host.toLowerCase(Locale.ROOT);
    checkArgument(port > 0 && port < 65536, "allowed FHIR server: port %s is not a port", port);
    String p = pathPrefix.isEmpty() ? "/" : pathPrefix;
    checkArgument(p.startsWith("/"), "allowed FHIR server: path prefix '%s' must start with /", p);
    pathPrefix = p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /**
   * Returns the entry for a base URL such as {@code https://ehr.example.org/fhir}.
   *
   * @throws IllegalArgumentException if it is not an http(s) URL with a host, or has user info, a
   *     query or a fragment
   */
  public static AllowedFhirServer of(String baseUrl) {
    URI u;
    try {
      u = new URI(baseUrl);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          "allowed FHIR server '" + baseUrl + "' is not a URL: " + e.getReason(), e);
    }
    checkArgument(
        u.getScheme() != null && u.getHost() != null,
        "allowed FHIR server '%s' is not an http(s) URL with a host",
        baseUrl);
    checkArgument(
        u.getUserInfo() == null && u.getQuery() == null && u.getFragment() == null,
        "allowed FHIR server '%s' must not have user info, a query or a fragment",
        baseUrl);
    return new AllowedFhirServer(
        u.getScheme(), u.getHost(), port(u), u.getPath() == null ? "/" : u.getPath());
  }

  /** Returns whether the URL is this server or below it. */
  public boolean allows(URI url) {
    if (url.getScheme() == null
        || url.getHost() == null
        || url.getUserInfo() != null
        || !url.getScheme().equalsIgnoreCase(scheme)
        || !url.getHost().equalsIgnoreCase(host)
        || port(url) != port) {
      return false;
    }
    String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
    if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
      return false;
    }
    return pathPrefix.equals("/") || path.equals(pathPrefix) || path.startsWith(pathPrefix + "/");
  }

  private static int port(URI u) {
    if (u.getPort() > 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
