/**
 * Patterns in an episode history over a window: frequency, share at night, dominant site and side,
 * severity trend and the longest episode.
 */
@NullMarked
package org.crampcare.pattern;

import org.jspecify.annotations.NullMarked;
