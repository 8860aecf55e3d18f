/**
 * Risk factors and red flags derived from the patient context and the episodes, each with the facts
 * that led to it, and the thresholds that govern them.
 */
@NullMarked
package org.crampcare.risk;

import org.jspecify.annotations.NullMarked;
