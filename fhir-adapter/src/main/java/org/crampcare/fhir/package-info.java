/** FHIR R4 mapping of the CrampCare model with HAPI FHIR. */
@NullMarked
package org.crampcare.fhir;

import org.jspecify.annotations.NullMarked;
