/**
 * The explainable, safety-aware recommendation engine: a rule book of data-driven rules (each with
 * an id, version, criterion, rationale and evidence), the {@link
 * org.crampcare.recommendation.Assessor} that applies it, and the {@link
 * org.crampcare.recommendation.Assessment} it returns.
 */
@NullMarked
package org.crampcare.recommendation;

import org.jspecify.annotations.NullMarked;
