package org.crampcare.fhir;

import ca.uhn.fhir.context.FhirContext;

/** Shared, expensive test objects of the outbound tests: one FHIR context for all. */
final class OutboundTestSupport {
  /** The one R4 context of the outbound tests. */
  static final FhirContext CTX = FhirContext.forR4();

  private OutboundTestSupport() {}
}
