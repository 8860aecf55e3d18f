package org.crampcare.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A CDS client as an EHR runs one for tests: its own EC P-384 key pair, its public JWK Set served
 * over real HTTP on loopback, and tokens signed with ES384 as CDS Hooks 2.0 asks.
 */
final class TestEhr implements AutoCloseable {
  static final String ISSUER = "https://ehr.test.example";

  private final ECKey key;
  private final @Nullable RSAKey rsa;
  private final HttpServer jwks;
  private final AtomicInteger jwksFetches = new AtomicInteger();

  private TestEhr(ECKey key, @Nullable RSAKey rsa, HttpServer jwks) {
    this.key = key;
    this.rsa = rsa;
    this.jwks = jwks;
  }

  /** Makes an EC P-384 key pair (tokens signed ES384) and serves its public half. */
  static TestEhr start() {
    return start(false);
  }

  /**
   * Makes the key pairs and serves their public halves; with {@code rs384}, tokens are signed with
   * an RSA 2048 key (RS384) instead, as many EHRs do.
   */
  static TestEhr start(boolean rs384) {
    try {
      ECKey key = new ECKeyGenerator(Curve.P_384).keyID("ehr-key-1").generate();
      RSAKey rsaKey = rs384 ? new RSAKeyGenerator(2048).keyID("ehr-rsa-1").generate() : null;
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      TestEhr ehr = new TestEhr(key, rsaKey, server);
      JWKSet set =
          rsaKey == null
              ? new JWKSet(key.toPublicJWK())
              : new JWKSet(java.util.List.of(key.toPublicJWK(), rsaKey.toPublicJWK()));
      byte[] body = set.toString().getBytes(StandardCharsets.UTF_8);
      server.createContext(
          "/jwks.json",
          exchange -> {
            ehr.jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return ehr;
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL of the public JWK Set. */
  URI jwksUrl() {
    return URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
  }

  /** How often the JWK Set was fetched. */
  int jwksFetches() {
    return jwksFetches.get();
  }

  /** The trust entry a service configures for this EHR. */
  TrustedIssuer trust() {
    return TrustedIssuer.withJwksUrl(ISSUER, jwksUrl());
  }

  /** The private key, for tests that sign something else with it. */
  ECKey key() {
    return key;
  }

  /** A valid token for a call to the endpoint URL. */
  String token(String endpoint) {
    return token(endpoint, h -> h, c -> c);
  }

  /** A token for the endpoint with its header and claims changed by the test. */
  String token(
      String endpoint,
      UnaryOperator<JWSHeader.Builder> header,
      UnaryOperator<JWTClaimsSet.Builder> claims) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder c =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("cds-client")
            .audience(endpoint)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .jwtID(UUID.randomUUID().toString());
    JWSHeader.Builder h =
        rsa == null
            ? new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID())
            : new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(rsa.getKeyID());
    try {
      SignedJWT jwt = new SignedJWT(header.apply(h).build(), claims.apply(c).build());
      jwt.sign(rsa == null ? new ECDSASigner(key) : new RSASSASigner(rsa));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    jwks.stop(0);
  }
}
