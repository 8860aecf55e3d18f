package org.crampcare.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's configuration file: read, applied, and refused with every problem named. */
class CdsConfigTest {
  static final FhirContext CTX = FhirContext.forR4Cached();

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void aConfiguration_isAppliedToTheServer_andItsIssuersTokensAreAccepted() throws Exception {
    try (TestEhr ehr = TestEhr.start()) {
      write("ehr-jwks.json", new JWKSet(ehr.key().toPublicJWK()).toString());
      Path file =
          write(
              "cds.json",
              "{\"schema\":\"crampcare/cds-config/1\","
                  + "\"issuers\":[{\"iss\":\""
                  + TestEhr.ISSUER
                  + "\",\"jwksFile\":\"ehr-jwks.json\"}],"
                  + "\"fhirServers\":[\"https://ehr.example.org/fhir\"],"
                  + "\"allowedOrigins\":[\"https://ehr.example.org\"],"
                  + "\"requireTokenForDiscovery\":false,"
                  + "\"limits\":{\"maxRequestBytes\":1000,\"queueTimeout\":\"PT5S\"}}");

      CdsConfig config = CdsConfig.read(file);

      assertThat(config.fhirServers())
          .containsExactly(AllowedFhirServer.of("https://ehr.example.org/fhir"));
      try (CdsHooksServer server = config.applyTo(CdsHooksServer.builder(CTX)).start()) {
        HttpClient http = HttpClient.newHttpClient();
        String url = server.servicesUrl() + "/crampcare-patient-view";
        HttpResponse<String> discovery =
            http.send(
                HttpRequest.newBuilder(URI.create(server.servicesUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> tooBig =
            http.send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + ehr.token(url))
                    .POST(
                        HttpRequest.BodyPublishers.ofString("{\"x\":\"" + "y".repeat(2000) + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(tooBig.statusCode()).isEqualTo(413);
      }
    }
  }

  @Test
  void aBadConfiguration_isRefused_withEveryProblemNamed() throws IOException {
    Path file =
        write(
            "bad.json",
            "{\"schema\":\"crampcare/cds-config/9\",\"issuers\":[{\"iss\":\"\",\"jwksUrl\":\"ftp://x\"}],"
                + "\"fhirServers\":[\"file:///etc\"],\"limits\":{\"queueTimeout\":\"soon\",\"maxRequestBytes\":-1},"
                + "\"colour\":\"red\"}");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> CdsConfig.read(file))
        .withMessageContaining("has 7 problem(s)")
        .withMessageContaining("$.colour: is not a known field")
        .withMessageContaining(
            "$.schema: \"crampcare/cds-config/9\" is not supported; expected 'crampcare/cds-config/1'")
        .withMessageContaining("$.issuers[0].iss: \"\" is not allowed; expected the EHR's iss")
        .withMessageContaining(
            "$.issuers[0].jwksUrl: \"ftp://x\" is not allowed; expected an http(s) URL")
        .withMessageContaining("$.fhirServers[0]: 'file:///etc' is not allowed")
        .withMessageContaining(
            "$.limits.maxRequestBytes: -1 is not allowed; expected a positive integer")
        .withMessageContaining("$.limits.queueTimeout: \"soon\" is not allowed");
  }
}
