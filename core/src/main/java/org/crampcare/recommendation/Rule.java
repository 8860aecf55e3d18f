package org.crampcare.recommendation;

/**
 * A rule of the rule book: data with a stable id, a version, a criterion, a rationale and its
 * evidence. Four kinds: {@link RedFlagRule} raises a red flag, {@link RecommendRule} adds a
 * recommendation, {@link SuppressRule} removes one (and may put another in its place), {@link
 * CautionRule} attaches a caution to one.
 */
public sealed interface Rule permits RedFlagRule, RecommendRule, SuppressRule, CautionRule {

  /** Returns the stable id, unique within a rule book. */
  String id();

  /** Returns the version; bump it when the rule's meaning changes. */
  int version();

  /** Returns the code the rule acts on: a recommendation's, or the red flag's it raises. */
  String code();

  /** Returns the condition under which the rule fires. */
  Criterion when();

  /** Returns the clinician-facing rationale. */
  String rationale();

  /** Returns the evidence. */
  Evidence evidence();
}
