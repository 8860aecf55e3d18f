package org.crampcare.patient;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * An active condition of the patient.
 *
 * @param id a stable identifier (a FHIR resource id, for example)
 * @param kind which condition
 * @param ckdStage the chronic kidney disease stage, 1 to 5; only for {@link
 *     ConditionKind#CHRONIC_KIDNEY_DISEASE}
 */
public record Condition(String id, ConditionKind kind, Optional<Integer> ckdStage) {

  /** Checks the id and that a stage is given only for kidney disease and lies in 1-5. */
  public Condition {
    checkArgument(!id.isBlank(), "condition.id must not be blank");
    if (ckdStage.isPresent()) {
      checkArgument(
          kind == ConditionKind.CHRONIC_KIDNEY_DISEASE,
          "condition %s: ckdStage is only allowed for chronic-kidney-disease, got %s for %s",
          id,
          ckdStage.get(),
          kind.code());
      checkArgument(
          ckdStage.get() >= 1 && ckdStage.get() <= 5,
          "condition %s: ckdStage must be between 1 and 5, got %s",
          id,
          ckdStage.get());
    }
  }

  /** Returns a condition without a stage. */
  public static Condition of(String id, ConditionKind kind) {
    return new Condition(id, kind, Optional.empty());
  }

  /** Returns chronic kidney disease at the given stage. */
  public static Condition ckd(String id, int stage) {
    return new Condition(id, ConditionKind.CHRONIC_KIDNEY_DISEASE, Optional.of(stage));
  }
}
