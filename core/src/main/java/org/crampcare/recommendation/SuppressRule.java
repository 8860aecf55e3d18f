package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * Suppresses {@code code} when {@code when} holds, and records why; optionally recommends {@code
 * replacement} in its place with the suppressed recommendation's facts and this rule's.
 *
 * @param id stable id
 * @param version version
 * @param code the recommendation code to suppress
 * @param when the condition
 * @param rationale why it is suppressed; recorded in the assessment
 * @param evidence the evidence
 * @param replacement the code to recommend instead, if any
 * @param replacementTextKey the text key for the replacement; usually its code
 */
public record SuppressRule(
    String id,
    int version,
    String code,
    Criterion when,
    String rationale,
    Evidence evidence,
    Optional<String> replacement,
    Optional<String> replacementTextKey)
    implements Rule {

  /** Checks id, version and rationale. */
  public SuppressRule {
    checkArgument(!id.isBlank(), "rule.id must not be blank");
    checkArgument(version >= 1, "rule %s: version must be at least 1, got %s", id, version);
    checkArgument(!rationale.isBlank(), "rule %s: rationale must not be blank", id);
  }

  /** Returns a rule without a replacement. */
  public static SuppressRule of(
      String id, String code, Criterion when, String rationale, Evidence evidence) {
    return new SuppressRule(
        id, 1, code, when, rationale, evidence, Optional.empty(), Optional.empty());
  }

  /** Returns a rule that puts {@code replacement} in place of the suppressed code. */
  public static SuppressRule replacing(
      String id,
      String code,
      String replacement,
      Criterion when,
      String rationale,
      Evidence evidence) {
    return new SuppressRule(
        id, 1, code, when, rationale, evidence, Optional.of(replacement), Optional.of(replacement));
  }
}
