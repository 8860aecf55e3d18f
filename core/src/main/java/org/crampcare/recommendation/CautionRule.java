package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Attaches caution {@code caution} to recommendation {@code code} when {@code when} holds.
 *
 * @param id stable id
 * @param version version
 * @param code the recommendation code the caution applies to
 * @param caution the caution code in {@code https://crampcare.org/fhir/CodeSystem/caution}
 * @param when the condition
 * @param rationale clinician-facing rationale
 * @param evidence the evidence
 */
public record CautionRule(
    String id,
    int version,
    String code,
    String caution,
    Criterion when,
    String rationale,
    Evidence evidence)
    implements Rule {

  /** Checks id, version, caution and rationale. */
  public CautionRule {
    checkArgument(!id.isBlank(), "rule.id must not be blank");
    checkArgument(version >= 1, "rule %s: version must be at least 1, got %s", id, version);
    checkArgument(!caution.isBlank(), "rule %s: caution must not be blank", id);
    checkArgument(!rationale.isBlank(), "rule %s: rationale must not be blank", id);
  }
}
