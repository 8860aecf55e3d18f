package org.crampcare.risk;

import org.crampcare.terminology.Coded;

/**
 * What a structured {@link Fact} says, as a sentence with numbered slots for its values: the
 * English text of each is the default, and a text catalog may translate it under {@code
 * fact.<code>}. {@link #TEXT} is a fact given only as text (one value, the text itself).
 */
public enum FactTemplate implements Coded {
  /** A fact given as text only: {@code {0}}. */
  TEXT("text", "{0}"),
  /** The patient is pregnant. */
  PREGNANT("pregnant", "pregnant"),
  /** An episode with its severity: site, onset, severity. */
  EPISODE_SEVERITY("episode-severity", "{0} cramp on {1}, severity {2}/10"),
  /** An episode whose severity is not recorded: site, onset. */
  EPISODE_NO_SEVERITY("episode-no-severity", "{0} cramp on {1}, severity not recorded"),
  /** An episode with some of the signs asked about: site, onset, the signs it had. */
  EPISODE_SIGNS("episode-signs", "{0} cramp on {1} with {2}"),
  /** An episode in a setting: site, setting, onset. */
  EPISODE_SETTING("episode-setting", "{0} cramp {1} on {2}"),
  /** An episode in a setting that is a risk factor: setting, onset. */
  SETTING_RISK("setting-risk", "cramp {0} on {1}"),
  /** An episode that disturbed sleep or daily life: site, onset, the impacts. */
  EPISODE_IMPACTS("episode-impacts", "{0} cramp on {1}: {2}"),
  /** The number of episodes in the window: count, window in days. */
  EPISODE_COUNT("episode-count", "{0} episode(s) in the last {1} days"),
  /** A condition: its kind. */
  CONDITION("condition", "{0}"),
  /** Chronic kidney disease with its stage: kind, stage. */
  CONDITION_STAGE("condition-stage", "{0}, stage {1}"),
  /** A medication: name, class. */
  MEDICATION("medication", "{0} ({1})"),
  /** No current result of an analyte: analyte, lab age limit. */
  NO_CURRENT_RESULT("no-current-result", "no current {0} result (within {1})");

  private final String code;
  private final String english;

  FactTemplate(String code, String english) {
    this.code = code;
    this.english = english;
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns the English sentence, with slots {@code {0}}, {@code {1}}... */
  public String english() {
    return english;
  }
}
