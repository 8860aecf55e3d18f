package org.crampcare.recommendation;

import org.crampcare.risk.FactKind;

/**
 * An input item that was not used as evidence, and why; nothing is silently dropped.
 *
 * @param kind what kind of item
 * @param sourceId its id
 * @param reason why it was not used, for example "older than P12M: not current evidence"
 */
public record UnusedInput(FactKind kind, String sourceId, String reason) {}
