package org.crampcare.patient;

import org.crampcare.terminology.Coded;

/** The patient's exercise habits. */
public enum ExerciseHabit implements Coded {
  /** Not known. */
  UNKNOWN("unknown"),
  /** Little or no exercise (inactivity). */
  SEDENTARY("sedentary"),
  /** Regular, moderate exercise. */
  REGULAR("regular"),
  /** Strenuous exercise or a recent sharp increase (overuse). */
  STRENUOUS_OR_RECENT_INCREASE("strenuous-or-recent-increase");

  private final String code;

  ExerciseHabit(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
