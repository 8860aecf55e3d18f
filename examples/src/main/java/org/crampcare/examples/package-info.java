/**
 * Runnable example programs and the sample patients shipped with CrampCare.
 *
 * <p>Each example is a small {@code main} class with a test that runs it: {@link
 * org.crampcare.examples.PlainJavaExample} (the Java API), {@link
 * org.crampcare.examples.FhirBundleExample} (a FHIR Bundle in, the result Bundle out), {@link
 * org.crampcare.examples.EhrRoundTripExample} (sync against an in-process FHIR server) and {@link
 * org.crampcare.examples.CdsHooksExample} (the CDS Hooks service and a call to it). The sample
 * patients are listed in {@link org.crampcare.examples.SamplePatient}.
 */
@NullMarked
package org.crampcare.examples;

import org.jspecify.annotations.NullMarked;
