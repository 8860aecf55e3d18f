package org.crampcare.episode;

import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Coding;

/**
 * The circumstances in which a cramp happened. No verified standard codes exist for these
 * (knowledge base A7, last paragraph), so they are local codes in {@link
 * CodeSystems#CRAMPCARE_SETTING}.
 */
public enum Setting implements Coded {
  /** At rest, awake. */
  AT_REST("at-rest", "At rest"),
  /** During sleep (nocturnal). */
  DURING_SLEEP("during-sleep", "During sleep"),
  /** During exercise. */
  DURING_EXERCISE("during-exercise", "During exercise"),
  /** After exercise. */
  AFTER_EXERCISE("after-exercise", "After exercise"),
  /** During a repetitive task such as typing or texting. */
  REPETITIVE_TASK("repetitive-task", "During a repetitive task such as typing or texting"),
  /** After prolonged sitting. */
  AFTER_PROLONGED_SITTING("after-prolonged-sitting", "After prolonged sitting"),
  /** On exposure to cold. */
  COLD_EXPOSURE("cold-exposure", "Cold exposure");

  private final String code;
  private final String display;

  Setting(String code, String display) {
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

  /** Returns the local coding in {@link CodeSystems#CRAMPCARE_SETTING}. */
  public Coding coding() {
    return new Coding(CodeSystems.CRAMPCARE_SETTING, code, display);
  }

  /** Returns whether the setting is exertional (during or after exercise). */
  public boolean isExertional() {
    return this == DURING_EXERCISE || this == AFTER_EXERCISE;
  }
}
