/**
 * Cramp episodes: where, which side, when, how long, how bad, in what setting, with which
 * associated signs, and what relief was tried.
 */
@NullMarked
package org.crampcare.episode;

import org.jspecify.annotations.NullMarked;
