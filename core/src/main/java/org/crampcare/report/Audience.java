package org.crampcare.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.crampcare.terminology.Coded;

/** Who a report is written for. */
public enum Audience implements Coded {
  /**
   * The patient: red flags first in plain words, then the advice with a one-line reason and how
   * strong the evidence is, then what was withheld and why, then charts of their cramps.
   */
  PATIENT("patient"),
  /**
   * A clinician: everything the patient sees, plus rule ids and versions, rationales, evidence
   * citations, the facts with their source records, labs, and what in the record was not usable.
   */
  CLINICIAN("clinician");

  private final String code;

  Audience(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  /**
   * Returns the audience with the given code.
   *
   * @throws IllegalArgumentException naming the code and the known ones
   */
  public static Audience fromCode(String code) {
    for (Audience a : values()) {
      if (a.code.equals(code.toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "audience '"
            + code
            + "' is not known; expected one of "
            + Arrays.stream(values()).map(Audience::code).collect(Collectors.joining(", ")));
  }
}
