package org.crampcare.episode;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Instant;
import java.util.Optional;

/**
 * A sign recorded on its own, not as part of a cramp episode: an examination finding, a problem
 * list entry, a flowsheet row. A red-flag sign belongs to the patient whatever record or day it was
 * written with, so the assessor weighs every finding in the assessment window (and every ongoing
 * one) as it weighs the signs of an episode.
 *
 * @param id the identifier of the record it came from (a FHIR resource id, for example)
 * @param sign the sign
 * @param site where it was found, when the record says
 * @param recorded when it was observed or began, when known
 * @param ongoing whether the record says it is still present (an active condition): it then counts
 *     whatever its date
 */
public record SignFinding(
    String id,
    AssociatedSign sign,
    Optional<BodySite> site,
    Optional<Instant> recorded,
    boolean ongoing) {

  /** Checks that the finding can be placed in time: it has a date or is ongoing. */
  public SignFinding {
    checkArgument(!id.isBlank(), "finding.id must not be blank");
    checkArgument(
        ongoing || recorded.isPresent(),
        "finding %s: needs a recorded time or to be ongoing; got neither",
        id);
  }

  /** Returns a finding observed at the given time. */
  public static SignFinding observed(String id, AssociatedSign sign, Instant when) {
    return new SignFinding(id, sign, Optional.empty(), Optional.of(when), false);
  }

  /** Returns this finding with the site where it was found. */
  public SignFinding at(BodySite site) {
    return new SignFinding(id, sign, Optional.of(site), recorded, ongoing);
  }

  /**
   * Returns whether the finding counts in the window from {@code start} to {@code end}, both
   * inclusive: it is ongoing, or it was recorded in the window.
   */
  public boolean inWindow(Instant start, Instant end) {
    if (ongoing) {
      return recorded.map(r -> !r.isAfter(end)).orElse(true);
    }
    Instant when = recorded.orElseThrow();
    return !when.isBefore(start) && !when.isAfter(end);
  }
}
