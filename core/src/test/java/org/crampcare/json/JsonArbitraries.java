package org.crampcare.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.patient.Condition;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.ExerciseHabit;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.Medication;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.patient.Sex;
import org.crampcare.testing.CrampArbitraries;

/**
 * jqwik generators for the JSON round-trip properties. Values that depend on an id or on the
 * assessment time are generated as templates (functions of the id or the time) rather than with
 * {@code flatMap}, which is far slower in jqwik.
 */
final class JsonArbitraries {
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final long THIRTY_YEARS_OF_SECONDS = 30L * 366 * 24 * 3600;
  private static final long SIXTY_DAYS_OF_SECONDS = 60L * 24 * 3600;
  private static final int MAX_EPISODES = 12;

  private JsonArbitraries() {}

  /** Ids and names with characters JSON must escape, never blank. */
  static Arbitrary<String> ids() {
    return Arbitraries.strings()
        .ascii()
        .withChars("éü€\"\\\n\t/")
        .ofMinLength(1)
        .ofMaxLength(12)
        .filter(s -> !s.isBlank());
  }

  /** Instants from 2000 to 2030 with any nanosecond. */
  static Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.longs().between(SIXTY_DAYS_OF_SECONDS, THIRTY_YEARS_OF_SECONDS),
            Arbitraries.integers().between(0, 999_999_999))
        .as((seconds, nanos) -> EARLIEST.plusSeconds(seconds).plusNanos(nanos));
  }

  static Arbitrary<CrampArbitraries.EpisodeTemplate> episodeTemplates() {
    return CrampArbitraries.episodeTemplates();
  }

  static <E extends Enum<E>> Arbitrary<Set<E>> subsetOf(Class<E> type) {
    return CrampArbitraries.subsetOf(type);
  }

  /** Any episode. */
  static Arbitrary<CrampEpisode> episodes() {
    return Combinators.combine(ids(), instants(), episodeTemplates())
        .as((id, latest, template) -> template.apply(id, latest));
  }

  private static Arbitrary<List<CrampArbitraries.EpisodeTemplate>> histories() {
    return episodeTemplates().list().ofMaxSize(MAX_EPISODES);
  }

  private static List<CrampEpisode> history(
      List<CrampArbitraries.EpisodeTemplate> templates, Instant asOf) {
    List<CrampEpisode> episodes = new ArrayList<>();
    for (int i = 0; i < templates.size(); i++) {
      episodes.add(templates.get(i).apply("episode-" + i, asOf));
    }
    return episodes;
  }

  /** Lists of episodes with unique ids. */
  static Arbitrary<List<CrampEpisode>> episodeLists() {
    return Combinators.combine(instants(), histories()).as((at, h) -> history(h, at));
  }

  /** Non-negative decimals with a scale from 0 to 6, trailing zeros included. */
  static Arbitrary<BigDecimal> decimals() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 5_000_000_000L), Arbitraries.integers().between(0, 6))
        .as(BigDecimal::valueOf);
  }

  static Arbitrary<Optional<ReferenceRange>> ranges() {
    Arbitrary<ReferenceRange> both =
        Combinators.combine(decimals(), decimals())
            .as(
                (a, b) ->
                    a.compareTo(b) <= 0
                        ? new ReferenceRange(Optional.of(a), Optional.of(b))
                        : new ReferenceRange(Optional.of(b), Optional.of(a)));
    Arbitrary<ReferenceRange> lowOnly =
        decimals().map(v -> new ReferenceRange(Optional.of(v), Optional.empty()));
    Arbitrary<ReferenceRange> highOnly =
        decimals().map(v -> new ReferenceRange(Optional.empty(), Optional.of(v)));
    return Arbitraries.oneOf(both, lowOnly, highOnly).optional();
  }

  /** Makes a lab result from its id and the assessment date; taken up to two years before. */
  interface LabTemplate extends BiFunction<String, LocalDate, LabResult> {}

  static Arbitrary<LabTemplate> labTemplates() {
    return Combinators.combine(
            Arbitraries.of(Analyte.class),
            Arbitraries.integers().between(0, 2),
            decimals(),
            Arbitraries.integers().between(0, 730),
            ranges())
        .as(
            (analyte, unitIndex, value, daysBefore, range) ->
                (id, asOf) ->
                    new LabResult(
                        id,
                        analyte,
                        value,
                        analyte.units().get(unitIndex % analyte.units().size()),
                        asOf.minusDays(daysBefore),
                        range));
  }

  static Arbitrary<Function<String, Condition>> conditionTemplates() {
    return Combinators.combine(
            Arbitraries.of(ConditionKind.class), Arbitraries.integers().between(1, 5).optional())
        .as(
            (kind, stage) ->
                id ->
                    kind == ConditionKind.CHRONIC_KIDNEY_DISEASE
                        ? new Condition(id, kind, stage)
                        : Condition.of(id, kind));
  }

  static Arbitrary<Function<String, Medication>> medicationTemplates() {
    return Combinators.combine(Arbitraries.of(MedicationClass.class), ids())
        .as((medicationClass, name) -> id -> new Medication(id, medicationClass, name));
  }

  static Arbitrary<Lifestyle> lifestyles() {
    return Combinators.combine(
            Arbitraries.doubles().between(0, 20).optional(),
            Arbitraries.doubles().between(0, 1e6).optional(),
            Arbitraries.of(ExerciseHabit.class),
            Arbitraries.doubles().between(0, 24).optional(),
            Arbitraries.doubles().between(0, 24).optional(),
            Arbitraries.of(true, false))
        .as(Lifestyle::new);
  }

  private static <T> List<T> numbered(String prefix, List<Function<String, T>> templates) {
    List<T> items = new ArrayList<>();
    for (int i = 0; i < templates.size(); i++) {
      items.add(templates.get(i).apply(prefix + i));
    }
    return items;
  }

  /** Makes a patient from the assessment date: born up to 100 years before it. */
  static Arbitrary<Function<LocalDate, PatientContext>> patientTemplates() {
    return Combinators.combine(
            ids().optional(),
            Arbitraries.integers().between(0, 100 * 366),
            Arbitraries.of(Sex.class),
            Arbitraries.of(true, false),
            conditionTemplates().list().ofMaxSize(4),
            medicationTemplates().list().ofMaxSize(4),
            labTemplates().list().ofMaxSize(6),
            lifestyles())
        .as(
            (id, ageDays, sex, pregnant, conditions, medications, labs, lifestyle) ->
                asOf -> {
                  List<LabResult> results = new ArrayList<>();
                  for (int i = 0; i < labs.size(); i++) {
                    results.add(labs.get(i).apply("Observation/" + i, asOf));
                  }
                  return new PatientContext(
                      id,
                      asOf.minusDays(ageDays),
                      sex,
                      pregnant,
                      numbered("Condition/", conditions),
                      numbered("MedicationRequest/", medications),
                      results,
                      lifestyle,
                      List.of());
                });
  }

  /** Any patient. */
  static Arbitrary<PatientContext> patients() {
    return Combinators.combine(instants(), patientTemplates())
        .as((at, template) -> template.apply(LocalDate.ofInstant(at, ZoneOffset.UTC)));
  }

  /** Assessment requests whose episodes and birth date are not after {@code asOf}. */
  static Arbitrary<AssessmentInput> inputs() {
    return Combinators.combine(instants(), patientTemplates(), histories())
        .as(
            (asOf, patient, templates) ->
                new AssessmentInput(
                    asOf,
                    patient.apply(LocalDate.ofInstant(asOf, ZoneOffset.UTC)),
                    history(templates, asOf)));
  }
}
