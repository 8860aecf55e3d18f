package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Recommends {@code code} when {@code when} holds.
 *
 * @param id stable id
 * @param version version
 * @param code the recommendation code
 * @param when the condition
 * @param rationale clinician-facing rationale
 * @param evidence the evidence
 * @param textKey the key of the patient-facing text in the {@link TextCatalog}; usually the code,
 *     or a variant such as {@code clinician-visit.maternity}
 */
public record RecommendRule(
    String id,
    int version,
    String code,
    Criterion when,
    String rationale,
    Evidence evidence,
    String textKey)
    implements Rule {

  /** Checks id, version and rationale. */
  public RecommendRule {
    checkArgument(!id.isBlank(), "rule.id must not be blank");
    checkArgument(version >= 1, "rule %s: version must be at least 1, got %s", id, version);
    checkArgument(!rationale.isBlank(), "rule %s: rationale must not be blank", id);
  }

  /** Returns a rule whose text key is its code. */
  public static RecommendRule of(
      String id, String code, Criterion when, String rationale, Evidence evidence) {
    return new RecommendRule(id, 1, code, when, rationale, evidence, code);
  }
}
