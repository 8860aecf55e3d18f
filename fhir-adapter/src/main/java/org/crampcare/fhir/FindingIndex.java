package org.crampcare.fhir;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import org.crampcare.risk.Fact;
import org.hl7.fhir.r4.model.Reference;

/** Which findings (RiskAssessments in the bundle) rest on each fact. Immutable. */
final class FindingIndex {
  private final ImmutableListMultimap<Fact, Reference> byFact;

  private FindingIndex(ImmutableListMultimap<Fact, Reference> byFact) {
    this.byFact = byFact;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Returns references to the findings that rest on a fact, in finding order. */
  ImmutableList<Reference> of(Fact fact) {
    return byFact.get(fact);
  }

  static final class Builder {
    private final ImmutableListMultimap.Builder<Fact, Reference> byFact =
        ImmutableListMultimap.builder();

    void add(Fact fact, String findingUrl, String display) {
      byFact.put(fact, new Reference(findingUrl).setDisplay(display));
    }

    FindingIndex build() {
      return new FindingIndex(byFact.build());
    }
  }
}
