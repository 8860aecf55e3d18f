/** The CDS Hooks 2.0 service and an in-process FHIR R4 server for tests and demos. */
@NullMarked
package org.crampcare.server;

import org.jspecify.annotations.NullMarked;
