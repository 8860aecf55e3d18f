/**
 * Laboratory results with UCUM units and reference ranges, unit conversion with the knowledge
 * base's factors, and interpretation against the lab's own range or documented adult defaults.
 */
@NullMarked
package org.crampcare.lab;

import org.jspecify.annotations.NullMarked;
