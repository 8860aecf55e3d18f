package org.crampcare.risk;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * A red flag with the facts that raised it.
 *
 * @param kind which red flag
 * @param facts the facts, never empty
 */
public record RedFlag(RedFlagKind kind, List<Fact> facts) {

  /** Copies the facts and checks there is at least one. */
  public RedFlag {
    facts = ImmutableList.copyOf(facts);
    if (facts.isEmpty()) {
      throw new IllegalArgumentException("redFlag " + kind.code() + " must have a fact");
    }
  }
}
