package org.crampcare.episode;

/**
 * A relief measure that was tried during an episode, and whether it helped.
 *
 * @param measure what was tried
 * @param helped whether it relieved the cramp
 */
public record ReliefTried(ReliefMeasure measure, boolean helped) {}
