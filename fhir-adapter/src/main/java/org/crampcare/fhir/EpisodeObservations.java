package org.crampcare.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.OnsetPrecision;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.ReliefTried;
import org.crampcare.episode.Setting;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Codes;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;

/**
 * Maps a {@link CrampEpisode} to and from CrampCare's own cramp-episode Observation (profile
 * {@value #PROFILE}). Stateless and thread-safe.
 *
 * <p>The Observation follows the HL7 Symptoms IG pattern (knowledge base A1): {@code code} LOINC
 * 75325-1 "Symptom", {@code valueCodeableConcept} the SNOMED CT cramp finding (449918009 "Cramp in
 * lower leg" for the calf and the lower leg, 55300003 "Cramp" elsewhere), {@code bodySite} the
 * SNOMED CT body structure with the side in the {@value FhirUrls#EXT_LATERALITY} extension, {@code
 * effectivePeriod} from onset to onset plus duration, and components: severity (LOINC 72514-3,
 * {@code valueInteger} 0-10), then one component per setting, associated sign and impact ({@code
 * valueBoolean} true) and per relief measure tried ({@code valueBoolean}: whether it helped), coded
 * in CrampCare's local code systems. Category {@code survey}; subject and performer the patient
 * (the episode is patient-reported). The episode id is the value of the identifier {@value
 * FhirUrls#ID_CRAMP_EPISODE}. Mapping an episode to an Observation and back gives an equal episode.
 */
public final class EpisodeObservations {
  /** The canonical URL of the cramp-episode Observation profile. */
  public static final String PROFILE = FhirUrls.PROFILE_CRAMP_EPISODE;

  /** The identifier system whose value is the episode id, unique within one patient. */
  public static final String IDENTIFIER_SYSTEM = FhirUrls.ID_CRAMP_EPISODE;

  private static final String CRAMP = "55300003";
  private static final String CRAMP_IN_LOWER_LEG = "449918009";

  private EpisodeObservations() {}

  /**
   * Returns the cramp-episode Observation for an episode.
   *
   * @param e the episode
   * @param patientReference the reference of the patient, for example {@code Patient/123} or a
   *     bundle's {@code urn:uuid:...}
   * @return a new Observation with status {@code final}, without a resource id
   * @throws IllegalArgumentException if the patient reference is blank, or the onset or end lies
   *     outside the years 1 to 9999 that a FHIR dateTime can carry
   */
  public static Observation toObservation(CrampEpisode e, String patientReference) {
    if (patientReference.isBlank()) {
      throw new IllegalArgumentException(
          "patientReference must not be blank; expected for example Patient/123");
    }
    Observation o = new Observation();
    o.getMeta().addProfile(PROFILE);
    o.setText(narrative(e));
    o.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue(e.id());
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.addCategory(concept(FhirUrls.OBSERVATION_CATEGORY, "survey", "Survey"));
    o.setCode(concept(CodeSystems.LOINC, FhirUrls.LOINC_SYMPTOM, "Symptom"));
    o.setSubject(new Reference(patientReference));
    // Patient-reported: the patient is the performer.
    o.addPerformer(new Reference(patientReference));
    if (e.duration().isPresent()) {
      o.setEffective(
          new Period()
              .setStartElement(dateTime(e.id(), "onset", e.onset(), e.offset()))
              .setEndElement(dateTime(e.id(), "end", e.end().orElseThrow(), e.offset())));
    } else if (e.onsetPrecision() == OnsetPrecision.DAY) {
      // Known only to the day: a date, which says nothing of the time of day.
      o.setEffective(new DateTimeType(e.localDate().toString()));
    } else {
      o.setEffective(dateTime(e.id(), "onset", e.onset(), e.offset()));
    }
    o.setValue(
        e.site().map(BodySite::isCalfOrLowerLeg).orElse(false)
            ? concept(CodeSystems.SNOMED_CT, CRAMP_IN_LOWER_LEG, "Cramp in lower leg")
            : concept(CodeSystems.SNOMED_CT, CRAMP, "Cramp"));
    if (e.site().isPresent()) {
      CodeableConcept bodySite = concept(e.site().get().snomed());
      e.laterality()
          .ifPresent(
              side ->
                  bodySite.addExtension(
                      new Extension(FhirUrls.EXT_LATERALITY, concept(side.snomed()))));
      o.setBodySite(bodySite);
    }

    if (e.severity().isPresent()) {
      o.addComponent()
          .setCode(
              concept(
                  CodeSystems.LOINC,
                  FhirUrls.LOINC_PAIN_SEVERITY,
                  "Pain severity - 0-10 verbal numeric rating [Score] - Reported"))
          .setValue(new IntegerType(e.severity().get()));
    }
    for (Setting setting : e.settings()) {
      o.addComponent().setCode(concept(setting.coding())).setValue(new BooleanType(true));
    }
    for (AssociatedSign sign : e.signs()) {
      CodeableConcept code = concept(sign.coding());
      sign.snomed().ifPresent(snomed -> code.addCoding(coding(snomed)));
      o.addComponent().setCode(code).setValue(new BooleanType(true));
    }
    for (ReliefTried relief : e.reliefTried()) {
      o.addComponent()
          .setCode(concept(relief.measure().coding()))
          .setValue(new BooleanType(relief.helped()));
    }
    for (Impact impact : e.impacts()) {
      o.addComponent()
          .setCode(concept(CodeSystems.CRAMPCARE_RELIEF, impact.code(), impact.display()))
          .setValue(new BooleanType(true));
    }
    return o;
  }

  /**
   * Returns whether an Observation is one of CrampCare's own cramp-episode Observations: it claims
   * the profile {@value #PROFILE} or carries an identifier in {@value #IDENTIFIER_SYSTEM}.
   *
   * @param o the Observation
   * @return whether {@link #fromObservation} is the way to read it
   */
  public static boolean isCrampCareEpisode(Observation o) {
    return o.getMeta().hasProfile(PROFILE)
        || o.getIdentifier().stream().anyMatch(i -> IDENTIFIER_SYSTEM.equals(i.getSystem()));
  }

  /**
   * Reads one of CrampCare's own cramp-episode Observations back into an episode.
   *
   * <p>The episode id is the value of the {@value #IDENTIFIER_SYSTEM} identifier; without one, the
   * typed reference {@code Observation/<id>}. The status is not checked: filtering out {@code
   * entered-in-error} is the caller's job.
   *
   * @param o an Observation in the cramp-episode profile
   * @return the episode
   * @throws IllegalArgumentException naming the resource and the element, when the Observation does
   *     not follow the profile: no id, wrong code, no or unknown body site or side, no period, no
   *     or out-of-range severity, or a component CrampCare does not know
   */
  public static CrampEpisode fromObservation(Observation o) {
    String label = label(o);
    String id = episodeId(o, label);
    if (!hasCoding(o.getCode(), CodeSystems.LOINC, FhirUrls.LOINC_SYMPTOM)) {
      throw new IllegalArgumentException(
          label + ": code is not LOINC " + FhirUrls.LOINC_SYMPTOM + "; expected the Symptom code");
    }
    if (!o.hasValueCodeableConcept()
        || !(hasCoding(o.getValueCodeableConcept(), CodeSystems.SNOMED_CT, CRAMP)
            || hasCoding(o.getValueCodeableConcept(), CodeSystems.SNOMED_CT, CRAMP_IN_LOWER_LEG))) {
      throw new IllegalArgumentException(
          label
              + ": valueCodeableConcept is not a SNOMED CT cramp finding; expected "
              + CRAMP
              + " or "
              + CRAMP_IN_LOWER_LEG);
    }
    CrampEpisode.Builder b;
    if (o.hasEffectiveDateTimeType()) {
      DateTimeType when = o.getEffectiveDateTimeType();
      if (when.getPrecision() == TemporalPrecisionEnum.DAY && when.getValueAsString() != null) {
        b = CrampEpisode.onDay(id, LocalDate.parse(when.getValueAsString()), ZoneOffset.UTC);
      } else {
        b = CrampEpisode.builder(id, instant(label, "effectiveDateTime", when));
        offset(when).ifPresent(b::offset);
      }
    } else if (o.hasEffectivePeriod()
        && o.getEffectivePeriod().hasStart()
        && o.getEffectivePeriod().hasEnd()) {
      Instant onset =
          instant(label, "effectivePeriod.start", o.getEffectivePeriod().getStartElement());
      Instant end = instant(label, "effectivePeriod.end", o.getEffectivePeriod().getEndElement());
      if (!end.isAfter(onset)) {
        throw new IllegalArgumentException(
            label
                + ": effectivePeriod.end "
                + end
                + " is not after start "
                + onset
                + "; expected a positive duration");
      }
      b = CrampEpisode.builder(id, onset).duration(Duration.between(onset, end));
      offset(o.getEffectivePeriod().getStartElement()).ifPresent(b::offset);
    } else {
      throw new IllegalArgumentException(
          label
              + ": effective[x] is missing; expected effectivePeriod with start and end, or"
              + " effectiveDateTime");
    }
    if (o.hasBodySite()) {
      b.site(site(o, label));
      laterality(o.getBodySite(), label).ifPresent(b::side);
    }
    readComponents(o, label, b);
    return b.build();
  }

  /**
   * Returns the offset a dateTime was written with: {@code +00:00} and other numeric offsets are
   * kept; {@code Z} is what CrampCare writes when the episode had none, so it gives none.
   */
  private static Optional<ZoneOffset> offset(DateTimeType value) {
    String text = value.getValueAsString();
    if (text == null || text.endsWith("Z") || text.length() < 6) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).getOffset());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static void readComponents(Observation o, String label, CrampEpisode.Builder b) {
    Integer severity = null;
    List<ObservationComponentComponent> components = o.getComponent();
    for (int i = 0; i < components.size(); i++) {
      ObservationComponentComponent c = components.get(i);
      String path = "component[" + i + "]";
      if (hasCoding(c.getCode(), CodeSystems.LOINC, FhirUrls.LOINC_PAIN_SEVERITY)) {
        if (severity != null) {
          throw new IllegalArgumentException(
              label + ": " + path + " is a second severity component; expected one");
        }
        severity = severity(c.getValue(), label, path);
        continue;
      }
      Optional<Coding> local = localCoding(c.getCode());
      if (local.isEmpty()) {
        throw new IllegalArgumentException(
            label
                + ": "
                + path
                + ".code has no LOINC "
                + FhirUrls.LOINC_PAIN_SEVERITY
                + " or CrampCare coding; expected a code from "
                + CodeSystems.CRAMPCARE_SETTING
                + ", "
                + CodeSystems.CRAMPCARE_SIGN
                + " or "
                + CodeSystems.CRAMPCARE_RELIEF);
      }
      Coding coding = local.get();
      boolean value = booleanValue(c.getValue(), label, path);
      String system = coding.getSystem();
      String code = coding.getCode();
      if (CodeSystems.CRAMPCARE_SETTING.equals(system)) {
        Setting setting = known(Setting.class, code, label, path);
        if (value) {
          b.setting(setting);
        }
      } else if (CodeSystems.CRAMPCARE_SIGN.equals(system)) {
        AssociatedSign sign = known(AssociatedSign.class, code, label, path);
        if (value) {
          b.sign(sign);
        }
      } else {
        Optional<ReliefMeasure> measure = fromCode(ReliefMeasure.class, code);
        if (measure.isPresent()) {
          b.relief(measure.get(), value);
        } else {
          Impact impact = known(Impact.class, code, label, path);
          if (value) {
            b.impact(impact);
          }
        }
      }
    }
    if (severity != null) {
      b.severity(severity);
    }
  }

  private static int severity(@Nullable Type value, String label, String path) {
    if (value instanceof IntegerType && ((IntegerType) value).getValue() != null) {
      return checkSeverity(((IntegerType) value).getValue(), label, path + ".valueInteger");
    }
    if (value instanceof Quantity && ((Quantity) value).getValue() != null) {
      BigDecimal v = ((Quantity) value).getValue();
      try {
        return checkSeverity(v.intValueExact(), label, path + ".valueQuantity");
      } catch (ArithmeticException notWhole) {
        throw new IllegalArgumentException(
            label
                + ": "
                + path
                + ".valueQuantity "
                + v.toPlainString()
                + " is not a whole number; expected a 0-10 rating",
            notWhole);
      }
    }
    throw new IllegalArgumentException(
        label + ": " + path + " has no severity value; expected valueInteger 0-10");
  }

  private static int checkSeverity(int severity, String label, String path) {
    if (severity < 0 || severity > CrampEpisode.MAX_SEVERITY) {
      throw new IllegalArgumentException(
          label + ": " + path + " " + severity + " is out of range; expected 0-10");
    }
    return severity;
  }

  private static boolean booleanValue(@Nullable Type value, String label, String path) {
    if (value instanceof BooleanType && ((BooleanType) value).getValue() != null) {
      return ((BooleanType) value).getValue();
    }
    throw new IllegalArgumentException(
        label + ": " + path + " has no valueBoolean; expected true or false");
  }

  private static Optional<Coding> localCoding(CodeableConcept code) {
    for (Coding coding : code.getCoding()) {
      String system = coding.getSystem();
      if (coding.hasCode()
          && (CodeSystems.CRAMPCARE_SETTING.equals(system)
              || CodeSystems.CRAMPCARE_SIGN.equals(system)
              || CodeSystems.CRAMPCARE_RELIEF.equals(system))) {
        return Optional.of(coding);
      }
    }
    return Optional.empty();
  }

  private static BodySite site(Observation o, String label) {
    if (!o.hasBodySite()) {
      throw new IllegalArgumentException(
          label + ": bodySite is missing; expected a SNOMED CT body structure");
    }
    for (Coding coding : o.getBodySite().getCoding()) {
      if (CodeSystems.SNOMED_CT.equals(coding.getSystem())) {
        for (BodySite site : BodySite.values()) {
          if (site.snomed().code().equals(coding.getCode())) {
            return site;
          }
        }
      }
    }
    throw new IllegalArgumentException(
        label
            + ": bodySite "
            + describe(o.getBodySite())
            + " is not a body structure CrampCare knows; expected one of "
            + snomedCodes(BodySite.values()));
  }

  private static Optional<Laterality> laterality(CodeableConcept bodySite, String label) {
    Extension extension = bodySite.getExtensionByUrl(FhirUrls.EXT_LATERALITY);
    if (extension == null) {
      return Optional.empty();
    }
    if (extension.getValue() instanceof CodeableConcept) {
      for (Coding coding : ((CodeableConcept) extension.getValue()).getCoding()) {
        if (CodeSystems.SNOMED_CT.equals(coding.getSystem())) {
          for (Laterality side : Laterality.values()) {
            if (side.snomed().code().equals(coding.getCode())) {
              return Optional.of(side);
            }
          }
        }
      }
    }
    throw new IllegalArgumentException(
        label
            + ": bodySite.extension("
            + FhirUrls.EXT_LATERALITY
            + ") is not a side CrampCare knows; expected SNOMED CT 7771000, 24028007 or 51440002");
  }

  private static String episodeId(Observation o, String label) {
    for (Identifier identifier : o.getIdentifier()) {
      if (IDENTIFIER_SYSTEM.equals(identifier.getSystem())
          && identifier.hasValue()
          && !identifier.getValue().isBlank()) {
        return identifier.getValue();
      }
    }
    if (o.getIdElement().hasIdPart()) {
      return "Observation/" + o.getIdElement().getIdPart();
    }
    throw new IllegalArgumentException(
        label
            + ": neither an identifier in "
            + IDENTIFIER_SYSTEM
            + " nor a resource id; expected one to identify the episode");
  }

  private static String label(Observation o) {
    return o.getIdElement().hasIdPart()
        ? "Observation/" + o.getIdElement().getIdPart()
        : "Observation (no id)";
  }

  private static <E extends Enum<E> & Coded> E known(
      Class<E> type, String code, String label, String path) {
    return fromCode(type, code)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    label
                        + ": "
                        + path
                        + ".code '"
                        + code
                        + "' is not a known "
                        + type.getSimpleName()
                        + "; expected one of "
                        + Codes.allowed(type)));
  }

  private static <E extends Enum<E> & Coded> Optional<E> fromCode(Class<E> type, String code) {
    return Codes.fromCode(type, code);
  }

  private static Instant instant(String label, String path, DateTimeType value) {
    String text = value.getValueAsString();
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          label
              + ": "
              + path
              + " '"
              + text
              + "' is not a date-time with seconds and a time zone; expected for example"
              + " 2026-11-20T03:10:00Z",
          e);
    }
  }

  private static DateTimeType dateTime(
      String episodeId, String field, Instant instant, Optional<ZoneOffset> offset) {
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    if (year < 1 || year > 9999) {
      throw new IllegalArgumentException(
          "episode "
              + episodeId
              + ": "
              + field
              + " "
              + instant
              + " is outside the years 1-9999 that a FHIR dateTime can carry");
    }
    DateTimeType type = new DateTimeType();
    // Instant.toString keeps every fractional digit, so the round trip is exact. With the record's
    // own offset (UTC written +00:00, so that Z keeps meaning "no offset given").
    type.setValueAsString(
        offset.isPresent()
            ? DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(instant.atOffset(offset.get()))
                .replace("Z", "+00:00")
            : instant.toString());
    return type;
  }

  private static boolean hasCoding(CodeableConcept concept, String system, String code) {
    return concept.getCoding().stream()
        .anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
  }

  private static String describe(CodeableConcept concept) {
    List<String> parts = new ArrayList<>();
    for (Coding c : concept.getCoding()) {
      parts.add(c.getSystem() + "|" + c.getCode());
    }
    return parts.isEmpty() ? "(no coding)" : String.join(", ", parts);
  }

  private static String snomedCodes(BodySite[] sites) {
    List<String> codes = new ArrayList<>();
    for (BodySite site : sites) {
      codes.add(site.snomed().code());
    }
    return String.join(", ", codes);
  }

  static CodeableConcept concept(org.crampcare.terminology.Coding coding) {
    return new CodeableConcept().addCoding(coding(coding));
  }

  static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept().addCoding(new Coding(system, code, display));
  }

  static Coding coding(org.crampcare.terminology.Coding coding) {
    return new Coding(coding.system(), coding.code(), coding.display());
  }

  /** Describes an episode in words, for narratives; contains no patient identifiers. */
  static String describeEpisode(CrampEpisode e) {
    StringBuilder s =
        new StringBuilder("Cramp: ")
            .append(e.site().map(site -> site.snomed().display()).orElse("site not recorded"));
    e.laterality().ifPresent(side -> s.append(", ").append(sideWords(side)));
    s.append("; severity ")
        .append(e.severity().map(v -> v + "/10").orElse("not recorded"))
        .append("; ");
    if (e.onsetPrecision() == OnsetPrecision.DAY) {
      s.append("on ").append(e.localDate()).append(" (time not recorded)");
    } else {
      s.append("from ").append(e.onset());
    }
    return s.append(e.duration().map(d -> " for " + duration(d)).orElse(", duration not recorded"))
        .toString();
  }

  private static String sideWords(Laterality side) {
    switch (side) {
      case LEFT:
        return "left side";
      case RIGHT:
        return "right side";
      case BOTH:
        return "both sides";
    }
    throw new AssertionError(side);
  }

  private static String duration(Duration d) {
    long seconds = d.getSeconds();
    List<String> parts = new ArrayList<>();
    if (seconds >= 3600) {
      parts.add(seconds / 3600 + " h");
    }
    if (seconds % 3600 >= 60) {
      parts.add((seconds % 3600) / 60 + " min");
    }
    if (seconds % 60 > 0) {
      parts.add(seconds % 60 + " s");
    }
    // The narrative rounds down to whole seconds; the effectivePeriod keeps every digit.
    return parts.isEmpty() ? "under 1 s" : String.join(" ", parts);
  }

  private static Narrative narrative(CrampEpisode e) {
    Xhtml x = new Xhtml().paragraph(describeEpisode(e));
    List<String> details = new ArrayList<>();
    e.settings().forEach(s -> details.add("Setting: " + s.display()));
    e.signs().forEach(s -> details.add("With: " + s.display()));
    e.reliefTried()
        .forEach(
            r ->
                details.add(
                    "Tried: "
                        + r.measure().display()
                        + (r.helped() ? " (helped)" : " (did not help)")));
    e.impacts().forEach(i -> details.add("Impact: " + i.display()));
    return x.list(details).toNarrative();
  }
}
