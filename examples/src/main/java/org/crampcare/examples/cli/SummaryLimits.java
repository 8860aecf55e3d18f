package org.crampcare.examples.cli;

/**
 * How many items of a long list a terminal summary shows before it says how many more there are: a
 * record with thousands of cramp records or mapping issues still gives a summary a person can read.
 * {@code --verbose} shows all.
 *
 * @param items the most items of one list shown
 */
public record SummaryLimits(int items) {
  /** The items shown of one list unless {@code --verbose} is given. */
  public static final int DEFAULT_ITEMS = 10;

  /** Shows the first {@value #DEFAULT_ITEMS} of each list. */
  public static final SummaryLimits DEFAULT = new SummaryLimits(DEFAULT_ITEMS);

  /** Shows every item. */
  public static final SummaryLimits ALL = new SummaryLimits(Integer.MAX_VALUE);

  /**
   * Checks the limit.
   *
   * @throws IllegalArgumentException if {@code items} is below 1
   */
  public SummaryLimits {
    if (items < 1) {
      throw new IllegalArgumentException("items must be at least 1, got " + items);
    }
  }

  /** Returns the line that stands for the items not shown, or null when all were shown. */
  String more(int total, String what) {
    int hidden = total - Math.min(total, items);
    return hidden == 0 ? null : "... and " + hidden + " more " + what + " (--verbose shows all)";
  }
}
