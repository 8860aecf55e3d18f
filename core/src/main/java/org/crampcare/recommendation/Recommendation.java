package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.crampcare.risk.Fact;

/**
 * One recommendation, with everything needed to explain it.
 *
 * @param code the stable code, for example {@code stretch-affected-muscle}
 * @param category the category
 * @param priority how soon to act
 * @param patientText the patient-facing text, in the rule book's language
 * @param triggers why: every rule that recommended it, with its rationale, evidence and facts;
 *     never empty
 * @param cautions cautions attached to it
 */
public record Recommendation(
    String code,
    Category category,
    Priority priority,
    String patientText,
    List<Trigger> triggers,
    List<Caution> cautions) {

  /** Copies the lists and checks there is at least one trigger. */
  public Recommendation {
    triggers = ImmutableList.copyOf(triggers);
    cautions = ImmutableList.copyOf(cautions);
    if (triggers.isEmpty()) {
      throw new IllegalArgumentException("recommendation " + code + " must have a trigger");
    }
  }

  /** Returns the ids of the rules that recommended it, in firing order. */
  public ImmutableList<String> ruleIds() {
    return triggers.stream().map(Trigger::ruleId).collect(ImmutableList.toImmutableList());
  }

  /** Returns the clinician-facing rationale: the triggers' rationales joined. */
  public String rationale() {
    return triggers.stream().map(Trigger::rationale).distinct().collect(Collectors.joining(" "));
  }

  /** Returns the distinct evidence of the triggers, in firing order. */
  public ImmutableList<Evidence> evidence() {
    Set<Evidence> evidence = new LinkedHashSet<>();
    triggers.forEach(t -> evidence.add(t.evidence()));
    return ImmutableList.copyOf(evidence);
  }

  /** Returns the distinct facts of the triggers, in firing order. */
  public ImmutableList<Fact> facts() {
    Set<Fact> facts = new LinkedHashSet<>();
    triggers.forEach(t -> facts.addAll(t.facts()));
    return ImmutableList.copyOf(facts);
  }

  /** Returns whether a caution with the given code is attached. */
  public boolean hasCaution(String cautionCode) {
    return cautions.stream().anyMatch(c -> c.code().equals(cautionCode));
  }
}
