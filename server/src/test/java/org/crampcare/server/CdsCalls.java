package org.crampcare.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/** Builds CDS Hooks calls for tests and the load generator. */
final class CdsCalls {
  static final ObjectMapper JSON = new ObjectMapper();

  private CdsCalls() {}

  /** Reads a test fixture Bundle from the classpath. */
  static Bundle bundle(FhirContext ctx, String resource) {
    try (InputStream in = CdsCalls.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + resource + " is missing");
      }
      return (Bundle)
          ctx.newJsonParser().parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a patient-view call without prefetch or FHIR server. */
  static ObjectNode call(String patientId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("hook", "patient-view");
    body.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
    ObjectNode context = body.putObject("context");
    context.put("userId", "Practitioner/example");
    context.put("patientId", patientId);
    return body;
  }

  /** Adds the prefetch an EHR would send: the service's templates run against its FHIR server. */
  static ObjectNode withPrefetch(
      FhirContext ctx,
      ObjectNode body,
      InProcessFhirServer fhir,
      Optional<String> token,
      String patientId) {
    IGenericClient client = ctx.newRestfulGenericClient(fhir.baseUrl());
    token.ifPresent(t -> client.registerInterceptor(new BearerTokenAuthInterceptor(t)));
    ObjectNode prefetch = body.putObject("prefetch");
    for (Map.Entry<String, String> t : PatientRecord.PREFETCH.entrySet()) {
      String query = t.getValue().replace("{{context.patientId}}", patientId);
      IBaseResource result =
          t.getKey().equals("patient")
              ? client.read().resource("Patient").withId(patientId).execute()
              : client.search().byUrl(query).returnBundle(Bundle.class).execute();
      try {
        prefetch.set(t.getKey(), JSON.readTree(ctx.newJsonParser().encodeResourceToString(result)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return body;
  }
}
