package org.crampcare.fhir;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.ReliefMeasure;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads a {@link CrampDiary} response as a cramp episode: the library's own {@code $extract}. Only
 * the onset is required; an answer that cannot be read is reported and left out, never guessed. A
 * response to another Questionnaire is not a cramp record and is left alone.
 */
final class DiaryReader {
  private DiaryReader() {}

  static void read(ImportRun run, InboundEntry entry, QuestionnaireResponse response) {
    if (!CrampDiary.isDiary(response)) {
      return;
    }
    if (!run.aboutPatient(entry, response.getSubject(), "subject")) {
      return;
    }
    QuestionnaireResponseStatus status = response.getStatus();
    if (status != QuestionnaireResponseStatus.COMPLETED
        && status != QuestionnaireResponseStatus.AMENDED) {
      run.crampRecordNotUsable(
          entry,
          IssueType.BUSINESSRULE,
          "status",
          "status is '"
              + (status == null ? "missing" : status.toCode())
              + "'; only a completed or amended diary entry is read");
      return;
    }
    Optional<String> id = run.keyOf(entry);
    if (id.isEmpty()) {
      return;
    }
    List<QuestionnaireResponseItemComponent> items = new ArrayList<>();
    CrampDiary.flatten(response.getItem(), items);
    Optional<Type> onsetAnswer = first(items, "onset");
    Optional<InboundDates.FhirTime> start =
        onsetAnswer.flatMap(
            v ->
                v instanceof org.hl7.fhir.r4.model.PrimitiveType
                    ? InboundDates.read((org.hl7.fhir.r4.model.PrimitiveType<?>) v)
                    : Optional.empty());
    if (start.isEmpty() || !start.get().atLeastDay()) {
      run.crampRecordNotUsable(
          entry,
          IssueType.INCOMPLETE,
          "item[onset]",
          onsetAnswer.isEmpty()
              ? "the diary entry has no answer to 'onset'; a cramp record needs at least the day"
                  + " it happened"
              : "the answer to 'onset' is not a date precise to the day");
      return;
    }
    CrampEpisode.Builder b = EpisodeReader.onsetBuilder(id.get(), start.get());
    first(items, "duration")
        .ifPresent(
            v -> {
              Integer minutes = integer(v);
              if (minutes != null
                  && minutes > 0
                  && Duration.ofMinutes(minutes).compareTo(CrampDiary.MAX_DURATION) <= 0) {
                b.duration(Duration.ofMinutes(minutes));
              } else {
                note(run, entry, "duration", v, "expected whole minutes from 1 to 1440");
              }
            });
    coded(run, entry, items, "site", CrampDiary::site, "a body site of the diary").forEach(b::site);
    coded(run, entry, items, "side", CrampDiary::side, "left, right or both (SNOMED CT)")
        .forEach(b::side);
    first(items, "severity")
        .ifPresent(
            v -> {
              Integer s = integer(v);
              if (s != null && s >= 0 && s <= CrampEpisode.MAX_SEVERITY) {
                b.severity(s);
              } else {
                note(run, entry, "severity", v, "expected a whole number from 0 to 10");
              }
            });
    coded(run, entry, items, "setting", CrampDiary::setting, "a CrampCare setting code")
        .forEach(b::setting);
    coded(run, entry, items, "signs", CrampDiary::sign, "a CrampCare associated-sign code")
        .forEach(b::sign);
    coded(
            run,
            entry,
            items,
            "impact",
            CrampDiary::impact,
            "disturbed-sleep or limited-daily-activities")
        .forEach(b::impact);
    for (QuestionnaireResponseItemComponent relief : byLinkId(items, "relief")) {
      List<QuestionnaireResponseItemComponent> parts = new ArrayList<>();
      CrampDiary.flatten(relief.getItem(), parts);
      Optional<ReliefMeasure> measure =
          first(parts, "relief-measure")
              .flatMap(
                  v -> v instanceof Coding ? CrampDiary.measure((Coding) v) : Optional.empty());
      Optional<Type> helped = first(parts, "relief-helped");
      if (measure.isPresent()
          && helped.isPresent()
          && helped.get() instanceof org.hl7.fhir.r4.model.BooleanType
          && ((org.hl7.fhir.r4.model.BooleanType) helped.get()).getValue() != null) {
        b.relief(measure.get(), ((org.hl7.fhir.r4.model.BooleanType) helped.get()).booleanValue());
      } else {
        run.report.note(
            entry,
            IssueType.INCOMPLETE,
            "item[relief]",
            "a 'relief' answer needs a known relief-measure and whether it helped: left out");
      }
    }
    CrampEpisode episode;
    try {
      episode = b.build();
    } catch (IllegalArgumentException e) {
      run.crampRecordNotUsable(entry, IssueType.VALUE, "item", String.valueOf(e.getMessage()));
      return;
    }
    List<String> identifiers =
        response.hasIdentifier()
            ? EpisodeReader.identifiers(List.of(response.getIdentifier()))
            : List.of();
    EpisodeReader.add(run, entry, episode, identifiers, "diary");
  }

  private static <T> List<T> coded(
      ImportRun run,
      InboundEntry entry,
      List<QuestionnaireResponseItemComponent> items,
      String linkId,
      Function<Coding, Optional<T>> lookup,
      String expected) {
    List<T> values = new ArrayList<>();
    for (QuestionnaireResponseItemComponent item : byLinkId(items, linkId)) {
      for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
        Type v = answer.getValue();
        Optional<T> value = v instanceof Coding ? lookup.apply((Coding) v) : Optional.empty();
        if (value.isPresent()) {
          values.add(value.get());
        } else {
          note(run, entry, linkId, v, "expected " + expected);
        }
      }
    }
    return values;
  }

  private static void note(
      ImportRun run, InboundEntry entry, String linkId, Type v, String expected) {
    String shown =
        v instanceof Coding
            ? ((Coding) v).getSystem() + "|" + ((Coding) v).getCode()
            : v == null ? "(no value)" : v.primitiveValue();
    run.report.note(
        entry,
        IssueType.VALUE,
        "item[" + linkId + "]",
        "the answer to '"
            + linkId
            + "' ("
            + shown
            + ") is not usable: "
            + expected
            + "; left out, not guessed");
  }

  private static Optional<Type> first(
      List<QuestionnaireResponseItemComponent> items, String linkId) {
    for (QuestionnaireResponseItemComponent item : byLinkId(items, linkId)) {
      if (item.hasAnswer()) {
        return Optional.ofNullable(item.getAnswerFirstRep().getValue());
      }
    }
    return Optional.empty();
  }

  private static List<QuestionnaireResponseItemComponent> byLinkId(
      List<QuestionnaireResponseItemComponent> items, String linkId) {
    List<QuestionnaireResponseItemComponent> found = new ArrayList<>();
    for (QuestionnaireResponseItemComponent item : items) {
      if (linkId.equals(item.getLinkId())) {
        found.add(item);
      }
    }
    return found;
  }

  private static @org.jspecify.annotations.Nullable Integer integer(Type v) {
    return v instanceof org.hl7.fhir.r4.model.IntegerType
        ? ((org.hl7.fhir.r4.model.IntegerType) v).getValue()
        : null;
  }
}
