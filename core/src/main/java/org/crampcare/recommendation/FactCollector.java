package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.function.Consumer;
import org.crampcare.risk.Fact;

/**
 * Collects the facts of a rule in the order they come, each once. A rule names a few dozen facts at
 * most, so a repeat is found by scanning the hashes seen so far, which allocates nothing, rather
 * than by a hash set, which allocates an entry per fact.
 *
 * <p>Not thread-safe: one per assessment at a time, {@link #clear() cleared} between rules.
 */
final class FactCollector implements Consumer<Fact> {
  private Fact[] facts = new Fact[4];
  private int[] hashes = new int[4];
  private int size;
  private int offered;

  /** Adds the fact unless an equal one is already in. */
  @Override
  public void accept(Fact fact) {
    offered++;
    int hash = fact.hashCode();
    for (int i = 0; i < size; i++) {
      if (hashes[i] == hash && facts[i].equals(fact)) {
        return;
      }
    }
    if (size == facts.length) {
      facts = Arrays.copyOf(facts, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    facts[size] = fact;
    hashes[size] = hash;
    size++;
  }

  /** Adds each fact unless an equal one is already in. */
  void addAll(Iterable<Fact> more) {
    for (Fact fact : more) {
      accept(fact);
    }
  }

  /** Returns how many facts were offered so far, repeats included. */
  int offered() {
    return offered;
  }

  /** Empties the collector for the next rule, keeping its arrays. */
  void clear() {
    Arrays.fill(facts, 0, size, null);
    size = 0;
    offered = 0;
  }

  /** Returns the facts collected, in order. */
  ImmutableList<Fact> toList() {
    switch (size) {
      case 0:
        return ImmutableList.of();
      case 1:
        return ImmutableList.of(facts[0]);
      default:
        // A builder of the exact size hands its array to the list without copying it again.
        ImmutableList.Builder<Fact> list = ImmutableList.builderWithExpectedSize(size);
        for (int i = 0; i < size; i++) {
          list.add(facts[i]);
        }
        return list.build();
    }
  }
}
