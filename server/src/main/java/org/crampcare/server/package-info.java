/**
 * CrampCare on the wire: a CDS Hooks 2.0 service.
 *
 * <ul>
 *   <li>{@link org.crampcare.server.CdsHooksServlet}: the {@code crampcare-patient-view} service
 *       (discovery, cards, feedback, CORS) as one jakarta servlet to mount anywhere;
 *   <li>{@link org.crampcare.server.CdsHooksServer}: that servlet on its own embedded Jetty 12,
 *       optionally with other servlets on the same port ({@code crampcare serve --with-fhir-server}
 *       mounts the in-process FHIR server of {@code crampcare-fhir-testserver}).
 * </ul>
 *
 * <p>The server binds to the loopback interface unless told otherwise. It logs no patient data.
 */
@NullMarked
package org.crampcare.server;

import org.jspecify.annotations.NullMarked;
