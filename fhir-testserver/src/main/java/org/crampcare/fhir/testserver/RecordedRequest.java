package org.crampcare.fhir.testserver;

import java.util.Optional;

/**
 * A request the {@link InProcessFhirServer} received, for tests that check what a client sent.
 *
 * @param method the HTTP method
 * @param path the path and the URL-decoded query below the server's base URL, for example {@code
 *     Observation?patient=p1&_include=Observation:subject}
 * @param authorization the {@code Authorization} header, if any
 */
public record RecordedRequest(String method, String path, Optional<String> authorization) {}
