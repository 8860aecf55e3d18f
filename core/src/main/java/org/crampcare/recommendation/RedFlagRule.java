package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayDeque;
import java.util.Deque;
import org.crampcare.risk.RedFlagKind;

/**
 * Raises red flag {@code raises} when {@code when} holds; the red flag's facts are the criterion's.
 * Red-flag rules run before every other rule, so recommendation, suppression and caution rules can
 * test red flags; a red-flag rule cannot test one itself. When several rules raise the same red
 * flag, their facts are joined in rule order.
 *
 * @param id stable id
 * @param version version
 * @param raises the red flag raised
 * @param when the condition; no {@link Criterion.RedFlagRaised} inside
 * @param rationale clinician-facing rationale
 * @param evidence the evidence
 */
public record RedFlagRule(
    String id, int version, RedFlagKind raises, Criterion when, String rationale, Evidence evidence)
    implements Rule {

  /** Checks id, version, rationale, and that the criterion does not test red flags. */
  public RedFlagRule {
    checkArgument(!id.isBlank(), "rule.id must not be blank");
    checkArgument(version >= 1, "rule %s: version must be at least 1, got %s", id, version);
    checkArgument(!rationale.isBlank(), "rule %s: rationale must not be blank", id);
    checkArgument(
        !testsRedFlags(when),
        "rule %s: a red-flag rule cannot test red flags (they are what it raises)",
        id);
  }

  /** Returns the code of the red flag raised. */
  @Override
  public String code() {
    return raises.code();
  }

  private static boolean testsRedFlags(Criterion criterion) {
    Deque<Criterion> open = new ArrayDeque<>();
    open.push(criterion);
    while (!open.isEmpty()) {
      Criterion c = open.pop();
      if (c instanceof Criterion.RedFlagRaised) {
        return true;
      } else if (c instanceof Criterion.AllOf) {
        ((Criterion.AllOf) c).criteria().forEach(open::push);
      } else if (c instanceof Criterion.AnyOf) {
        ((Criterion.AnyOf) c).criteria().forEach(open::push);
      } else if (c instanceof Criterion.Not) {
        open.push(((Criterion.Not) c).criterion());
      }
    }
    return false;
  }
}
