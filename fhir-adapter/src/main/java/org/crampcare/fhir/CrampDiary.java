package org.crampcare.fhir;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.OnsetPrecision;
import org.crampcare.episode.ReliefTried;
import org.crampcare.episode.Setting;
import org.crampcare.terminology.CodeSystems;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;

/**
 * CrampCare's cramp diary: the {@code Questionnaire} {@value #URL} (shipped with the conformance
 * resources) and its responses.
 *
 * <p>One response records one cramp. Its answers sit in the group {@code cramp}: {@code onset}
 * (dateTime, required), {@code duration} (minutes), {@code site} and {@code side} (SNOMED CT, the
 * ValueSets of the cramp-episode profile), {@code severity} (0-10), {@code setting}, {@code signs}
 * and {@code impact} (CrampCare's code systems), and repeated {@code relief} groups of {@code
 * relief-measure} and {@code relief-helped}. The group carries the SDC observation-extract
 * definition (Symptom, LOINC 75325-1) and the severity is its component (LOINC 72514-3), so a
 * server's {@code $extract} makes an Observation of it; {@link FhirImporter} reads a response as a
 * cramp episode directly, with the same reporting as any other record.
 */
public final class CrampDiary {
  /** The diary Questionnaire's canonical URL. */
  public static final String URL = FhirUrls.BASE + "Questionnaire/cramp-diary";

  /** The diary Questionnaire's version. */
  public static final String VERSION = "0.1.0";

  private CrampDiary() {}

  /** Returns whether a response's {@code questionnaire} is the diary (with or without version). */
  public static boolean isDiary(QuestionnaireResponse response) {
    String canonical = response.getQuestionnaire();
    return canonical != null && (canonical.equals(URL) || canonical.startsWith(URL + "|"));
  }

  /** Returns the diary Questionnaire, as shipped. */
  public static Questionnaire questionnaire(ca.uhn.fhir.context.FhirContext r4Context) {
    return Conformance.resources(r4Context).stream()
        .filter(Questionnaire.class::isInstance)
        .map(Questionnaire.class::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the diary Questionnaire is not shipped"));
  }

  /**
   * Writes one episode as a completed diary response, as the diary page does.
   *
   * @param episode the cramp, as the patient entered it
   * @param patientReference the patient, for example {@code Patient/123}
   * @param authored when the response was written
   */
  public static QuestionnaireResponse response(
      CrampEpisode episode, String patientReference, Instant authored) {
    QuestionnaireResponse r = new QuestionnaireResponse();
    r.setQuestionnaire(URL + "|" + VERSION);
    r.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    r.setSubject(new Reference(patientReference));
    r.setAuthor(new Reference(patientReference));
    r.setSource(new Reference(patientReference));
    r.setAuthoredElement(new DateTimeType(authored.toString()));
    QuestionnaireResponseItemComponent group =
        r.addItem().setLinkId("cramp").setText("One muscle cramp");
    ZoneOffset offset = episode.offset().orElse(ZoneOffset.UTC);
    String onset =
        episode.onsetPrecision() == OnsetPrecision.DAY
            ? episode.localDate().toString()
            : OffsetDateTime.ofInstant(episode.onset(), offset)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    group.addItem().setLinkId("onset").addAnswer().setValue(new DateTimeType(onset));
    episode
        .duration()
        .ifPresent(
            d ->
                group
                    .addItem()
                    .setLinkId("duration")
                    .addAnswer()
                    .setValue(new IntegerType((int) Math.max(1, d.toMinutes()))));
    episode
        .site()
        .ifPresent(s -> group.addItem().setLinkId("site").addAnswer().setValue(coding(s.snomed())));
    episode
        .laterality()
        .ifPresent(s -> group.addItem().setLinkId("side").addAnswer().setValue(coding(s.snomed())));
    episode
        .severity()
        .ifPresent(
            s -> group.addItem().setLinkId("severity").addAnswer().setValue(new IntegerType(s)));
    if (!episode.settings().isEmpty()) {
      QuestionnaireResponseItemComponent item = group.addItem().setLinkId("setting");
      episode.settings().forEach(s -> item.addAnswer().setValue(coding(s.coding())));
    }
    if (!episode.signs().isEmpty()) {
      QuestionnaireResponseItemComponent item = group.addItem().setLinkId("signs");
      episode.signs().forEach(s -> item.addAnswer().setValue(coding(s.coding())));
    }
    for (ReliefTried relief : episode.reliefTried()) {
      QuestionnaireResponseItemComponent item = group.addItem().setLinkId("relief");
      item.addItem()
          .setLinkId("relief-measure")
          .addAnswer()
          .setValue(coding(relief.measure().coding()));
      item.addItem()
          .setLinkId("relief-helped")
          .addAnswer()
          .setValue(new BooleanType(relief.helped()));
    }
    if (!episode.impacts().isEmpty()) {
      QuestionnaireResponseItemComponent item = group.addItem().setLinkId("impact");
      episode
          .impacts()
          .forEach(
              i ->
                  item.addAnswer()
                      .setValue(new Coding(CodeSystems.CRAMPCARE_RELIEF, i.code(), i.display())));
    }
    return r;
  }

  private static Coding coding(org.crampcare.terminology.Coding c) {
    return new Coding(c.system(), c.code(), c.display());
  }

  static Optional<BodySite> site(Coding c) {
    for (BodySite s : BodySite.values()) {
      if (s.snomed().system().equals(c.getSystem()) && s.snomed().code().equals(c.getCode())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static Optional<Laterality> side(Coding c) {
    for (Laterality s : Laterality.values()) {
      if (s.snomed().system().equals(c.getSystem()) && s.snomed().code().equals(c.getCode())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static Optional<Setting> setting(Coding c) {
    for (Setting s : Setting.values()) {
      if (s.coding().system().equals(c.getSystem()) && s.code().equals(c.getCode())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static Optional<AssociatedSign> sign(Coding c) {
    for (AssociatedSign s : AssociatedSign.values()) {
      if (s.coding().system().equals(c.getSystem()) && s.code().equals(c.getCode())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static Optional<org.crampcare.episode.ReliefMeasure> measure(Coding c) {
    for (org.crampcare.episode.ReliefMeasure s : org.crampcare.episode.ReliefMeasure.values()) {
      if (s.coding().system().equals(c.getSystem()) && s.code().equals(c.getCode())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  static Optional<Impact> impact(Coding c) {
    for (Impact s : Impact.values()) {
      if (CodeSystems.CRAMPCARE_RELIEF.equals(c.getSystem()) && s.code().equals(c.getCode())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The largest duration read: a "cramp" longer than a day is a data error. */
  static final Duration MAX_DURATION = Duration.ofDays(1);

  /** Returns the items of a list of items, flattened, for lookups by linkId. */
  static void flatten(
      List<QuestionnaireResponseItemComponent> items,
      List<QuestionnaireResponseItemComponent> out) {
    for (QuestionnaireResponseItemComponent item : items) {
      out.add(item);
      flatten(item.getItem(), out);
      item.getAnswer().forEach(a -> flatten(a.getItem(), out));
    }
  }
}
