package org.crampcare.recommendation;

import org.crampcare.terminology.Coded;

/**
 * A notice about the assessment as a whole.
 *
 * @param kind which notice
 * @param text human-readable text, in the rule book's language
 */
public record Notice(Notice.Kind kind, String text) {

  /** The notices an assessment can carry. */
  public enum Kind implements Coded {
    /** The patient is under the adult age: no plan was made. */
    ADULTS_ONLY("adults-only"),
    /** No episode in the window: no recommendations were made. */
    NO_RECENT_EPISODES("no-recent-episodes"),
    /** Pregnant: no medication advice; a maternity clinician decides. */
    PREGNANCY("pregnancy");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    @Override
    public String code() {
      return code;
    }
  }
}
