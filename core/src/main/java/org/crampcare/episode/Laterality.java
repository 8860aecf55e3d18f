package org.crampcare.episode;

import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Coding;

/**
 * Which side a cramp is on. SNOMED CT qualifiers from knowledge base A3; the R4 "Unilateral
 * left/right" codes are avoided (reported inactive).
 */
public enum Laterality implements Coded {
  /** Left (qualifier value). */
  LEFT("left", "7771000", "Left"),
  /** Right (qualifier value). */
  RIGHT("right", "24028007", "Right"),
  /** Right and left (qualifier value). */
  BOTH("both", "51440002", "Right and left");

  private final String code;
  private final Coding snomed;

  Laterality(String code, String snomedCode, String display) {
    this.code = code;
    this.snomed = new Coding(CodeSystems.SNOMED_CT, snomedCode, display);
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns the SNOMED CT laterality qualifier. */
  public Coding snomed() {
    return snomed;
  }
}
