package org.crampcare.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.SignFinding;
import org.crampcare.terminology.CodeSystems;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;

/**
 * Associated signs recorded as separate findings (Observation or Condition) and how they are
 * attached to episodes. Confined to one import call.
 *
 * <p>Every sign record is first a finding of the patient's ({@link SignFinding}): a red-flag sign
 * belongs to the patient whatever record or day it was written with, and the assessor weighs it on
 * its own. For display, it is also attached to episodes: an <b>Observation</b> to every episode
 * whose onset falls on the sign's day (the episode's local day or the UTC day), or whose time
 * overlaps the sign's effectivePeriod; an active <b>Condition</b> to every episode from its onset
 * day up to its abatement, if any (without an onset, to every episode). The site is not compared. A
 * sign on no cramp record's day is noted, never dropped.
 */
final class InboundSigns {
  /** A sign waiting to be attached, with the time span it covers. */
  private record Pending(
      InboundEntry entry,
      AssociatedSign sign,
      boolean condition,
      @Nullable Instant start,
      @Nullable Instant end) {}

  private final List<Pending> pending = new ArrayList<>();

  /** Returns the sign an Observation records: its code, or its value under LOINC 75325-1. */
  static Optional<AssociatedSign> signOf(Observation observation) {
    Optional<AssociatedSign> sign =
        sign(ObservationReader.codes(observation.getCode(), CodeSystems.SNOMED_CT));
    if (sign.isPresent()) {
      return sign;
    }
    if (ObservationReader.hasCode(observation.getCode(), CodeSystems.LOINC, InboundCodes.SYMPTOM)
        && observation.hasValueCodeableConcept()) {
      return sign(
          ObservationReader.codes(observation.getValueCodeableConcept(), CodeSystems.SNOMED_CT));
    }
    return Optional.empty();
  }

  private static Optional<AssociatedSign> sign(List<String> snomedCodes) {
    for (String code : snomedCodes) {
      Optional<InboundCodes.ConditionCode> meaning = InboundCodes.snomed(code);
      if (meaning.isPresent() && meaning.get().meaning() == InboundCodes.Meaning.SIGN) {
        return Optional.ofNullable(meaning.get().sign());
      }
    }
    return Optional.empty();
  }

  /** Reads a sign Observation whose status and subject have been checked. */
  static void readObservation(ImportRun run, InboundEntry entry, Observation observation) {
    AssociatedSign sign = signOf(observation).orElseThrow(() -> new AssertionError(entry.label()));
    if (observation.getValue() instanceof BooleanType
        && Boolean.FALSE.equals(((BooleanType) observation.getValue()).getValue())) {
      run.report.leftOut(
          entry,
          IssueType.INFORMATIONAL,
          "valueBoolean",
          "valueBoolean false: the sign is recorded as absent");
      return;
    }
    Optional<InboundDates.FhirTime> start = EpisodeReader.effectiveStart(observation);
    if (start.isEmpty() || !start.get().atLeastDay()) {
      run.report.notUsed(
          entry,
          IssueType.INCOMPLETE,
          "effective[x]",
          "effective[x] is missing or not precise to the day; cannot tell which episode the sign"
              + " belongs to");
      return;
    }
    Instant end = null;
    if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasEnd()) {
      end =
          InboundDates.read(observation.getEffectivePeriod().getEndElement())
              .map(InboundDates.FhirTime::instant)
              .orElse(null);
    }
    run.signs.pending.add(new Pending(entry, sign, false, start.get().instant(), end));
    run.keyOf(entry)
        .ifPresent(
            id ->
                run.findings.add(
                    new SignFinding(
                        id,
                        sign,
                        findingSite(observation.getBodySite()),
                        Optional.of(start.get().instant()),
                        false)));
    entry.disposition(InboundEntry.Disposition.MAPPED);
  }

  private static Optional<BodySite> findingSite(CodeableConcept bodySite) {
    for (String code : ObservationReader.codes(bodySite, CodeSystems.SNOMED_CT)) {
      Optional<BodySite> site = InboundCodes.bodySite(code.trim());
      if (site.isPresent()) {
        return site;
      }
    }
    return Optional.empty();
  }

  /** Reads a sign Condition whose clinical status and subject have been checked. */
  static void readCondition(
      ImportRun run, InboundEntry entry, Condition condition, AssociatedSign sign) {
    Instant start = null;
    if (condition.hasOnsetDateTimeType()) {
      start =
          InboundDates.read(condition.getOnsetDateTimeType()).map(t -> t.instant()).orElse(null);
    } else if (condition.hasOnsetPeriod()) {
      start =
          InboundDates.read(condition.getOnsetPeriod().getStartElement())
              .map(t -> t.instant())
              .orElse(null);
    }
    Instant end = null;
    if (condition.hasAbatementDateTimeType()) {
      end =
          InboundDates.read(condition.getAbatementDateTimeType())
              .map(t -> t.instant())
              .orElse(null);
    } else if (condition.hasAbatementPeriod()) {
      end =
          InboundDates.read(condition.getAbatementPeriod().getEndElement())
              .map(t -> t.instant())
              .orElse(null);
    }
    run.signs.pending.add(new Pending(entry, sign, true, start, end));
    // An active condition is ongoing; one that has abated counts only if it was in the window.
    boolean ongoing = end == null;
    Optional<Instant> recorded = Optional.ofNullable(start != null ? start : end);
    Optional<BodySite> site =
        condition.hasBodySite() ? findingSite(condition.getBodySiteFirstRep()) : Optional.empty();
    run.keyOf(entry)
        .ifPresent(id -> run.findings.add(new SignFinding(id, sign, site, recorded, ongoing)));
    entry.disposition(InboundEntry.Disposition.MAPPED);
  }

  /** Attaches every pending sign to its episodes and notes those on no cramp record's day. */
  void attach(ImportRun run) {
    List<CrampEpisode> episodes = run.episodes;
    for (Pending sign : pending) {
      boolean used = false;
      for (int i = 0; i < episodes.size(); i++) {
        CrampEpisode episode = episodes.get(i);
        if (belongs(sign, episode)) {
          used = true;
          if (!episode.has(sign.sign())) {
            episodes.set(i, episode.toBuilder().sign(sign.sign()).build());
          }
        }
      }
      if (!used) {
        // Not lost: the sign belongs to the patient (a finding the assessor weighs on its own).
        run.report.note(
            sign.entry(),
            IssueType.INFORMATIONAL,
            sign.condition() ? "onset[x]" : "effective[x]",
            "the sign '"
                + sign.sign().code()
                + "' is on no cramp record's day: weighed as a finding of the patient's");
      }
    }
  }

  private static boolean belongs(Pending sign, CrampEpisode episode) {
    Instant onset = episode.onset();
    if (sign.condition()) {
      boolean afterStart = sign.start() == null || !day(onset).isBefore(day(sign.start()));
      boolean beforeEnd = sign.end() == null || !onset.isAfter(sign.end());
      return afterStart && beforeEnd;
    }
    Instant start = sign.start();
    if (start == null) {
      return false;
    }
    if (day(start).equals(episode.localDate()) || day(start).equals(day(onset))) {
      return true;
    }
    Instant end = sign.end() == null ? start : sign.end();
    Instant episodeEnd = episode.end().orElse(onset);
    return !start.isAfter(episodeEnd) && !end.isBefore(onset);
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
