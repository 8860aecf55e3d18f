package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.function.Consumer;
import org.crampcare.risk.Fact;
import org.jspecify.annotations.Nullable;

/**
 * Collects the facts of a rule in the order they come, each once. A rule names a few dozen facts at
 * most, so a repeat is found by scanning the hashes seen so far, which allocates nothing, rather
 * than by a hash set, which allocates an entry per fact.
 *
 * <p>Not thread-safe: one per assessment at a time, {@link #clear() cleared} between rules.
 */
final class FactCollector implements Consumer<Fact> {
  private static final Fact[] NO_FACTS = {};
  private static final int[] NO_HASHES = {};
  // Made on the first fact: a risk factor's collector usually holds one or two.
  private Fact[] facts = NO_FACTS;
  private int[] hashes = NO_HASHES;
  private int size;
  // The facts before this index have their hash in hashes and in the filter.
  private int hashed;
  private int offered;
  // A 256-bit filter of the hashes in: a fact whose bit is clear is new without a scan, so a rule
  // that names fifty distinct episodes costs fifty checks, not twelve hundred.
  private long filter0;
  private long filter1;
  private long filter2;
  private long filter3;
  private @Nullable Consumer<Fact> appender;

  /** Returns an empty collector that makes its arrays on the first fact. */
  FactCollector() {}

  /** Returns an empty collector with room for {@code capacity} facts before it grows. */
  FactCollector(int capacity) {
    facts = new Fact[capacity];
    hashes = new int[capacity];
  }

  /** Adds the fact unless an equal one is already in. */
  @Override
  public void accept(Fact fact) {
    offered++;
    hashAppended();
    int hash = fact.hashCode();
    if (mark(hash)) {
      for (int i = 0; i < size; i++) {
        if (hashes[i] == hash && facts[i].equals(fact)) {
          return;
        }
      }
    }
    add(fact, hash);
  }

  /** Sets the hash's bit in the filter; returns whether it was set already. */
  private boolean mark(int hash) {
    int bit = (hash ^ (hash >>> 8) ^ (hash >>> 16)) & 255;
    long mask = 1L << bit;
    long word;
    switch (bit >>> 6) {
      case 0:
        word = filter0;
        filter0 |= mask;
        break;
      case 1:
        word = filter1;
        filter1 |= mask;
        break;
      case 2:
        word = filter2;
        filter2 |= mask;
        break;
      default:
        word = filter3;
        filter3 |= mask;
        break;
    }
    return (word & mask) != 0;
  }

  private void add(Fact fact, int hash) {
    if (size == facts.length) {
      grow();
    }
    facts[size] = fact;
    hashes[size] = hash;
    size++;
    hashed = size;
  }

  private void grow() {
    int capacity = Math.max(2, size * 2);
    facts = Arrays.copyOf(facts, capacity);
    hashes = Arrays.copyOf(hashes, capacity);
  }

  /** Returns a consumer that appends facts known to be new, without looking for repeats. */
  Consumer<Fact> appender() {
    Consumer<Fact> a = appender;
    if (a == null) {
      a = this::append;
      appender = a;
    }
    return a;
  }

  private void append(Fact fact) {
    offered++;
    if (size == facts.length) {
      grow();
    }
    facts[size++] = fact;
  }

  /**
   * Hashes the facts appended without a search, so that a search can follow: a rule made only of
   * distinct facts never hashes them (a fact's hash reads its source's id, scattered in memory).
   */
  private void hashAppended() {
    for (; hashed < size; hashed++) {
      int hash = facts[hashed].hashCode();
      hashes[hashed] = hash;
      mark(hash);
    }
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
    // The facts past size stay referenced until overwritten: a collector lives one assessment.
    size = 0;
    hashed = 0;
    offered = 0;
    filter0 = 0;
    filter1 = 0;
    filter2 = 0;
    filter3 = 0;
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
