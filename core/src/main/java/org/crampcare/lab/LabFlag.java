package org.crampcare.lab;

import java.util.Optional;
import org.crampcare.terminology.Coded;

/**
 * The reporting lab's own judgement of a result (HL7 v3 ObservationInterpretation). Used when the
 * result has no numeric range; a disagreement with the range is reported by the importer.
 */
public enum LabFlag implements Coded {
  /** Low ({@code L}). */
  LOW("L", Interpretation.LOW, false),
  /** Critically low ({@code LL}). */
  CRITICAL_LOW("LL", Interpretation.LOW, true),
  /** High ({@code H}). */
  HIGH("H", Interpretation.HIGH, false),
  /** Critically high ({@code HH}). */
  CRITICAL_HIGH("HH", Interpretation.HIGH, true),
  /** Abnormal, direction not given ({@code A}). */
  ABNORMAL("A", Interpretation.UNKNOWN, false),
  /** Critically abnormal, direction not given ({@code AA}). */
  CRITICAL_ABNORMAL("AA", Interpretation.UNKNOWN, true),
  /** Normal ({@code N}). */
  NORMAL("N", Interpretation.NORMAL, false);

  private final String code;
  private final Interpretation interpretation;
  private final boolean critical;

  LabFlag(String code, Interpretation interpretation, boolean critical) {
    this.code = code;
    this.interpretation = interpretation;
    this.critical = critical;
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns what the flag says of the result's place against its range. */
  public Interpretation interpretation() {
    return interpretation;
  }

  /** Returns whether the lab flagged the result as critical (a panic value). */
  public boolean critical() {
    return critical;
  }

  /** Returns the flag with the given v3 code ({@code H}, {@code HH}...), case-sensitive. */
  public static Optional<LabFlag> fromCode(String code) {
    for (LabFlag flag : values()) {
      if (flag.code.equals(code)) {
        return Optional.of(flag);
      }
    }
    return Optional.empty();
  }
}
