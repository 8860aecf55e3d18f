package org.crampcare.episode;

import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Coding;

/**
 * Something a person tried to relieve a cramp. Local codes in {@link CodeSystems#CRAMPCARE_RELIEF}.
 */
public enum ReliefMeasure implements Coded {
  /** Stretching the cramping muscle. */
  STRETCHING("stretching", "Stretching"),
  /** Massaging the cramping muscle. */
  MASSAGE("massage", "Massage"),
  /** Applying heat. */
  HEAT("heat", "Heat"),
  /** Walking or moving about. */
  WALKING("walking", "Walking or moving about"),
  /** Drinking fluids. */
  FLUIDS("fluids", "Drinking fluids"),
  /** Anything else. */
  OTHER("other", "Other measure");

  private final String code;
  private final String display;

  ReliefMeasure(String code, String display) {
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

  /** Returns the local coding in {@link CodeSystems#CRAMPCARE_RELIEF}. */
  public Coding coding() {
    return new Coding(CodeSystems.CRAMPCARE_RELIEF, code, display);
  }
}
