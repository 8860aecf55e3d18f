package org.crampcare.fhir;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;
import org.crampcare.terminology.CodeSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Period;
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
      run.report.notUsed(
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

  /** Maps an EHR's cramp Observation. */
  static void read(ImportRun run, InboundEntry entry, Observation observation) {
    InboundCodes.CrampFinding finding =
        crampFinding(observation).orElseThrow(() -> new AssertionError(entry.label()));
    Optional<String> id = run.keyOf(entry);
    if (id.isEmpty()) {
      return;
    }
    Optional<Site> site = site(run, entry, observation, finding);
    if (site.isEmpty()) {
      return;
    }
    Optional<Integer> severity = severity(run, entry, observation);
    if (severity.isEmpty()) {
      return;
    }
    Optional<InboundDates.FhirTime> start = effectiveStart(observation);
    if (start.isEmpty() || start.get().precision() != InboundDates.Precision.TIME) {
      run.report.notUsed(
          entry,
          IssueType.INCOMPLETE,
          "effective[x]",
          start.isEmpty()
              ? "effective[x] is missing or not a valid dateTime; an episode needs its onset"
              : "effective[x] has no time of day; an episode needs its onset time");
      return;
    }
    if (!observation.hasEffectivePeriod() || !observation.getEffectivePeriod().hasEnd()) {
      run.report.notUsed(
          entry,
          IssueType.INCOMPLETE,
          "effectivePeriod.end",
          "no duration: effectivePeriod with a start and an end is needed; the duration is not"
              + " guessed");
      return;
    }
    Period period = observation.getEffectivePeriod();
    Optional<InboundDates.FhirTime> end = InboundDates.read(period.getEndElement());
    if (end.isEmpty() || !end.get().instant().isAfter(start.get().instant())) {
      run.report.notUsed(
          entry,
          IssueType.VALUE,
          "effectivePeriod.end",
          "effectivePeriod.end is not a valid dateTime after effectivePeriod.start; expected a"
              + " positive duration");
      return;
    }
    CrampEpisode.Builder builder =
        CrampEpisode.builder(id.get(), start.get().instant(), site.get().site())
            .duration(Duration.between(start.get().instant(), end.get().instant()))
            .severity(severity.get());
    site.get().side().ifPresent(builder::side);
    finding.impliedSetting().ifPresent(builder::setting);
    CrampEpisode episode;
    try {
      episode = builder.build();
    } catch (IllegalArgumentException e) {
      run.report.notUsed(entry, IssueType.VALUE, "", String.valueOf(e.getMessage()));
      return;
    }
    add(run, entry, episode);
  }

  private static void add(ImportRun run, InboundEntry entry, CrampEpisode episode) {
    if (episode.onset().isAfter(run.asOf)) {
      run.report.notUsed(
          entry,
          IssueType.VALUE,
          "effective[x]",
          "onset is after the import time " + run.asOf + "; expected an episode that has happened");
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
      ImportRun run,
      InboundEntry entry,
      Observation observation,
      InboundCodes.CrampFinding finding) {
    if (!observation.hasBodySite()) {
      if (finding.impliedSite().isPresent()) {
        return Optional.of(new Site(finding.impliedSite().get(), Optional.empty()));
      }
      run.report.notUsed(
          entry,
          IssueType.INCOMPLETE,
          "bodySite",
          "bodySite is missing and "
              + finding.code()
              + " ("
              + finding.display()
              + ") names no site; the site is not guessed");
      return Optional.empty();
    }
    CodeableConcept bodySite = observation.getBodySite();
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
      run.report.notUsed(
          entry,
          IssueType.CODEINVALID,
          "bodySite",
          seen.length() == 0
              ? "bodySite has no SNOMED CT body structure; the site is not guessed"
              : "bodySite SNOMED CT '"
                  + seen
                  + "' is not a body site CrampCare knows; the site is not guessed");
      return Optional.empty();
    }
    if (side == null) {
      side = extensionSide(bodySite).orElse(null);
    }
    return Optional.of(new Site(found, Optional.ofNullable(side)));
  }

  private static Optional<Laterality> extensionSide(CodeableConcept bodySite) {
    for (org.hl7.fhir.r4.model.Extension extension : bodySite.getExtension()) {
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
        run.report.notUsed(
            entry,
            IssueType.VALUE,
            "component[" + i + "].value[x]",
            "component["
                + i
                + "] (severity) has no numeric value; expected a whole number from 0 to 10");
        return Optional.empty();
      }
      if (value.compareTo(BigDecimal.ZERO) < 0
          || value.compareTo(BigDecimal.TEN) > 0
          || value.stripTrailingZeros().scale() > 0) {
        run.report.notUsed(
            entry,
            IssueType.VALUE,
            path,
            path + " " + value + " is not a whole number from 0 to 10 (severity)");
        return Optional.empty();
      }
      return Optional.of(value.intValueExact());
    }
    run.report.notUsed(
        entry,
        IssueType.INCOMPLETE,
        "component",
        "no severity component (LOINC 72514-3 or 64750-3); the severity is not guessed");
    return Optional.empty();
  }
}
