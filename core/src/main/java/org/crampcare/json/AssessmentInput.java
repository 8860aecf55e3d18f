package org.crampcare.json;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.patient.PatientContext;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;

/**
 * A request to assess one patient: the JSON document {@code {"schema":
 * "crampcare/assessment-input/1", "asOf": ..., "patient": {...}, "episodes": [...]}}.
 *
 * @param asOf the assessment time ("now")
 * @param patient the patient
 * @param episodes the episode history, in the order given
 */
public record AssessmentInput(Instant asOf, PatientContext patient, List<CrampEpisode> episodes) {

  /**
   * Copies the episodes and checks what the assessor would reject: repeated episode ids, an episode
   * after {@code asOf}, a birth date after the date of {@code asOf} (UTC).
   */
  public AssessmentInput {
    episodes = ImmutableList.copyOf(episodes);
    Set<String> ids = new HashSet<>();
    for (CrampEpisode episode : episodes) {
      checkArgument(
          ids.add(episode.id()), "episodes: id '%s' appears more than once", episode.id());
      checkArgument(
          !episode.onset().isAfter(asOf),
          "episode %s: onset %s is after asOf %s",
          episode.id(),
          episode.onset(),
          asOf);
    }
    LocalDate asOfDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    checkArgument(
        !patient.birthDate().isAfter(asOfDate),
        "patient.birthDate %s is after the date of asOf %s",
        patient.birthDate(),
        asOfDate);
  }

  /**
   * Assesses this input.
   *
   * @param assessor the assessor, for example {@link Assessor#withBuiltInRules()}
   * @return the assessment of {@link #patient} and {@link #episodes} at {@link #asOf}
   */
  public Assessment assess(Assessor assessor) {
    return assessor.assess(patient, episodes, asOf);
  }
}
