package org.crampcare.server;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A CDS client (an EHR) whose JWTs the service accepts: its {@code iss} and where its signing keys
 * are, a JWK Set URL or a local JWK Set file (CDS Hooks 2.0, "Trusting CDS Clients").
 *
 * @param issuer the {@code iss} the EHR puts in its tokens, compared exactly
 * @param jwksUrl the EHR's JWK Set URL (https, or http on loopback), fetched through a cache; empty
 *     when the keys come from {@code jwksFile}
 * @param jwksFile a local JWK Set file with the EHR's public keys; empty when they come from the
 *     URL
 * @param allowedJku the JWK Set URLs a token may name in its {@code jku} header; a token naming any
 *     other is refused and that URL is never fetched
 */
public record TrustedIssuer(
    String issuer, Optional<URI> jwksUrl, Optional<Path> jwksFile, List<URI> allowedJku) {

  /** Checks that there is exactly one key source and that the URLs are web URLs. */
  public TrustedIssuer {
    checkArgument(!issuer.isBlank(), "trusted issuer: iss must not be blank");
    checkArgument(
        jwksUrl.isPresent() != jwksFile.isPresent(),
        "trusted issuer %s: give either a JWK Set URL or a JWK Set file, not %s",
        issuer,
        jwksUrl.isPresent() ? "both" : "neither");
    jwksUrl.ifPresent(u -> checkWebUrl(issuer, "jwksUrl", u));
    allowedJku = ImmutableList.copyOf(allowedJku);
    allowedJku.forEach(u -> checkWebUrl(issuer, "allowedJku", u));
  }

  /** Returns an issuer whose keys are at a JWK Set URL. */
  public static TrustedIssuer withJwksUrl(String issuer, URI jwksUrl) {
    return new TrustedIssuer(issuer, Optional.of(jwksUrl), Optional.empty(), List.of());
  }

  /** Returns an issuer whose keys are in a local JWK Set file. */
  public static TrustedIssuer withJwksFile(String issuer, Path jwksFile) {
    return new TrustedIssuer(issuer, Optional.empty(), Optional.of(jwksFile), List.of());
  }

  /** Returns this issuer with the {@code jku} URLs its tokens may name. */
  public TrustedIssuer allowingJku(List<URI> jku) {
    return new TrustedIssuer(issuer, jwksUrl, jwksFile, jku);
  }

  private static void checkWebUrl(String issuer, String field, URI url) {
    String scheme =
        url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    checkArgument(
        (scheme.equals("https") || scheme.equals("http")) && url.getHost() != null,
        "trusted issuer %s: %s '%s' is not an http(s) URL",
        issuer,
        field,
        url);
  }
}
