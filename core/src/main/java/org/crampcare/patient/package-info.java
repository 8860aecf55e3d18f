/**
 * The patient: age, sex, pregnancy, conditions, medications by class, laboratory results and
 * lifestyle.
 */
@NullMarked
package org.crampcare.patient;

import org.jspecify.annotations.NullMarked;
