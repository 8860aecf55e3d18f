package org.crampcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The service trusts only the EHRs it is configured with (CDS Hooks 2.0, "Trusting CDS Clients")
 * and fetches only from the FHIR servers it is told to: real HTTP, real ES384 tokens from a key
 * pair whose JWK Set a real local endpoint serves.
 */
class ClientTrustTest {
  static final FhirContext CTX = FhirContext.forR4Cached();
  static final ObjectMapper JSON = new ObjectMapper();

  static TestEhr ehr;
  static CdsHooksServer cds;
  static HttpClient http;
  static String service;

  @BeforeAll
  static void start() {
    ehr = TestEhr.start();
    cds =
        CdsHooksServer.builder(CTX)
            .trust(ehr.trust())
            .allowFhirServer(AllowedFhirServer.of("https://ehr.example.net/fhir"))
            .maxRequestBytes(64 * 1024)
            .start();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    service = cds.servicesUrl() + "/crampcare-patient-view";
  }

  @AfterAll
  static void stop() {
    cds.close();
    ehr.close();
  }

  static HttpResponse<String> post(String url, Optional<String> token, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
    return send(b.build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String error(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).get("error").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A call that needs no FHIR server: the prefetch says the patient has nothing recorded. */
  static String callWithEmptyPrefetch() {
    ObjectNode body = CdsCalls.call("p1");
    ObjectNode prefetch = body.putObject("prefetch");
    ObjectNode patient = prefetch.putObject("patient");
    patient.put("resourceType", "Patient");
    patient.put("id", "p1");
    patient.put("birthDate", "1960-01-01");
    for (String key : PatientRecord.PREFETCH.keySet()) {
      if (!key.equals("patient")) {
        prefetch.putNull(key);
      }
    }
    return body.toString();
  }

  @Nested
  class Tokens {
    @Test
    void aValidToken_isAccepted() {
      HttpResponse<String> response =
          post(service, Optional.of(ehr.token(service)), callWithEmptyPrefetch());

      assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void noToken_is401_namingWhatIsExpected() {
      HttpResponse<String> response = post(service, Optional.empty(), callWithEmptyPrefetch());

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer error=\"invalid_token\"");
      assertThat(error(response))
          .isEqualTo(
              "client token refused: no Authorization header; expected 'Bearer' and the CDS"
                  + " client's JWT");
    }

    @Test
    void aRefusalBeforeTheBodyIsRead_closesTheConnection_soThatNoClientReusesIt()
        throws IOException {
      // Jetty closes a connection whose request body was left unread; a client that reused it
      // got no response at all on its next call. The refusal now says Connection: close.
      String body = callWithEmptyPrefetch();
      URI uri = URI.create(service);
      try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
        socket.setSoTimeout(5_000);
        String request =
            "POST "
                + uri.getPath()
                + " HTTP/1.1\r\nHost: "
                + uri.getHost()
                + ":"
                + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + "\r\n\r\n"
                + body;
        socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String head =
            new String(
                socket.getInputStream().readNBytes(512),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(head)
            .startsWith("HTTP/1.1 401")
            .containsIgnoringCase("\r\nConnection: close\r\n");
      }
      HttpResponse<String> next =
          post(service, Optional.of(ehr.token(service)), callWithEmptyPrefetch());
      assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredToken_is401() {
      String token =
          ehr.token(
              service,
              h -> h,
              c ->
                  c.issueTime(Date.from(Instant.now().minusSeconds(400)))
                      .expirationTime(Date.from(Instant.now().minusSeconds(100))));

      assertRefused(token, "the token has expired (exp)");
    }

    @Test
    void aTokenForAnotherEndpoint_is401() {
      assertRefused(
          ehr.token(cds.servicesUrl() + "/another-service"),
          "aud is not the URL of the endpoint called (" + service + ")");
    }

    @Test
    void aTokenFromAnUnknownIssuer_is401() {
      assertRefused(
          ehr.token(service, h -> h, c -> c.issuer("https://stranger.example")),
          "iss is not a trusted CDS client");
    }

    @Test
    void aJkuNotOnTheIssuersList_is401_andIsNeverFetched() throws IOException {
      AtomicInteger fetched = new AtomicInteger();
      HttpServer elsewhere =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      elsewhere.createContext(
          "/",
          exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
          });
      elsewhere.start();
      try {
        URI jku = URI.create("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/jwks");
        assertRefused(
            ehr.token(service, h -> h.jwkURL(jku), c -> c),
            "jku is not one of the issuer's allowed JWK Set URLs");
        assertThat(fetched).hasValue(0);
      } finally {
        elsewhere.stop(0);
      }
    }

    @Test
    void algNone_is401() {
      String unsigned = new PlainJWT(claims().build()).serialize();

      assertRefused(
          unsigned, "alg 'none' is refused: the token must be signed with ES384 or RS384");
    }

    @Test
    void hs256WithThePublicKeyAsSecret_is401() throws JOSEException {
      byte[] publicKeyAsSecret =
          ehr.key().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
      SignedJWT forged =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ehr.key().getKeyID()).build(),
              claims().build());
      forged.sign(new MACSigner(publicKeyAsSecret));

      assertRefused(forged.serialize(), "alg 'HS256' is refused; expected ES384 or RS384");
    }

    @Test
    void aReplayedJti_is401_theSecondTime() {
      String token = ehr.token(service);

      assertThat(post(service, Optional.of(token), callWithEmptyPrefetch()).statusCode())
          .isEqualTo(200);
      assertRefused(token, "jti has been used before (replay)");
    }

    @Test
    void aTokenWithoutKid_is401() {
      assertRefused(
          ehr.token(service, h -> h.keyID(null), c -> c), "the token has no 'kid' header");
    }

    @Test
    void aTokenSignedByAnotherKey_is401() {
      TestEhr impostor = TestEhr.start();
      try {
        assertRefused(
            impostor.token(service), "the signature does not verify with the issuer's key");
      } finally {
        impostor.close();
      }
    }

    @Test
    void discovery_needsATokenToo_addressedToTheDiscoveryUrl() {
      HttpResponse<String> without =
          send(HttpRequest.newBuilder(URI.create(cds.servicesUrl())).GET().build());
      HttpResponse<String> with =
          send(
              HttpRequest.newBuilder(URI.create(cds.servicesUrl()))
                  .header("Authorization", "Bearer " + ehr.token(cds.servicesUrl()))
                  .GET()
                  .build());

      assertThat(without.statusCode()).isEqualTo(401);
      assertThat(with.statusCode()).isEqualTo(200);
    }

    @Test
    void theJwkSet_isFetchedThroughTheCache_notPerCall() {
      int before = ehr.jwksFetches();
      for (int i = 0; i < 5; i++) {
        post(service, Optional.of(ehr.token(service)), callWithEmptyPrefetch());
      }

      assertThat(ehr.jwksFetches() - before).isLessThanOrEqualTo(1);
    }

    private JWTClaimsSet.Builder claims() {
      Instant now = Instant.now();
      return new JWTClaimsSet.Builder()
          .issuer(TestEhr.ISSUER)
          .audience(service)
          .issueTime(Date.from(now))
          .expirationTime(Date.from(now.plusSeconds(300)))
          .jwtID(java.util.UUID.randomUUID().toString());
    }

    private void assertRefused(String token, String reason) {
      HttpResponse<String> response = post(service, Optional.of(token), callWithEmptyPrefetch());

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(error(response)).isEqualTo("client token refused: " + reason);
      assertThat(response.body()).doesNotContain(token);
    }
  }

  @Nested
  class FhirServers {
    /** A call that must fetch from the given FHIR server (no prefetch). */
    String callFetchingFrom(String fhirServer) {
      ObjectNode body = CdsCalls.call("p1");
      body.put("fhirServer", fhirServer);
      ObjectNode auth = body.putObject("fhirAuthorization");
      auth.put("access_token", "secret-ehr-token");
      auth.put("token_type", "Bearer");
      auth.put("expires_in", 300);
      auth.put("scope", "patient/*.read");
      auth.put("subject", "cds-service");
      return body.toString();
    }

    @Test
    void aFhirServerNotOnTheList_getsNoConnectionAtAll() throws IOException {
      try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        listener.setSoTimeout(1_000);
        String target = "http://127.0.0.1:" + listener.getLocalPort() + "/fhir";

        HttpResponse<String> response =
            post(service, Optional.of(ehr.token(service)), callFetchingFrom(target));

        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(error(response))
            .isEqualTo("fhirServer " + target + " is not one this service is allowed to call");
        assertThat(accepted(listener)).as("a connection reached the listener").isFalse();
      }
    }

    @Test
    void aFileUrl_isRefused() {
      HttpResponse<String> response =
          post(service, Optional.of(ehr.token(service)), callFetchingFrom("file:///etc/passwd"));

      assertThat(response.statusCode()).isIn(400, 412);
      assertThat(response.body()).doesNotContain("root:");
    }

    @Test
    void aRedirectFromAnAllowedServer_isNotFollowed() throws IOException {
      try (ServerSocket elsewhere = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        elsewhere.setSoTimeout(1_000);
        HttpServer allowed =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        allowed.createContext(
            "/",
            exchange -> {
              exchange
                  .getResponseHeaders()
                  .set("Location", "http://127.0.0.1:" + elsewhere.getLocalPort() + "/steal");
              exchange.sendResponseHeaders(302, -1);
              exchange.close();
            });
        allowed.start();
        String base = "http://127.0.0.1:" + allowed.getAddress().getPort() + "/fhir";
        try (CdsHooksServer redirecting =
            CdsHooksServer.builder(CTX)
                .trust(ehr.trust())
                .allowFhirServer(AllowedFhirServer.of(base))
                .start()) {
          String url = redirecting.servicesUrl() + "/crampcare-patient-view";

          HttpResponse<String> response =
              post(url, Optional.of(ehr.token(url)), callFetchingFrom(base));

          assertThat(response.statusCode()).as(response.body()).isEqualTo(412);
          assertThat(accepted(elsewhere)).as("the redirect was followed").isFalse();
        } finally {
          allowed.stop(0);
        }
      }
    }

    private boolean accepted(ServerSocket listener) throws IOException {
      try {
        listener.accept().close();
        return true;
      } catch (SocketTimeoutException none) {
        return false;
      }
    }
  }

  @Nested
  class Limits {
    @Test
    void aBodyOverTheConfiguredLimit_is413() {
      String big = "{\"hook\":\"patient-view\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";

      HttpResponse<String> response = post(service, Optional.of(ehr.token(service)), big);

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(error(response)).isEqualTo("request body is larger than 65536 bytes");
    }

    @Test
    void aServiceWithoutATrustedClient_doesNotStart() {
      org.assertj.core.api.Assertions.assertThatIllegalStateException()
          .isThrownBy(() -> CdsHooksServer.builder(CTX).start())
          .withMessageStartingWith("no trusted CDS client");
    }

    @Test
    void theAllowList_matchesSchemeHostPortAndWholePathSegments() {
      AllowedFhirServer allowed = AllowedFhirServer.of("https://ehr.example.net/fhir");

      assertThat(allowed.allows(URI.create("https://ehr.example.net/fhir"))).isTrue();
      assertThat(allowed.allows(URI.create("https://EHR.example.net:443/fhir/r4"))).isTrue();
      for (String other :
          List.of(
              "http://ehr.example.net/fhir",
              "https://ehr.example.net:8443/fhir",
              "https://ehr.example.net/fhir-admin",
              "https://ehr.example.net/fhir/../admin",
              "https://user@ehr.example.net/fhir",
              "https://ehr.example.net.evil.com/fhir")) {
        assertThat(allowed.allows(URI.create(other))).as(other).isFalse();
      }
    }
  }
}
