package org.crampcare.episode;

import org.crampcare.terminology.Coded;

/** How an episode disturbed the person's life; disturbing cramps warrant a clinician visit. */
public enum Impact implements Coded {
  /** The cramp woke the person or kept them from sleeping. */
  DISTURBED_SLEEP("disturbed-sleep", "Disturbed sleep"),
  /** The cramp stopped or limited daily activities. */
  LIMITED_DAILY_ACTIVITIES("limited-daily-activities", "Limited daily activities");

  private final String code;
  private final String display;

  Impact(String code, String display) {
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
}
