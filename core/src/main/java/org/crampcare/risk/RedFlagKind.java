package org.crampcare.risk;

import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Coding;

/** A warning sign that a cramp may be something else (knowledge base B6). */
public enum RedFlagKind implements Coded {
  /** Calf or lower-leg swelling or redness: possible deep vein thrombosis. Urgent. */
  POSSIBLE_DEEP_VEIN_THROMBOSIS(
      "possible-deep-vein-thrombosis", "Possible deep vein thrombosis", true),
  /**
   * Weakness or dark urine in a statin user, or creatine kinase far above range: possible
   * rhabdomyolysis. Urgent.
   */
  POSSIBLE_RHABDOMYOLYSIS("possible-rhabdomyolysis", "Possible rhabdomyolysis", true),
  /** Muscle wasting or fasciculations: possible neuromuscular disease. */
  POSSIBLE_NEUROMUSCULAR_DISEASE(
      "possible-neuromuscular-disease", "Possible neuromuscular disease", false),
  /** Numbness, tingling or weakness. */
  NEUROLOGICAL_SIGNS("neurological-signs", "Numbness or weakness", false),
  /** Pain on walking that eases with rest: possible claudication. */
  POSSIBLE_CLAUDICATION("possible-claudication", "Possible claudication", false);

  private final String code;
  private final String display;
  private final boolean urgent;

  RedFlagKind(String code, String display, boolean urgent) {
    this.code = code;
    this.display = display;
    this.urgent = urgent;
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns the human-readable display. */
  public String display() {
    return display;
  }

  /** Returns whether the red flag needs urgent medical review rather than a routine visit. */
  public boolean urgent() {
    return urgent;
  }

  /** Returns the local coding in {@link CodeSystems#CRAMPCARE_FINDING}. */
  public Coding coding() {
    return new Coding(CodeSystems.CRAMPCARE_FINDING, code, display);
  }
}
