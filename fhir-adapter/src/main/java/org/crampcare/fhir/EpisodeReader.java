package org.crampcare.fhir;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;
import org.crampcare.terminology.CodeSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Maps cramp-episode Observations. CrampCare's own (profile {@value EpisodeObservations#PROFILE})
 * go through {@link EpisodeObservations#fromObservation}; an EHR's are read liberally:
 *
 * <ul>
 *   <li>the finding is {@code code} LOINC 75325-1 with a SNOMED CT cramp finding as value, or the
 *       cramp finding itself as {@code code} (55300003, 449918009, 102549009, 90392009);
 *   <li>102549009 means at rest and 90392009 during sleep;
 *   <li>the site is the first {@code bodySite} SNOMED CT body structure CrampCare knows (a
 *       post-coordinated {@code site:272741003=side} expression, a laterality coding beside the
 *       site, or CrampCare's laterality extension give the side); without {@code bodySite}, only
 *       449918009 and 102549009 imply one (the lower leg); otherwise it is reported, not guessed;
 *   <li>severity is a component LOINC 72514-3 or 64750-3 with a whole number 0-10;
 *   <li>onset and duration are {@code effectivePeriod} start and end.
 * </ul>
 *
 * <p>An episode without a site, severity, onset or duration is reported and not used: no default is
 * invented for what the patient did not report.
 */
final class EpisodeReader {
  private EpisodeReader() {}

  /** Returns whether an Observation is one of CrampCare's own cramp-episode Observations. */
  static boolean isOwnEpisode(Observation observation) {
    return EpisodeObservations.isCrampCareEpisode(observation);
  }

  /** Returns the cramp finding an EHR Observation records, from its code or its value. */
  static Optional<InboundCodes.CrampFinding> crampFinding(Observation observation) {
    for (String code : ObservationReader.codes(observation.getCode(), CodeSystems.SNOMED_CT)) {
      Optional<InboundCodes.CrampFinding> finding = InboundCodes.CrampFinding.fromSnomed(code);
      if (finding.isPresent()) {
        return finding;
      }
    }
    if (ObservationReader.hasCode(observation.getCode(), CodeSystems.LOINC, InboundCodes.SYMPTOM)
        && observation.hasValueCodeableConcept()) {
      for (String code :
          ObservationReader.codes(observation.getValueCodeableConcept(), CodeSystems.SNOMED_CT)) {
        Optional<InboundCodes.CrampFinding> finding = InboundCodes.CrampFinding.fromSnomed(code);
        if (finding.isPresent()) {
          return finding;
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the start of {@code effective[x]}: a dateTime, a period's start or an instant. */
  static Optional<InboundDates.FhirTime> effectiveStart(Observation observation) {
    if (observation.hasEffectiveDateTimeType()) {
      return InboundDates.read(observation.getEffectiveDateTimeType());
    }
    if (observation.hasEffectivePeriod()) {
      return InboundDates.read(observation.getEffectivePeriod().getStartElement());
    }
    if (observation.hasEffectiveInstantType()) {
      return InboundDates.read(observation.getEffectiveInstantType());
    }
    return Optional.empty();
  }

  /** Maps one of CrampCare's own episode Observations. */
  static void readOwn(ImportRun run, InboundEntry entry, Observation observation) {
    CrampEpisode episode;
    try {
      episode = EpisodeObservations.fromObservation(observation);
    } catch (IllegalArgumentException e) {
      run.crampRecordNotUsable(
          entry, IssueType.INVALID, "", withoutLabel(String.valueOf(e.getMessage())));
      return;
    }
    add(run, entry, episode);
  }

  /** Strips a leading "Observation/x: " that {@link EpisodeObservations} puts in its messages. */
  private static String withoutLabel(String message) {
    int colon = message.indexOf(": ");
    return message.startsWith("Observation") && colon > 0 ? message.substring(colon + 2) : message;
  }

  /** Maps an EHR's cramp Observation: every field but the onset may be unknown. */
  static void read(ImportRun run, InboundEntry entry, Observation observation) {
    InboundCodes.CrampFinding finding =
        crampFinding(observation).orElseThrow(() -> new AssertionError(entry.label()));
    Optional<String> id = run.keyOf(entry);
    if (id.isEmpty()) {
      return;
    }
    Optional<InboundDates.FhirTime> start = effectiveStart(observation);
    if (start.isEmpty() || !start.get().atLeastDay()) {
      run.crampRecordNotUsable(
          entry,
          IssueType.INCOMPLETE,
          "effective[x]",
          start.isEmpty()
              ? "effective[x] is missing or not a valid date; a cramp record needs at least the day"
                  + " it happened"
              : "effective[x] is not precise to the day; a cramp record needs at least the day it"
                  + " happened");
      return;
    }
    CrampEpisode.Builder builder = onsetBuilder(id.get(), start.get());
    if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasEnd()) {
      Optional<InboundDates.FhirTime> end =
          InboundDates.read(observation.getEffectivePeriod().getEndElement());
      if (end.isPresent()
          && start.get().precision() == InboundDates.Precision.TIME
          && end.get().precision() == InboundDates.Precision.TIME
          && end.get().instant().isAfter(start.get().instant())) {
        builder.duration(Duration.between(start.get().instant(), end.get().instant()));
      } else {
        run.report.note(
            entry,
            IssueType.VALUE,
            "effectivePeriod.end",
            "effectivePeriod.end is not a time after the start: the duration is not recorded");
      }
    } else {
      run.report.note(
          entry, IssueType.INFORMATIONAL, "effective[x]", "no end time: duration not recorded");
    }
    Optional<Site> site = site(run, entry, observation.getBodySite(), finding.impliedSite());
    site.ifPresent(
        s -> {
          builder.site(s.site());
          s.side().ifPresent(builder::side);
        });
    severity(run, entry, observation).ifPresent(builder::severity);
    finding.impliedSetting().ifPresent(builder::setting);
    CrampEpisode episode;
    try {
      episode = builder.build();
    } catch (IllegalArgumentException e) {
      run.crampRecordNotUsable(entry, IssueType.VALUE, "", String.valueOf(e.getMessage()));
      return;
    }
    add(run, entry, episode, identifiers(observation.getIdentifier()), finding.code());
  }

  /** Maps a Condition that records a cramp ({@code R25.2}, {@code G47.62}, SNOMED CT cramps). */
  static void readCondition(
      ImportRun run, InboundEntry entry, Condition condition, ConditionReader.Match match) {
    Optional<String> id = run.keyOf(entry);
    if (id.isEmpty()) {
      return;
    }
    Optional<InboundDates.FhirTime> start = Optional.empty();
    String element = "onset[x]";
    if (condition.hasOnsetDateTimeType()) {
      start = InboundDates.read(condition.getOnsetDateTimeType());
    } else if (condition.hasOnsetPeriod()) {
      start = InboundDates.read(condition.getOnsetPeriod().getStartElement());
    }
    if (start.isEmpty() && condition.hasRecordedDateElement()) {
      start = InboundDates.read(condition.getRecordedDateElement());
      element = "recordedDate";
      start.ifPresent(
          t ->
              run.report.note(
                  entry,
                  IssueType.INFORMATIONAL,
                  "recordedDate",
                  "no onset[x]: the cramp is dated by recordedDate"));
    }
    if (start.isEmpty() || !start.get().atLeastDay()) {
      run.crampRecordNotUsable(
          entry,
          IssueType.INCOMPLETE,
          element,
          "a cramp recorded as a Condition needs an onset or recorded date precise to the day");
      return;
    }
    CrampEpisode.Builder builder = onsetBuilder(id.get(), start.get());
    Optional<BodySite> implied = match.meaning().impliedSite();
    CodeableConcept bodySite =
        condition.hasBodySite() ? condition.getBodySiteFirstRep() : new CodeableConcept();
    site(run, entry, bodySite, implied)
        .ifPresent(
            s -> {
              builder.site(s.site());
              s.side().ifPresent(builder::side);
            });
    match.meaning().impliedSetting().ifPresent(builder::setting);
    run.report.note(
        entry,
        IssueType.INFORMATIONAL,
        "code",
        "cramp recorded as a Condition ("
            + match.describe()
            + "): counted as one episode; duration and severity not recorded");
    add(run, entry, builder.build(), identifiers(condition.getIdentifier()), match.code());
  }

  /** Starts an episode at the record's onset, to the instant or to the day, in its own offset. */
  static CrampEpisode.Builder onsetBuilder(String id, InboundDates.FhirTime start) {
    if (start.precision() == InboundDates.Precision.TIME) {
      CrampEpisode.Builder b = CrampEpisode.builder(id, start.instant());
      start.offset().ifPresent(b::offset);
      return b;
    }
    return CrampEpisode.onDay(id, start.date(), ZoneOffset.UTC);
  }

  static List<String> identifiers(List<Identifier> identifiers) {
    List<String> keys = new ArrayList<>();
    for (Identifier identifier : identifiers) {
      if (identifier.hasValue()) {
        keys.add(
            (identifier.hasSystem() ? identifier.getSystem() : "") + "|" + identifier.getValue());
      }
    }
    return keys;
  }

  private static void add(ImportRun run, InboundEntry entry, CrampEpisode episode) {
    add(run, entry, episode, List.of(), "crampcare-episode");
  }

  static void add(
      ImportRun run,
      InboundEntry entry,
      CrampEpisode episode,
      List<String> identifiers,
      String findingCode) {
    run.crampRecordsFound++;
    if (episode.onset().isAfter(run.asOf)) {
      run.crampRecordNotUsableCounted(
          entry,
          IssueType.VALUE,
          "effective[x]",
          "onset is after the import time " + run.asOf + "; expected an episode that has happened");
      return;
    }
    Optional<String> same = run.sameCramp(episode, identifiers, findingCode);
    if (same.isPresent()) {
      run.crampRecordsMerged++;
      run.report.leftOut(
          entry,
          IssueType.DUPLICATE,
          "",
          "the same cramp as " + same.get() + " (" + run.lastMergeReason + "): counted once");
      entry.disposition(InboundEntry.Disposition.MAPPED);
      return;
    }
    if (!run.claim(entry, episode.id())) {
      return;
    }
    run.episodes.add(episode);
    entry.disposition(InboundEntry.Disposition.MAPPED);
  }

  /** A body site and, when given, its side. */
  record Site(BodySite site, Optional<Laterality> side) {}

  private static Optional<Site> site(
      ImportRun run, InboundEntry entry, CodeableConcept bodySite, Optional<BodySite> impliedSite) {
    if (bodySite.isEmpty()) {
      if (impliedSite.isPresent()) {
        return Optional.of(new Site(impliedSite.get(), Optional.empty()));
      }
      run.report.note(
          entry,
          IssueType.INFORMATIONAL,
          "bodySite",
          "no bodySite and the code names no site: site not recorded (not guessed)");
      return Optional.empty();
    }
    BodySite found = null;
    Laterality side = null;
    StringBuilder seen = new StringBuilder();
    for (Coding coding : bodySite.getCoding()) {
      String code = coding.getCode();
      if (!CodeSystems.SNOMED_CT.equals(coding.getSystem()) || code == null) {
        continue;
      }
      String compact = code.replace(" ", "").replace("{", "").replace("}", "");
      int colon = compact.indexOf(':');
      String focus = colon < 0 ? compact : compact.substring(0, colon);
      Optional<Laterality> qualifier = InboundCodes.laterality(focus);
      if (qualifier.isPresent()) {
        side = side == null ? qualifier.get() : side;
        continue;
      }
      Optional<BodySite> known = InboundCodes.bodySite(focus);
      if (known.isPresent() && found == null) {
        found = known.get();
        if (colon >= 0) {
          for (String refinement : compact.substring(colon + 1).split(",")) {
            String[] pair = refinement.split("=", 2);
            if (pair.length == 2 && InboundCodes.LATERALITY_ATTRIBUTE.equals(pair[0])) {
              Optional<Laterality> refined = InboundCodes.laterality(pair[1]);
              if (refined.isPresent()) {
                side = refined.get();
              }
            }
          }
        }
      } else if (known.isEmpty()) {
        seen.append(seen.length() == 0 ? "" : ", ").append(focus);
      }
    }
    if (found == null) {
      if (impliedSite.isPresent()) {
        return Optional.of(new Site(impliedSite.get(), Optional.ofNullable(side)));
      }
      run.report.note(
          entry,
          IssueType.CODEINVALID,
          "bodySite",
          seen.length() == 0
              ? "bodySite has no SNOMED CT body structure CrampCare knows: site not recorded (not"
                  + " guessed)"
              : "bodySite SNOMED CT '"
                  + seen
                  + "' is not a body site CrampCare knows: site not recorded (not guessed)");
      return Optional.empty();
    }
    if (side == null) {
      side = extensionSide(bodySite).orElse(null);
    }
    return Optional.of(new Site(found, Optional.ofNullable(side)));
  }

  private static Optional<Laterality> extensionSide(CodeableConcept bodySite) {
    for (Extension extension : bodySite.getExtension()) {
      if (FhirUrls.EXT_LATERALITY.equals(extension.getUrl())
          && extension.getValue() instanceof CodeableConcept) {
        for (String code :
            ObservationReader.codes(
                (CodeableConcept) extension.getValue(), CodeSystems.SNOMED_CT)) {
          Optional<Laterality> side = InboundCodes.laterality(code);
          if (side.isPresent()) {
            return side;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Integer> severity(
      ImportRun run, InboundEntry entry, Observation observation) {
    List<ObservationComponentComponent> components = observation.getComponent();
    for (int i = 0; i < components.size(); i++) {
      ObservationComponentComponent component = components.get(i);
      boolean severityCode = false;
      for (String code : InboundCodes.SEVERITY) {
        severityCode |= ObservationReader.hasCode(component.getCode(), CodeSystems.LOINC, code);
      }
      if (!severityCode) {
        continue;
      }
      String path = "component[" + i + "]";
      BigDecimal value = null;
      if (component.hasValueQuantity()) {
        Quantity quantity = component.getValueQuantity();
        value = quantity.getValue();
        path += ".valueQuantity.value";
      } else if (component.getValue() instanceof IntegerType) {
        Integer integer = ((IntegerType) component.getValue()).getValue();
        value = integer == null ? null : BigDecimal.valueOf(integer);
        path += ".valueInteger";
      }
      if (value == null) {
        run.report.note(
            entry,
            IssueType.VALUE,
            "component[" + i + "].value[x]",
            "component["
                + i
                + "] (severity) has no numeric value: severity not recorded (expected a whole"
                + " number from 0 to 10)");
        return Optional.empty();
      }
      if (value.compareTo(BigDecimal.ZERO) < 0
          || value.compareTo(BigDecimal.TEN) > 0
          || value.stripTrailingZeros().scale() > 0) {
        run.report.note(
            entry,
            IssueType.VALUE,
            path,
            path
                + " "
                + value
                + " is not a whole number from 0 to 10: severity not recorded (not guessed)");
        return Optional.empty();
      }
      return Optional.of(value.intValueExact());
    }
    run.report.note(
        entry,
        IssueType.INFORMATIONAL,
        "component",
        "no severity component (LOINC 72514-3 or 64750-3): severity not recorded (not guessed)");
    return Optional.empty();
  }
}
