package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.crampcare.risk.Fact;

/**
 * A recommendation that a rule would have made but a safety rule removed, and why.
 *
 * @param code the suppressed recommendation code
 * @param ruleId the suppressing rule
 * @param ruleVersion its version
 * @param reason why, for example "Fluid advice is suppressed in heart failure: ..."
 * @param evidence the suppressing rule's evidence
 * @param facts the facts that made the suppressing rule fire
 * @param replacedBy the recommendation put in its place, if any
 */
public record Suppression(
    String code,
    String ruleId,
    int ruleVersion,
    String reason,
    Evidence evidence,
    List<Fact> facts,
    Optional<String> replacedBy) {

  /** Copies the facts. */
  public Suppression {
    facts = ImmutableList.copyOf(facts);
  }
}
