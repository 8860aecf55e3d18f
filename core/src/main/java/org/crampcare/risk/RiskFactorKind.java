package org.crampcare.risk;

import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Coding;

/** A risk factor for cramps, or a fact that changes which advice is safe. */
public enum RiskFactorKind implements Coded {
  /** Current potassium below range. */
  LOW_POTASSIUM("low-potassium", "Low potassium"),
  /** Current sodium below range. */
  LOW_SODIUM("low-sodium", "Low sodium"),
  /** Current total or ionized calcium below range. */
  LOW_CALCIUM("low-calcium", "Low calcium"),
  /** Current magnesium below range. */
  LOW_MAGNESIUM("low-magnesium", "Low magnesium"),
  /** Current creatine kinase above range. */
  ELEVATED_CREATINE_KINASE("elevated-creatine-kinase", "Elevated creatine kinase"),
  /** Current TSH above range (possible hypothyroidism). */
  HIGH_TSH("high-tsh", "High TSH"),
  /** Current HbA1c above range. */
  HIGH_HBA1C("high-hba1c", "High HbA1c"),
  /** Current 25-OH vitamin D below range. */
  LOW_VITAMIN_D("low-vitamin-d", "Low vitamin D"),
  /** Diabetes. */
  DIABETES("diabetes", "Diabetes"),
  /** Neuropathy. */
  NEUROPATHY("neuropathy", "Neuropathy"),
  /** Hypothyroidism. */
  HYPOTHYROIDISM("hypothyroidism", "Hypothyroidism"),
  /** Chronic kidney disease at any stage. */
  CHRONIC_KIDNEY_DISEASE("chronic-kidney-disease", "Chronic kidney disease"),
  /** Stage 4-5 kidney disease, dialysis, or a current eGFR below the threshold (default 30). */
  ADVANCED_KIDNEY_DISEASE("advanced-kidney-disease", "Advanced kidney disease"),
  /** Dialysis. */
  DIALYSIS("dialysis", "Dialysis"),
  /** Heart failure. */
  HEART_FAILURE("heart-failure", "Heart failure"),
  /** Peripheral artery disease. */
  PERIPHERAL_ARTERY_DISEASE("peripheral-artery-disease", "Peripheral artery disease"),
  /** Rheumatoid arthritis. */
  RHEUMATOID_ARTHRITIS("rheumatoid-arthritis", "Rheumatoid arthritis"),
  /** Carpal tunnel syndrome. */
  CARPAL_TUNNEL_SYNDROME("carpal-tunnel-syndrome", "Carpal tunnel syndrome"),
  /** Cirrhosis. */
  CIRRHOSIS("cirrhosis", "Cirrhosis"),
  /** Alcohol misuse (a recorded condition). */
  ALCOHOL_MISUSE("alcohol-misuse", "Alcohol misuse"),
  /** Pregnancy. */
  PREGNANCY("pregnancy", "Pregnancy"),
  /** One or more medications associated with cramps. */
  CRAMP_ASSOCIATED_MEDICATION("cramp-associated-medication", "Cramp-associated medication"),
  /** Taking quinine (FDA: not for cramps). */
  QUININE_USE("quinine-use", "Taking quinine"),
  /** Taking a magnesium supplement. */
  MAGNESIUM_SUPPLEMENT_USE("magnesium-supplement-use", "Taking a magnesium supplement"),
  /** Daily fluid intake below the threshold. */
  LOW_FLUID_INTAKE("low-fluid-intake", "Low fluid intake"),
  /** Alcohol intake above the threshold. */
  ALCOHOL_INTAKE("alcohol-intake", "Alcohol intake"),
  /** Strenuous exercise, a recent increase, or cramps during or after exercise. */
  OVERUSE("overuse", "Muscle overuse"),
  /** Little or no exercise. */
  INACTIVITY("inactivity", "Inactivity"),
  /** Long hours sitting, or cramps after prolonged sitting. */
  PROLONGED_SITTING("prolonged-sitting", "Prolonged sitting"),
  /** Long hours of repetitive hand work, or cramps during a repetitive task. */
  REPETITIVE_HAND_WORK("repetitive-hand-work", "Repetitive hand work"),
  /** Exposure to cold. */
  COLD_EXPOSURE("cold-exposure", "Cold exposure");

  private final String code;
  private final String display;

  RiskFactorKind(String code, String display) {
    this.code = code;
    this.display = display;
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns the human-readable display. */
  public String display() {
    return display;
  }

  /** Returns the local coding in {@link CodeSystems#CRAMPCARE_FINDING}. */
  public Coding coding() {
    return new Coding(CodeSystems.CRAMPCARE_FINDING, code, display);
  }
}
