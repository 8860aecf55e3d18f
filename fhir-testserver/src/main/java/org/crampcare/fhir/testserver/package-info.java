/**
 * A real FHIR R4 REST server in the same process, for tests and demos: {@link
 * org.crampcare.fhir.testserver.InProcessFhirServer}, HAPI's {@code RestfulServer} over an
 * in-memory store that really implements search, {@code _include}, paging and all-or-nothing
 * transactions.
 *
 * <p>Not for production: nothing is persisted, there is no history, and access control is one
 * optional bearer token. Depend on it in test scope. It binds to the loopback interface unless told
 * otherwise and logs no resource content.
 */
@NullMarked
package org.crampcare.fhir.testserver;

import org.jspecify.annotations.NullMarked;
