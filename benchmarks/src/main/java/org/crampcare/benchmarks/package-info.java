/** JMH benchmarks of CrampCare. */
@NullMarked
package org.crampcare.benchmarks;

import org.jspecify.annotations.NullMarked;
