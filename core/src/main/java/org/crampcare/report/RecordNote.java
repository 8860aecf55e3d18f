package org.crampcare.report;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Something in the patient's record that could not be used, and why, as the importer reported it.
 *
 * @param source the record it is about, for example {@code Observation/42}, or "record" for the
 *     record as a whole
 * @param text what could not be used and why
 */
public record RecordNote(String source, String text) {
  /** Checks that neither part is blank. */
  public RecordNote {
    checkArgument(!source.isBlank(), "recordNote.source must not be blank");
    checkArgument(!text.isBlank(), "recordNote.text must not be blank (source %s)", source);
  }
}
