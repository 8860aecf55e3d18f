package org.crampcare.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.Censoring;
import org.crampcare.lab.Interpretation;
import org.crampcare.lab.LabFlag;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.terminology.CodeSystems;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Quantity;
import org.jspecify.annotations.Nullable;

/**
 * Maps Observations: cramp episodes (ours and an EHR's, via {@link EpisodeReader}), associated
 * signs recorded as findings (via {@link InboundSigns}), labs by LOINC, and reports
 * pregnancy-status Observations, whose LOINC code the knowledge base does not verify.
 *
 * <p>Only {@code final}, {@code amended} and {@code corrected} Observations are used; {@code
 * entered-in-error} ones are ignored and reported as information.
 */
final class ObservationReader {
  private ObservationReader() {}

  /** The prefix of CrampCare's own profiles. */
  static final String CRAMPCARE_PROFILE_PREFIX = "https://crampcare.org/fhir/StructureDefinition/";

  /** The prefix of CrampCare's own code systems. */
  static final String CRAMPCARE_CODE_SYSTEM_PREFIX = "https://crampcare.org/fhir/CodeSystem/";

  /** Values beyond this magnitude are not plausible results (and would be costly to scale). */
  private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1E+9");

  /** What an Observation is to the importer. */
  enum Kind {
    OWN_EPISODE,
    OWN_OTHER,
    CRAMP,
    SIGN,
    LAB,
    PREGNANCY_STATUS,
    IRRELEVANT
  }

  static void read(ImportRun run, InboundEntry entry) {
    Observation observation = (Observation) entry.resource();
    Kind kind = classify(observation);
    if (kind == Kind.IRRELEVANT || kind == Kind.OWN_OTHER) {
      return;
    }
    if (!usableStatus(run, entry, observation.getStatus())) {
      ObservationStatus status = observation.getStatus();
      boolean cramp = kind == Kind.CRAMP || kind == Kind.OWN_EPISODE;
      if (cramp
          && status != ObservationStatus.ENTEREDINERROR
          && status != ObservationStatus.CANCELLED) {
        // A cramp record that exists but is not final is counted: no output may read as "no
        // cramps" then.
        run.crampRecordsFound++;
        run.crampRecordsNotUsable++;
      }
      return;
    }
    if (!run.aboutPatient(entry, observation.getSubject(), "subject")) {
      return;
    }
    switch (kind) {
      case OWN_EPISODE:
        EpisodeReader.readOwn(run, entry, observation);
        break;
      case CRAMP:
        EpisodeReader.read(run, entry, observation);
        break;
      case SIGN:
        InboundSigns.readObservation(run, entry, observation);
        break;
      case LAB:
        readLab(run, entry, observation);
        break;
      case PREGNANCY_STATUS:
        run.report.leftOut(
            entry,
            IssueType.NOTSUPPORTED,
            "code",
            "pregnancy status (LOINC "
                + InboundCodes.PREGNANCY_STATUS
                + ") is not verified in the knowledge base; pregnancy is read only from active"
                + " Conditions 77386006 or 72892002");
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  static Kind classify(Observation observation) {
    if (hasOwnProfile(observation)) {
      return EpisodeReader.isOwnEpisode(observation) ? Kind.OWN_EPISODE : Kind.OWN_OTHER;
    }
    CodeableConcept code = observation.getCode();
    boolean symptom = hasCode(code, CodeSystems.LOINC, InboundCodes.SYMPTOM);
    if (symptom && EpisodeReader.isOwnEpisode(observation)) {
      return Kind.OWN_EPISODE;
    }
    if (EpisodeReader.crampFinding(observation).isPresent()) {
      return Kind.CRAMP;
    }
    if (InboundSigns.signOf(observation).isPresent()) {
      return Kind.SIGN;
    }
    if (analyte(code).isPresent()) {
      return Kind.LAB;
    }
    if (hasCode(code, CodeSystems.LOINC, InboundCodes.PREGNANCY_STATUS)) {
      return Kind.PREGNANCY_STATUS;
    }
    return Kind.IRRELEVANT;
  }

  static boolean hasOwnProfile(Observation observation) {
    for (CanonicalType profile : observation.getMeta().getProfile()) {
      String value = profile.getValue();
      if (value != null && value.startsWith(CRAMPCARE_PROFILE_PREFIX)) {
        return true;
      }
    }
    return false;
  }

  static boolean hasCode(CodeableConcept concept, String system, String code) {
    for (Coding coding : concept.getCoding()) {
      if (system.equals(coding.getSystem()) && code.equals(coding.getCode())) {
        return true;
      }
    }
    return false;
  }

  /** Returns the codes of the concept in the given system, in order. */
  static List<String> codes(CodeableConcept concept, String system) {
    List<String> codes = new ArrayList<>();
    for (Coding coding : concept.getCoding()) {
      if (system.equals(coding.getSystem()) && coding.getCode() != null) {
        codes.add(coding.getCode());
      }
    }
    return codes;
  }

  private static Optional<Analyte> analyte(CodeableConcept code) {
    for (String loinc : codes(code, CodeSystems.LOINC)) {
      Optional<Analyte> analyte = Analyte.fromLoinc(loinc);
      if (analyte.isPresent()) {
        return analyte;
      }
    }
    return Optional.empty();
  }

  /**
   * Checks the status of a relevant Observation; reports and returns false unless it is final,
   * amended or corrected.
   */
  static boolean usableStatus(
      ImportRun run, InboundEntry entry, @Nullable ObservationStatus status) {
    if (status == null || status == ObservationStatus.NULL) {
      run.report.notUsed(
          entry,
          IssueType.REQUIRED,
          "status",
          "status is missing or not a valid code; expected final, amended or corrected");
      return false;
    }
    switch (status) {
      case FINAL:
      case AMENDED:
      case CORRECTED:
        return true;
      case ENTEREDINERROR:
      case CANCELLED:
        run.report.leftOut(
            entry,
            IssueType.INFORMATIONAL,
            "status",
            "status '" + status.toCode() + "': the result does not exist; ignored");
        return false;
      default:
        run.report.leftOut(
            entry,
            IssueType.BUSINESSRULE,
            "status",
            "status '"
                + status.toCode()
                + "' is not final, amended or corrected; only those are used");
        return false;
    }
  }

  private static void readLab(ImportRun run, InboundEntry entry, Observation observation) {
    Analyte analyte =
        analyte(observation.getCode()).orElseThrow(() -> new AssertionError(entry.label()));
    Optional<String> id = run.keyOf(entry);
    if (id.isEmpty()) {
      return;
    }
    if (!observation.hasValueQuantity()) {
      String element = observation.hasValue() ? "value[x]" : "valueQuantity";
      String why =
          observation.hasValue()
              ? "value[x] is a " + observation.getValue().fhirType() + "; expected a valueQuantity"
              : observation.hasDataAbsentReason()
                  ? "no value (dataAbsentReason '"
                      + firstCode(observation.getDataAbsentReason())
                      + "')"
                  : "no value";
      run.report.notUsed(entry, IssueType.INCOMPLETE, element, why);
      return;
    }
    Quantity quantity = observation.getValueQuantity();
    BigDecimal value = quantity.getValue();
    if (value == null) {
      run.report.notUsed(entry, IssueType.INCOMPLETE, "valueQuantity.value", "no value");
      return;
    }
    Optional<Censoring> censoring = Optional.empty();
    if (quantity.hasComparator()) {
      String comparator = quantity.getComparatorElement().getValueAsString();
      for (Censoring c : Censoring.values()) {
        if (c.code().equals(comparator)) {
          censoring = Optional.of(c);
        }
      }
      run.report.note(
          entry,
          IssueType.INFORMATIONAL,
          "valueQuantity.comparator",
          "censored value '"
              + comparator
              + value.toPlainString()
              + "': read as a bound, evidence in its direction");
    }
    if (value.abs().compareTo(MAX_MAGNITUDE) > 0) {
      run.report.notUsed(
          entry,
          IssueType.VALUE,
          "valueQuantity.value",
          "valueQuantity.value is beyond 1E+9, not a plausible " + analyte.display() + " result");
      return;
    }
    if (value.signum() < 0) {
      run.report.notUsed(
          entry,
          IssueType.VALUE,
          "valueQuantity.value",
          "valueQuantity.value must not be negative for " + analyte.display());
      return;
    }
    Optional<UnitText> unit = unit(quantity, "valueQuantity");
    if (unit.isEmpty()) {
      run.report.notUsed(
          entry,
          IssueType.INCOMPLETE,
          "valueQuantity.code",
          "valueQuantity has no code or unit; expected one of "
              + String.join(", ", analyte.units()));
      return;
    }
    Optional<String> known = analyte.knownUnit(unit.get().unit());
    if (known.isEmpty()) {
      known = UcumUnits.normalise(analyte, unit.get().unit());
      known.ifPresent(
          k ->
              run.report.note(
                  entry,
                  IssueType.INFORMATIONAL,
                  unit.get().path(),
                  unit.get().path()
                      + " '"
                      + unit.get().unit()
                      + "' normalised to the UCUM unit '"
                      + k
                      + "' (unambiguous for "
                      + analyte.display()
                      + ")"));
    }
    if (known.isEmpty()) {
      run.report.notUsed(
          entry,
          IssueType.VALUE,
          unit.get().path(),
          unit.get().path()
              + " '"
              + unit.get().unit()
              + "' is not a unit of "
              + analyte.display()
              + "; expected one of "
              + String.join(", ", analyte.units()));
      return;
    }
    Optional<InboundDates.FhirTime> effective = EpisodeReader.effectiveStart(observation);
    if (effective.isEmpty() || !effective.get().atLeastDay()) {
      run.report.notUsed(
          entry,
          IssueType.INCOMPLETE,
          "effective[x]",
          effective.isEmpty()
              ? "effective[x] is missing or not a valid date; a lab needs the date the specimen"
                  + " was taken"
              : "effective[x] is not precise to the day; a lab needs the date the specimen was"
                  + " taken");
      return;
    }
    if (!run.claim(entry, id.get())) {
      return;
    }
    Optional<ReferenceRange> range = range(run, entry, observation, analyte, known.get());
    Optional<LabFlag> flag = flag(observation);
    if (range.isEmpty()
        && observation.getReferenceRange().stream().anyMatch(r -> r.hasText())
        && observation.getReferenceRange().stream().noneMatch(r -> r.hasLow() || r.hasHigh())) {
      run.report.note(
          entry,
          IssueType.INFORMATIONAL,
          "referenceRange.text",
          "the reference range is given only as text, unusable as a number: "
              + (flag.isPresent()
                  ? "the lab's flag '" + flag.get().code() + "' is used"
                  : "the documented adult default is used, if there is one"));
    }
    Optional<String> impossible = impossible(analyte, value, known.get());
    if (impossible.isPresent()) {
      run.report.notUsed(entry, IssueType.CONFLICT, "valueQuantity.value", impossible.get());
      return;
    }
    LabResult lab;
    try {
      lab =
          new LabResult(
              id.get(),
              analyte,
              value,
              known.get(),
              effective.get().date(),
              range,
              censoring,
              flag);
    } catch (IllegalArgumentException e) {
      run.report.notUsed(entry, IssueType.VALUE, "valueQuantity", String.valueOf(e.getMessage()));
      return;
    }
    if (flag.isPresent() && range.isPresent() && censoring.isEmpty()) {
      Interpretation byRange =
          LabInterpretation.of(lab, run.asOfDate, run.labMaxAge).interpretation();
      Interpretation byFlag = flag.get().interpretation();
      if (byFlag != Interpretation.UNKNOWN && byFlag != byRange) {
        run.report.warning(
            entry,
            IssueType.CONFLICT,
            "interpretation",
            "the lab's flag '"
                + flag.get().code()
                + "' says "
                + byFlag.code()
                + " but the value against its range is "
                + byRange.code()
                + ": the range is used; check the record");
      }
    }
    run.labs.add(lab);
    entry.disposition(InboundEntry.Disposition.MAPPED);
    LocalDate date = lab.date();
    if (date.isBefore(run.asOfDate.minus(run.labMaxAge))) {
      run.report.note(
          entry,
          IssueType.INFORMATIONAL,
          "effective[x]",
          "dated more than "
              + run.labMaxAge
              + " before "
              + run.asOfDate
              + ": passed on, and the assessment lists it as unused (not current evidence)");
    } else if (date.isAfter(run.asOfDate)) {
      run.report.note(
          entry,
          IssueType.INFORMATIONAL,
          "effective[x]",
          "dated after " + run.asOfDate + ": passed on, and the assessment lists it as unused");
    }
  }

  /** Returns the lab's own interpretation flag (v3 ObservationInterpretation), if it gave one. */
  private static Optional<LabFlag> flag(Observation observation) {
    for (CodeableConcept concept : observation.getInterpretation()) {
      for (Coding coding : concept.getCoding()) {
        if (coding.getCode() != null) {
          Optional<LabFlag> flag = LabFlag.fromCode(coding.getCode().trim());
          if (flag.isPresent()) {
            return flag;
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Returns why a value cannot be a real result: a potassium of 15 mmol/L or more, or a sodium
   * below 80 or above 200 mmol/L. These are engineering bounds against unit and typing errors
   * (potassium 31), far outside any survivable value; they are not clinical thresholds and await a
   * clinician's review.
   */
  private static Optional<String> impossible(Analyte analyte, BigDecimal value, String unit) {
    double canonical = value.doubleValue() * analyte.factorToCanonical(unit);
    boolean impossible =
        analyte == Analyte.POTASSIUM && canonical >= 15
            || analyte == Analyte.SODIUM && (canonical < 80 || canonical > 200);
    if (!impossible) {
      return Optional.empty();
    }
    return Optional.of(
        analyte.display()
            + " "
            + value.toPlainString()
            + " "
            + unit
            + " is not a possible result (a unit or typing error?): not used, so it neither"
            + " reassures nor alarms; check the record");
  }

  private static String firstCode(CodeableConcept concept) {
    for (Coding coding : concept.getCoding()) {
      if (coding.getCode() != null) {
        return coding.getCode();
      }
    }
    return concept.getText() == null ? "" : concept.getText();
  }

  /** A unit as given and the element it came from. */
  record UnitText(String unit, String path) {}

  /** Returns the UCUM code of a quantity, else its human-readable unit. */
  static Optional<UnitText> unit(Quantity quantity, String path) {
    String code = quantity.getCode();
    if (code != null && !code.isBlank()) {
      return Optional.of(new UnitText(code.trim(), path + ".code"));
    }
    String unit = quantity.getUnit();
    if (unit != null && !unit.isBlank()) {
      return Optional.of(new UnitText(unit.trim(), path + ".unit"));
    }
    return Optional.empty();
  }

  /**
   * Reads the first usable reference range into the result's unit. A range in another unit of the
   * same analyte is converted; one in an unknown unit, or with low above high, is reported and the
   * lab is passed on without it (the core then uses the documented adult default, if any).
   */
  private static Optional<ReferenceRange> range(
      ImportRun run, InboundEntry entry, Observation observation, Analyte analyte, String unit) {
    for (int i = 0; i < observation.getReferenceRange().size(); i++) {
      ObservationReferenceRangeComponent component = observation.getReferenceRange().get(i);
      if (!component.hasLow() && !component.hasHigh()) {
        continue;
      }
      String path = "referenceRange[" + i + "]";
      Optional<BigDecimal> low = Optional.empty();
      Optional<BigDecimal> high = Optional.empty();
      if (component.hasLow() && component.getLow().getValue() != null) {
        Optional<BigDecimal> converted =
            bound(run, entry, component.getLow(), path + ".low", analyte, unit);
        if (converted.isEmpty()) {
          return Optional.empty();
        }
        low = converted;
      }
      if (component.hasHigh() && component.getHigh().getValue() != null) {
        Optional<BigDecimal> converted =
            bound(run, entry, component.getHigh(), path + ".high", analyte, unit);
        if (converted.isEmpty()) {
          return Optional.empty();
        }
        high = converted;
      }
      if (low.isEmpty() && high.isEmpty()) {
        continue;
      }
      try {
        return Optional.of(new ReferenceRange(low, high));
      } catch (IllegalArgumentException e) {
        run.report.note(
            entry,
            IssueType.VALUE,
            path,
            path + ": " + e.getMessage() + "; range not used, lab passed on without it");
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<BigDecimal> bound(
      ImportRun run,
      InboundEntry entry,
      Quantity quantity,
      String path,
      Analyte analyte,
      String resultUnit) {
    BigDecimal value = quantity.getValue();
    if (value.abs().compareTo(MAX_MAGNITUDE) > 0) {
      run.report.note(
          entry,
          IssueType.VALUE,
          path,
          path + ".value is beyond 1E+9; range not used, lab passed on without it");
      return Optional.empty();
    }
    Optional<UnitText> given = unit(quantity, path);
    if (given.isEmpty()) {
      return Optional.of(value);
    }
    Optional<String> known = analyte.knownUnit(given.get().unit());
    if (known.isEmpty()) {
      run.report.note(
          entry,
          IssueType.VALUE,
          given.get().path(),
          given.get().path()
              + " '"
              + given.get().unit()
              + "' is not a unit of "
              + analyte.display()
              + "; range not used, lab passed on without it");
      return Optional.empty();
    }
    if (known.get().equals(resultUnit)) {
      return Optional.of(value);
    }
    double factor = analyte.factorToCanonical(known.get()) / analyte.factorToCanonical(resultUnit);
    BigDecimal converted =
        value
            .multiply(BigDecimal.valueOf(factor))
            .setScale(4, java.math.RoundingMode.HALF_EVEN)
            .stripTrailingZeros();
    run.report.note(
        entry,
        IssueType.INFORMATIONAL,
        path,
        path + " converted from " + known.get() + " to the result's unit " + resultUnit);
    return Optional.of(converted);
  }
}
