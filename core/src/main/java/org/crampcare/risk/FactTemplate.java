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
  /** More episodes a week than the "frequent" threshold: per week, window in days, threshold. */
  FREQUENT("frequent", "{0} episodes a week over the last {1} days, above {2}"),
  /** Fluid intake below the threshold: litres a day, threshold. */
  LOW_FLUID_INTAKE("low-fluid-intake", "fluid intake {0} L a day, below {1} L"),
  /** Alcohol above the threshold: units a week, threshold. */
  ALCOHOL_INTAKE("alcohol-intake", "alcohol {0} units a week, above {1}"),
  /** Strenuous exercise or a recent increase, as reported. */
  STRENUOUS_EXERCISE("strenuous-exercise", "strenuous exercise or a recent increase"),
  /** Little or no exercise, as reported. */
  LITTLE_EXERCISE("little-exercise", "little or no exercise"),
  /** Sitting at least the threshold: hours a day, threshold. */
  SITTING("sitting", "sitting {0} hours a day, at least {1}"),
  /** Repetitive hand work at least the threshold: hours a day, threshold. */
  REPETITIVE_HAND_WORK(
      "repetitive-hand-work", "repetitive hand work {0} hours a day, at least {1}"),
  /** Often exposed to cold, as reported. */
  COLD_EXPOSURE("cold-exposure", "often exposed to cold"),
  /** No current result of an analyte: analyte, lab age limit. */
  NO_CURRENT_RESULT("no-current-result", "no current {0} result (within {1})"),
  /**
   * A lab result below the lab's own range: analyte, value (a decimal, or text with its censoring
   * sign such as {@code <0.5}), unit, date, the low bound, the range.
   */
  LAB_BELOW_LAB_RANGE("lab-below-lab-range", "{0} {1} {2} on {3}, below {4} (lab range {5})"),
  /** A lab result below the documented adult default range: as {@link #LAB_BELOW_LAB_RANGE}. */
  LAB_BELOW_DEFAULT_RANGE(
      "lab-below-default-range", "{0} {1} {2} on {3}, below {4} (adult default range {5})"),
  /** A lab result above the lab's own range: analyte, value, unit, date, the high bound, range. */
  LAB_ABOVE_LAB_RANGE("lab-above-lab-range", "{0} {1} {2} on {3}, above {4} (lab range {5})"),
  /** A lab result above the documented adult default range: as {@link #LAB_ABOVE_LAB_RANGE}. */
  LAB_ABOVE_DEFAULT_RANGE(
      "lab-above-default-range", "{0} {1} {2} on {3}, above {4} (adult default range {5})"),
  /** A lab result within the lab's own range: analyte, value, unit, date, range. */
  LAB_WITHIN_LAB_RANGE("lab-within-lab-range", "{0} {1} {2} on {3}, within range (lab range {4})"),
  /** A lab result within the documented adult default range: analyte, value, unit, date, range. */
  LAB_WITHIN_DEFAULT_RANGE(
      "lab-within-default-range", "{0} {1} {2} on {3}, within range (adult default range {4})"),
  /** A lab result with no numeric range but the lab's flag: analyte, value, unit, date, flag. */
  LAB_FLAGGED("lab-flagged", "{0} {1} {2} on {3}, flagged {4} by the lab (no numeric range)"),
  /** A lab result with no reference range known: analyte, value, unit, date. */
  LAB_NO_RANGE("lab-no-range", "{0} {1} {2} on {3}, no reference range known");

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
