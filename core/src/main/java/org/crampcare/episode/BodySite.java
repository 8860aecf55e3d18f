package org.crampcare.episode;

import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Coding;

/**
 * Where a cramp is felt, with its SNOMED CT body structure (knowledge base A3, preferred terms from
 * the eHDSI body-site value set, SNOMED CT International 2025-02-01).
 */
public enum BodySite implements Coded {
  /** Hand structure. */
  HAND("hand", "85562004", "Hand structure", Region.HAND),
  /** Finger structure. */
  FINGER("finger", "7569003", "Finger structure", Region.HAND),
  /** Thumb structure. */
  THUMB("thumb", "76505004", "Thumb structure", Region.HAND),
  /** Wrist region structure. */
  WRIST("wrist", "8205005", "Wrist region structure", Region.HAND),
  /** Forearm structure. */
  FOREARM("forearm", "14975008", "Forearm structure", Region.ARM),
  /** Upper arm structure. */
  UPPER_ARM("upper-arm", "40983000", "Upper arm structure", Region.ARM),
  /** Foot structure. */
  FOOT("foot", "56459004", "Foot structure", Region.LEG),
  /** Toe structure. */
  TOE("toe", "29707007", "Toe structure", Region.LEG),
  /** Structure of calf of leg (posterior lower leg). */
  CALF("calf", "53840002", "Structure of calf of leg", Region.LEG),
  /** Lower leg structure. */
  LOWER_LEG("lower-leg", "30021000", "Lower leg structure", Region.LEG),
  /** Thigh structure. */
  THIGH("thigh", "68367000", "Thigh structure", Region.LEG),
  /** Abdomen (818983003; not the probably inactive 113345001, knowledge base problem 3). */
  ABDOMEN("abdomen", "818983003", "Abdomen", Region.TRUNK),
  /** Neck structure. */
  NECK("neck", "45048000", "Neck structure", Region.TRUNK),
  /** Structure of back of trunk. */
  BACK("back", "77568009", "Structure of back of trunk", Region.TRUNK);

  /** Coarse anatomical regions used by rules. */
  public enum Region {
    /** Hand, fingers, thumb and wrist. */
    HAND,
    /** Forearm and upper arm. */
    ARM,
    /** Thigh down to the toes. */
    LEG,
    /** Abdomen, neck and back. */
    TRUNK
  }

  private final String code;
  private final Coding snomed;
  private final Region region;

  BodySite(String code, String snomedCode, String display, Region region) {
    this.code = code;
    this.snomed = new Coding(CodeSystems.SNOMED_CT, snomedCode, display);
    this.region = region;
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns the SNOMED CT body structure. */
  public Coding snomed() {
    return snomed;
  }

  /** Returns the coarse region this site belongs to. */
  public Region region() {
    return region;
  }

  /** Returns whether the site is on a limb, where a side (left, right, both) applies. */
  public boolean hasSide() {
    return region != Region.TRUNK;
  }

  /** Returns whether the site is the calf or the lower leg, where swelling can mean thrombosis. */
  public boolean isCalfOrLowerLeg() {
    return this == CALF || this == LOWER_LEG;
  }
}
