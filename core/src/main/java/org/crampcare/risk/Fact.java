package org.crampcare.risk;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * One patient fact that contributed to a finding, for example "potassium 3.1 mmol/L on 2026-11-02,
 * below 3.5 (lab range 3.5-5.1)".
 *
 * @param kind what kind of input the fact comes from
 * @param sourceId the id of the input item (episode, lab, condition, medication or patient), when
 *     the fact comes from one; the FHIR adapter turns it into a reference
 * @param text a clinician-facing description
 */
public record Fact(FactKind kind, Optional<String> sourceId, String text) {

  /** Checks that the text is not blank. */
  public Fact {
    checkArgument(!text.isBlank(), "fact.text must not be blank");
  }

  /** Returns a fact about an input item. */
  public static Fact about(FactKind kind, String sourceId, String text) {
    return new Fact(kind, Optional.of(sourceId), text);
  }

  /** Returns a fact with no source item (lifestyle, pattern or absence). */
  public static Fact derived(FactKind kind, String text) {
    return new Fact(kind, Optional.empty(), text);
  }
}
