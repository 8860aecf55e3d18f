/**
 * CrampCare core: the cramp model and the explainable, safety-aware recommendation engine, in plain
 * Java with no FHIR. Start with {@link org.crampcare.recommendation.Assessor}.
 */
@NullMarked
package org.crampcare;

import org.jspecify.annotations.NullMarked;
