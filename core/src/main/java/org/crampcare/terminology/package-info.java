/** Coded concepts (SNOMED CT, LOINC, UCUM, ATC, RxNorm) and the system URIs CrampCare uses. */
@NullMarked
package org.crampcare.terminology;

import org.jspecify.annotations.NullMarked;
