package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.crampcare.risk.Fact;

/**
 * Why a recommendation was made: the rule that fired and the facts that made it fire.
 *
 * @param ruleId the rule's id
 * @param ruleVersion the rule's version
 * @param rationale the rule's clinician-facing rationale
 * @param evidence the rule's evidence
 * @param facts the facts that satisfied the rule's criterion
 */
public record Trigger(
    String ruleId, int ruleVersion, String rationale, Evidence evidence, List<Fact> facts) {

  /** Copies the facts. */
  public Trigger {
    facts = ImmutableList.copyOf(facts);
  }
}
