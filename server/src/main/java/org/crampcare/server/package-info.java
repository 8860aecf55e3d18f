/**
 * CrampCare on the wire: a CDS Hooks 2.0 service and an in-process FHIR R4 server for tests and
 * demos.
 *
 * <ul>
 *   <li>{@link org.crampcare.server.CdsHooksServlet}: the {@code crampcare-patient-view} service
 *       (discovery, cards, feedback, CORS) as one jakarta servlet to mount anywhere;
 *   <li>{@link org.crampcare.server.CdsHooksServer}: that servlet on its own embedded Jetty 12,
 *       optionally with an in-process FHIR server on the same port ({@code crampcare serve});
 *   <li>{@link org.crampcare.server.InProcessFhirServer}: HAPI's {@code RestfulServer} over an
 *       in-memory store that really implements search, paging and all-or-nothing transactions.
 * </ul>
 *
 * <p>Both servers bind to the loopback interface unless told otherwise. Neither logs patient data.
 */
@NullMarked
package org.crampcare.server;

import org.jspecify.annotations.NullMarked;
