package org.crampcare.risk;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A risk factor with the facts that led to it.
 *
 * @param kind which risk factor
 * @param facts the facts, never empty
 */
public record RiskFactor(RiskFactorKind kind, List<Fact> facts) {

  /** Copies the facts and checks there is at least one. */
  public RiskFactor {
    facts = ImmutableList.copyOf(facts);
    if (facts.isEmpty()) {
      throw new IllegalArgumentException("riskFactor " + kind.code() + " must have a fact");
    }
  }
}
