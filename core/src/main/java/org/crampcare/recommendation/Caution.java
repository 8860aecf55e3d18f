package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.crampcare.risk.Fact;

/**
 * A machine-readable caution attached to a recommendation.
 *
 * @param code the caution code, for example {@code caution-burn-risk}
 * @param text patient-facing text
 * @param ruleId the rule that attached it
 * @param facts the facts that made the rule fire
 */
public record Caution(String code, String text, String ruleId, List<Fact> facts) {

  /** Copies the facts. */
  public Caution {
    facts = ImmutableList.copyOf(facts);
  }
}
