package org.crampcare.patient;

import com.google.common.collect.ImmutableList;
import org.crampcare.terminology.Coded;

/**
 * A class of medication that bears on cramps, with its ATC prefixes (knowledge base A5) and the
 * source that links it to cramps.
 */
public enum MedicationClass implements Coded {
  /** Loop (high-ceiling) diuretics, ATC C03C. */
  LOOP_DIURETIC("loop-diuretic", "loop diuretic", true, "NICE CKS Leg cramps", "C03C"),
  /** Thiazide and thiazide-like diuretics, ATC C03A and C03BA. */
  THIAZIDE_DIURETIC(
      "thiazide-diuretic", "thiazide diuretic", true, "NICE CKS Leg cramps", "C03A", "C03BA"),
  /** Statins (HMG CoA reductase inhibitors), ATC C10AA. */
  STATIN("statin", "statin", true, "BNSSG muscle cramps pathway; Mayo Clinic", "C10AA"),
  /** Laxatives (drugs for constipation), ATC A06A. Consumer source only. */
  LAXATIVE(
      "laxative",
      "laxative",
      true,
      "consumer source only (fluid and electrolyte loss); no guideline found",
      "A06A"),
  /** Selective beta-2 agonists, inhaled (R03AC) or systemic (R03CC). */
  BETA2_AGONIST(
      "beta2-agonist",
      "beta-2 agonist",
      true,
      "NICE CKS Leg cramps (salbutamol)",
      "R03AC",
      "R03CC"),
  /** Dihydropyridine calcium channel blockers, ATC C08CA. */
  DIHYDROPYRIDINE_CCB(
      "dihydropyridine-ccb",
      "dihydropyridine calcium channel blocker",
      true,
      "NICE CKS Leg cramps (nifedipine)",
      "C08CA"),
  /** Raloxifene, ATC G03XC01. */
  RALOXIFENE("raloxifene", "raloxifene", true, "Allen and Kirby, AFP 2012", "G03XC01"),
  /** Conjugated estrogens, ATC G03CA57. */
  CONJUGATED_ESTROGENS(
      "conjugated-estrogens", "conjugated estrogens", true, "Allen and Kirby, AFP 2012", "G03CA57"),
  /** Teriparatide, ATC H05AA02. */
  TERIPARATIDE("teriparatide", "teriparatide", true, "Allen and Kirby, AFP 2012", "H05AA02"),
  /** Naproxen, ATC M01AE02. */
  NAPROXEN("naproxen", "naproxen", true, "Allen and Kirby, AFP 2012", "M01AE02"),
  /** Intravenous iron (iron sucrose), ATC B03AC. */
  IV_IRON("iv-iron", "intravenous iron", true, "Allen and Kirby, AFP 2012", "B03AC"),
  /**
   * Magnesium supplements, ATC A12CC. Not cramp-associated; relevant to persistence and kidneys.
   */
  MAGNESIUM_SUPPLEMENT("magnesium-supplement", "magnesium supplement", false, "", "A12CC"),
  /** Quinine, ATC P01BC01. Not to be used for cramps (FDA boxed warning). */
  QUININE("quinine", "quinine", false, "", "P01BC01");

  private final String code;
  private final String display;
  private final boolean crampAssociated;
  private final String source;
  private final ImmutableList<String> atcPrefixes;

  MedicationClass(
      String code, String display, boolean crampAssociated, String source, String... atcPrefixes) {
    this.code = code;
    this.display = display;
    this.crampAssociated = crampAssociated;
    this.source = source;
    this.atcPrefixes = ImmutableList.copyOf(atcPrefixes);
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns the lower-case name used in texts. */
  public String display() {
    return display;
  }

  /** Returns whether the evidence associates this class with cramps. */
  public boolean crampAssociated() {
    return crampAssociated;
  }

  /** Returns the source that associates the class with cramps; empty when it is not associated. */
  public String source() {
    return source;
  }

  /** Returns the ATC code prefixes of this class. */
  public ImmutableList<String> atcPrefixes() {
    return atcPrefixes;
  }
}
