package org.crampcare.server;

import com.google.common.collect.ImmutableMap;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the JWT a CDS client sends with every call (CDS Hooks 2.0, "Trusting CDS Clients"), with
 * Nimbus JOSE+JWT: a signature by a key of an allow-listed issuer ({@code ES384} or {@code RS384};
 * {@code none}, HMAC and encrypted tokens refused), {@code kid} present, {@code aud} the endpoint
 * called, {@code exp} in the future, {@code iat} recent, {@code jti} not seen before. A failure
 * names the check, never the token. Thread-safe.
 */
final class ClientTokens {
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
  // JWK Set fetches: timeouts and a size limit, so a slow or huge answer cannot hold a worker.
  private static final int CONNECT_MILLIS = 2_000;
  private static final int READ_MILLIS = 3_000;
  private static final int JWKS_SIZE_LIMIT = 64 * 1024;
  // A verifier per public key, made once: making one decodes the key from Base64 every time.
  private static final java.util.concurrent.ConcurrentHashMap<JWK, JWSVerifier> VERIFIERS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_VERIFIERS = 1_000;

  private final ImmutableMap<String, Issuer> issuers;
  private final Clock clock;
  private final Duration skew;
  private final Duration maxAge;
  private final int replayCacheSize;
  // jti (with its issuer) -> the token's expiry; entries leave once expired.
  private final Map<String, Instant> seen = new HashMap<>();

  /** One trusted issuer with its key sources. */
  private record Issuer(
      TrustedIssuer trust,
      JWKSource<SecurityContext> keys,
      Map<URI, JWKSource<SecurityContext>> jku) {}

  ClientTokens(
      List<TrustedIssuer> trusted,
      Clock clock,
      Duration skew,
      Duration maxAge,
      int replayCacheSize) {
    ImmutableMap.Builder<String, Issuer> map = ImmutableMap.builder();
    for (TrustedIssuer t : trusted) {
      Map<URI, JWKSource<SecurityContext>> jku = new HashMap<>();
      for (URI u : t.allowedJku()) {
        jku.put(u, remote(u));
      }
      JWKSource<SecurityContext> keys =
          t.jwksUrl().isPresent() ? remote(t.jwksUrl().get()) : local(t);
      map.put(t.issuer(), new Issuer(t, keys, Map.copyOf(jku)));
    }
    this.issuers = map.buildOrThrow();
    this.clock = clock;
    this.skew = skew;
    this.maxAge = maxAge;
    this.replayCacheSize = replayCacheSize;
  }

  /** A JWK Set URL behind Nimbus's cache: refresh ahead, rate limit, outage tolerance. */
  private static JWKSource<SecurityContext> remote(URI url) {
    try {
      return JWKSourceBuilder.<SecurityContext>create(
              url.toURL(),
              new DefaultResourceRetriever(CONNECT_MILLIS, READ_MILLIS, JWKS_SIZE_LIMIT))
          .refreshAheadCache(true)
          .rateLimited(true)
          .outageTolerant(true)
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("JWK Set URL '" + url + "' is not a URL", e);
    }
  }

  private static JWKSource<SecurityContext> local(TrustedIssuer t) {
    try {
      return new ImmutableJWKSet<>(JWKSet.load(t.jwksFile().orElseThrow().toFile()));
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException(
          "trusted issuer "
              + t.issuer()
              + ": JWK Set file "
              + t.jwksFile().orElseThrow()
              + " cannot be read: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Verifies an {@code Authorization} header for a call to {@code endpoint}.
   *
   * @return the verified issuer
   * @throws CdsRequestException 401 naming the failed check, or 503 when the replay cache is full
   */
  String verify(Optional<String> authorization, String endpoint) {
    if (authorization.isEmpty()) {
      throw unauthorized("no Authorization header; expected 'Bearer' and the CDS client's JWT");
    }
    String header = authorization.get();
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      throw unauthorized("the Authorization header is not 'Bearer' and a token");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(header.substring(7).trim());
    } catch (ParseException e) {
      throw unauthorized("the bearer token is not a JWT");
    }
    if (jwt instanceof PlainJWT) {
      throw unauthorized("alg 'none' is refused: the token must be signed with ES384 or RS384");
    }
    if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT)) {
      throw unauthorized("the token is not a signed JWT (JWS)");
    }
    SignedJWT signed = (SignedJWT) jwt;
    JWSHeader h = signed.getHeader();
    if (!ALGORITHMS.contains(h.getAlgorithm())) {
      throw unauthorized("alg '" + h.getAlgorithm() + "' is refused; expected ES384 or RS384");
    }
    if (h.getKeyID() == null || h.getKeyID().isBlank()) {
      throw unauthorized("the token has no 'kid' header");
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException e) {
      throw unauthorized("the token's claims are not a JSON object");
    }
    String iss = claims.getIssuer();
    @Nullable Issuer issuer = iss == null ? null : issuers.get(iss);
    if (issuer == null) {
      throw unauthorized("iss is not a trusted CDS client");
    }
    JWKSource<SecurityContext> keys = issuer.keys();
    if (h.getJWKURL() != null) {
      @Nullable JWKSource<SecurityContext> named = issuer.jku().get(h.getJWKURL());
      if (named == null) {
        throw unauthorized("jku is not one of the issuer's allowed JWK Set URLs");
      }
      keys = named;
    }
    checkSignature(signed, keys);
    checkClaims(claims, endpoint);
    remember(iss, claims);
    return iss;
  }

  private static void checkSignature(SignedJWT jwt, JWKSource<SecurityContext> keys) {
    JWSHeader h = jwt.getHeader();
    List<JWK> candidates;
    try {
      candidates =
          keys.get(
              new JWKSelector(
                  new JWKMatcher.Builder()
                      .keyID(h.getKeyID())
                      .algorithms(h.getAlgorithm(), null)
                      .build()),
              null);
    } catch (KeySourceException e) {
      throw unauthorized("the issuer's JWK Set could not be fetched");
    }
    if (candidates.isEmpty()) {
      throw unauthorized("no key with the token's kid in the issuer's JWK Set");
    }
    for (JWK key : candidates) {
      try {
        @Nullable JWSVerifier verifier = VERIFIERS.get(key);
        if (verifier == null) {
          verifier = verifier(key);
          if (verifier != null) {
            if (VERIFIERS.size() > MAX_VERIFIERS) {
              VERIFIERS.clear(); // keys rotate; a trusted set holds a handful
            }
            VERIFIERS.put(key, verifier);
          }
        }
        if (verifier != null && jwt.verify(verifier)) {
          return;
        }
      } catch (JOSEException e) {
        // A key of the wrong type for the algorithm: try the next one.
      }
    }
    throw unauthorized("the signature does not verify with the issuer's key");
  }

  private static @Nullable JWSVerifier verifier(JWK key) throws JOSEException {
    if (key instanceof ECKey) {
      return new ECDSAVerifier((ECKey) key);
    }
    if (key instanceof RSAKey) {
      return new RSASSAVerifier((RSAKey) key);
    }
    return null;
  }

  private void checkClaims(JWTClaimsSet claims, String endpoint) {
    List<String> audience = claims.getAudience();
    if (audience == null || !audience.contains(endpoint)) {
      throw unauthorized("aud is not the URL of the endpoint called (" + endpoint + ")");
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw unauthorized("the token has no exp");
    }
    if (!exp.toInstant().plus(skew).isAfter(now)) {
      throw unauthorized("the token has expired (exp)");
    }
    Date iat = claims.getIssueTime();
    if (iat == null) {
      throw unauthorized("the token has no iat");
    }
    if (iat.toInstant().isAfter(now.plus(skew))) {
      throw unauthorized("iat is in the future");
    }
    if (iat.toInstant().isBefore(now.minus(maxAge).minus(skew))) {
      throw unauthorized("iat is older than " + maxAge.toMinutes() + " minutes");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank()) {
      throw unauthorized("the token has no jti");
    }
  }

  /** Records the token's jti until it expires; a jti seen before is a replay. */
  private synchronized void remember(String iss, JWTClaimsSet claims) {
    Instant now = clock.instant();
    String key = iss + "\u0000" + claims.getJWTID();
    Instant until = claims.getExpirationTime().toInstant().plus(skew);
    @Nullable Instant before = seen.get(key);
    if (before != null && before.isAfter(now)) {
      throw unauthorized("jti has been used before (replay)");
    }
    if (seen.size() >= replayCacheSize) {
      for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
        if (!it.next().isAfter(now)) {
          it.remove();
        }
      }
      if (seen.size() >= replayCacheSize) {
        throw new CdsRequestException(
            503, "too many unexpired tokens to remember; retry shortly", retryAfter(1));
      }
    }
    seen.put(key, until);
  }

  private static Map<String, String> retryAfter(int seconds) {
    return Map.of("Retry-After", Integer.toString(seconds));
  }

  private static CdsRequestException unauthorized(String reason) {
    return new CdsRequestException(
        401,
        "client token refused: " + reason,
        Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
  }
}
