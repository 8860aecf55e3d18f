package org.crampcare.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A CDS client for a demo on one machine: an EC P-384 key pair made at start and kept in memory,
 * its public JWK Set in a temporary file the service trusts, and ES384 tokens signed with it. Never
 * for production: whoever can reach {@link #tokenServlet()} can call the service.
 */
public final class LocalDemoIssuer {
  /** The {@code iss} of the demo tokens. */
  public static final String ISSUER = "urn:crampcare:local-demo";

  private final ECKey key;
  private final Path jwksFile;

  private LocalDemoIssuer(ECKey key, Path jwksFile) {
    this.key = key;
    this.jwksFile = jwksFile;
  }

  /** Makes a new key pair and writes its public JWK Set to a temporary file (deleted on exit). */
  public static LocalDemoIssuer create() {
    try {
      ECKey key =
          new ECKeyGenerator(Curve.P_384).keyID("local-demo-" + UUID.randomUUID()).generate();
      Path file = Files.createTempFile("crampcare-demo-jwks", ".json");
      file.toFile().deleteOnExit();
      Files.writeString(file, new JWKSet(key.toPublicJWK()).toString(), StandardCharsets.UTF_8);
      return new LocalDemoIssuer(key, file);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make the demo key pair", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo JWK Set", e);
    }
  }

  /** The trust entry for the service: this issuer, keys from the temporary JWK Set file. */
  public TrustedIssuer trust() {
    return TrustedIssuer.withJwksFile(ISSUER, jwksFile);
  }

  /** Returns a token for one call to the endpoint URL, valid for five minutes. */
  public String token(String endpoint) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject("local-demo")
            .audience(endpoint)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a demo token", e);
    }
  }

  /**
   * A servlet that answers {@code GET ?aud=URL} with a fresh token for that endpoint, as text.
   * Mount it only on a loopback-bound demo server.
   */
  public HttpServlet tokenServlet() {
    return new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        String aud = request.getParameter("aud");
        response.setContentType("text/plain;charset=UTF-8");
        if (aud == null || !(aud.startsWith("http://") || aud.startsWith("https://"))) {
          response.setStatus(400);
          response.getWriter().println("give ?aud= the URL of the endpoint to call");
          return;
        }
        response.getWriter().print(token(aud));
      }
    };
  }
}
