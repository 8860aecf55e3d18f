package org.crampcare.patient;

import java.util.Optional;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Coding;
import org.jspecify.annotations.Nullable;

/**
 * A condition that bears on cramps or on the safety of advice, with its SNOMED CT code from the
 * knowledge base (A7 and E).
 */
public enum ConditionKind implements Coded {
  /** Diabetes mellitus (73211009). */
  DIABETES("diabetes", "73211009", "Diabetes mellitus"),
  /** Neuropathy (386033004); reduced sensation makes heat unsafe. */
  NEUROPATHY("neuropathy", "386033004", "Neuropathy"),
  /** Hypothyroidism (40930008). */
  HYPOTHYROIDISM("hypothyroidism", "40930008", "Hypothyroidism"),
  /** Chronic kidney disease (709044004), with a stage when known. */
  CHRONIC_KIDNEY_DISEASE("chronic-kidney-disease", "709044004", "Chronic kidney disease"),
  /** Dependence on dialysis. No SNOMED CT code is verified in the knowledge base. */
  DIALYSIS("dialysis", null, null),
  /** Heart failure (84114007). */
  HEART_FAILURE("heart-failure", "84114007", "Heart failure"),
  /** Peripheral arterial occlusive disease (399957001). */
  PERIPHERAL_ARTERY_DISEASE(
      "peripheral-artery-disease", "399957001", "Peripheral arterial occlusive disease"),
  /** Rheumatoid arthritis (69896004). */
  RHEUMATOID_ARTHRITIS("rheumatoid-arthritis", "69896004", "Rheumatoid arthritis"),
  /** Carpal tunnel syndrome (57406009). */
  CARPAL_TUNNEL_SYNDROME("carpal-tunnel-syndrome", "57406009", "Carpal tunnel syndrome"),
  /** Cirrhosis of liver (19943007). */
  CIRRHOSIS("cirrhosis", "19943007", "Cirrhosis of liver"),
  /** Alcohol misuse (15167005 Alcohol abuse). */
  ALCOHOL_MISUSE("alcohol-misuse", "15167005", "Alcohol abuse"),
  /**
   * Deep venous thrombosis of lower extremity (404223003), known and active: a contraindication to
   * massage and heat, and a reason for clinical follow-up.
   */
  DEEP_VEIN_THROMBOSIS(
      "deep-vein-thrombosis", "404223003", "Deep venous thrombosis of lower extremity");

  private final String code;
  private final String display;
  private final @Nullable Coding snomed;

  ConditionKind(String code, @Nullable String snomedCode, @Nullable String display) {
    this.code = code;
    this.display = display == null ? "Dependence on dialysis" : display;
    this.snomed =
        snomedCode == null ? null : new Coding(CodeSystems.SNOMED_CT, snomedCode, this.display);
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns the human-readable display. */
  public String display() {
    return display;
  }

  /** Returns the SNOMED CT code, where the knowledge base verifies one. */
  public Optional<Coding> snomed() {
    return Optional.ofNullable(snomed);
  }
}
