package org.crampcare.episode;

import java.util.Optional;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Coding;
import org.jspecify.annotations.Nullable;

/**
 * A sign or symptom that accompanies a cramp. Each has a local code in {@link
 * CodeSystems#CRAMPCARE_SIGN} and, where the knowledge base verifies one, a SNOMED CT finding.
 */
public enum AssociatedSign implements Coded {
  /** Muscle weakness (SNOMED 26544005). */
  MUSCLE_WEAKNESS("muscle-weakness", "Muscle weakness", "26544005", "Muscle weakness"),
  /** Muscle wasting (SNOMED 88092000 Muscle atrophy). */
  MUSCLE_WASTING("muscle-wasting", "Muscle wasting", "88092000", "Muscle atrophy"),
  /** Twitching or fasciculations (SNOMED 82470000). */
  FASCICULATIONS(
      "fasciculations", "Twitching (fasciculations)", "82470000", "Muscle fasciculation"),
  /** Swelling of the limb (SNOMED 80068009). */
  SWELLING("swelling", "Swelling", "80068009", "Swelling of limb"),
  /** Redness or warmth of the skin (SNOMED 247441003 Erythema). */
  REDNESS_WARMTH("redness-warmth", "Redness or warmth", "247441003", "Erythema"),
  /**
   * Numbness or tingling. No site-independent code is verified; hand-specific findings (309521004,
   * 309086004) are accepted inbound.
   */
  NUMBNESS_TINGLING("numbness-tingling", "Numbness or tingling", null, null),
  /** Dark (cola-coloured) urine. No verified SNOMED CT code (knowledge base A1). */
  DARK_URINE("dark-urine", "Dark urine", null, null),
  /** Pain on walking that eases with rest (SNOMED 63491006 Intermittent claudication). */
  PAIN_ON_WALKING_EASES_WITH_REST(
      "pain-on-walking-eases-with-rest",
      "Pain on walking that eases with rest",
      "63491006",
      "Intermittent claudication");

  private final String code;
  private final String display;
  private final @Nullable Coding snomed;

  AssociatedSign(
      String code, String display, @Nullable String snomedCode, @Nullable String snomedDisplay) {
    this.code = code;
    this.display = display;
    this.snomed =
        snomedCode == null || snomedDisplay == null
            ? null
            : new Coding(CodeSystems.SNOMED_CT, snomedCode, snomedDisplay);
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns the human-readable display. */
  public String display() {
    return display;
  }

  /** Returns the local coding in {@link CodeSystems#CRAMPCARE_SIGN}. */
  public Coding coding() {
    return new Coding(CodeSystems.CRAMPCARE_SIGN, code, display);
  }

  /** Returns the SNOMED CT finding, where the knowledge base verifies one. */
  public Optional<Coding> snomed() {
    return Optional.ofNullable(snomed);
  }
}
