package org.crampcare.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.OnsetPrecision;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.ReliefTried;
import org.crampcare.episode.Setting;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabFlag;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.patient.Condition;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.ExerciseHabit;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.patient.Sex;

/**
 * jqwik arbitraries for episodes, episode histories and patients, relative to {@link Episodes#NOW}.
 * Histories reach 40 days back (past the default 28-day window); patients are 10 to 95 years old
 * with any mix of conditions, medications, labs (current, stale or future-dated, with or without a
 * lab range) and lifestyle. Ids are unique within each list.
 */
public final class CrampArbitraries {
  private static final long WINDOW_SECONDS = Duration.ofDays(40).getSeconds();

  private static final long SIXTY_DAYS = 60L * 24 * 3600;

  private CrampArbitraries() {}

  /** Positive durations up to three days, some with fractions of a second. */
  public static Arbitrary<Duration> durations() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, 3 * 24 * 3600).map(Duration::ofSeconds),
        Arbitraries.longs().between(1, 3L * 24 * 3600 * 1_000_000_000).map(Duration::ofNanos));
  }

  /** Subsets of an enum's constants. */
  public static <E extends Enum<E>> Arbitrary<Set<E>> subsetOf(Class<E> type) {
    return Arbitraries.of(type)
        .set()
        .ofMaxSize(type.getEnumConstants().length)
        .map(s -> s.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(s));
  }

  /** Makes an episode from its id and the latest time it may start. */
  public interface EpisodeTemplate extends BiFunction<String, Instant, CrampEpisode> {}

  private record Head(
      long secondsBefore,
      Optional<Duration> duration,
      Optional<BodySite> site,
      Optional<Laterality> side,
      Optional<Integer> severity) {}

  /** When and how precisely an onset is known. */
  private record When(OnsetPrecision precision, Optional<ZoneOffset> offset) {}

  /**
   * Episodes as a chart records them, starting up to 60 days before a given time: any of duration,
   * site, side and severity may be unknown, the onset known to the instant or only to the day, with
   * or without the record's UTC offset.
   */
  public static Arbitrary<EpisodeTemplate> episodeTemplates() {
    Arbitrary<List<ReliefTried>> relief =
        Combinators.combine(Arbitraries.of(ReliefMeasure.class), Arbitraries.of(true, false))
            .as(ReliefTried::new)
            .list()
            .ofMaxSize(4);
    Arbitrary<Head> heads =
        Combinators.combine(
                Arbitraries.longs().between(0, SIXTY_DAYS),
                durations().optional(),
                Arbitraries.of(BodySite.class).optional(),
                Arbitraries.of(Laterality.class).optional(),
                Arbitraries.integers().between(0, CrampEpisode.MAX_SEVERITY).optional())
            .as(Head::new);
    Arbitrary<When> whens =
        Combinators.combine(
                Arbitraries.of(OnsetPrecision.class),
                Arbitraries.integers()
                    .between(-12 * 4, 14 * 4)
                    .map(q -> ZoneOffset.ofTotalSeconds(q * 15 * 60))
                    .optional())
            .as(When::new);
    return Combinators.combine(
            heads,
            whens,
            subsetOf(Setting.class),
            subsetOf(AssociatedSign.class),
            relief,
            subsetOf(Impact.class))
        .as(
            (head, when, settings, signs, reliefTried, impacts) ->
                (id, latest) ->
                    new CrampEpisode(
                        id,
                        latest.minusSeconds(head.secondsBefore()),
                        when.precision(),
                        when.offset(),
                        head.duration(),
                        head.site(),
                        head.side(),
                        head.severity(),
                        settings,
                        signs,
                        reliefTried,
                        impacts));
  }

  /** One episode with id {@code e} as a chart records it (see {@link #episodeTemplates()}). */
  public static Arbitrary<CrampEpisode> chartEpisode() {
    return episodeTemplates().map(t -> t.apply("e", Episodes.NOW));
  }

  /** One episode with id {@code e}, at any time up to 40 days before {@link Episodes#NOW}. */
  public static Arbitrary<CrampEpisode> episode() {
    Arbitrary<Long> secondsAgo = Arbitraries.longs().between(0, WINDOW_SECONDS);
    Arbitrary<Long> durationSeconds = Arbitraries.longs().between(1, 3600);
    Arbitrary<BodySite> site = Arbitraries.of(BodySite.class);
    Arbitrary<Optional<Laterality>> side = Arbitraries.of(Laterality.class).optional();
    Arbitrary<Integer> severity = Arbitraries.integers().between(0, CrampEpisode.MAX_SEVERITY);
    Arbitrary<Set<Setting>> settings = Arbitraries.subsetOf(Setting.values()).ofMaxSize(3);
    Arbitrary<Set<AssociatedSign>> signs =
        Arbitraries.subsetOf(AssociatedSign.values()).ofMaxSize(3);
    Arbitrary<Set<Impact>> impacts = Arbitraries.subsetOf(Impact.values());
    Arbitrary<List<ReliefMeasure>> relief = Arbitraries.of(ReliefMeasure.class).list().ofMaxSize(3);
    Arbitrary<CrampEpisode.Builder> core =
        Combinators.combine(secondsAgo, durationSeconds, site, side, severity)
            .as(
                (ago, seconds, s, lat, sev) -> {
                  CrampEpisode.Builder b =
                      CrampEpisode.builder("e", Episodes.NOW.minusSeconds(ago), s)
                          .duration(Duration.ofSeconds(seconds))
                          .severity(sev);
                  lat.ifPresent(b::side);
                  return b;
                });
    return Combinators.combine(core, settings, signs, impacts, relief)
        .as(
            (b, set, sig, imp, rel) -> {
              set.forEach(b::setting);
              sig.forEach(b::sign);
              imp.forEach(b::impact);
              for (int i = 0; i < rel.size(); i++) {
                b.relief(rel.get(i), i % 2 == 0);
              }
              return b.build();
            });
  }

  /**
   * A history of 0 to 40 episodes with ids {@code e1}, {@code e2}...: as a diary app records them
   * (everything known) and as a chart does (see {@link #chartEpisode()}), mixed.
   */
  public static Arbitrary<List<CrampEpisode>> episodes() {
    return Arbitraries.oneOf(episode(), chartEpisode())
        .list()
        .ofMaxSize(40)
        .map(
            list -> {
              List<CrampEpisode> result = new ArrayList<>();
              for (int i = 0; i < list.size(); i++) {
                CrampEpisode e = list.get(i);
                result.add(
                    new CrampEpisode(
                        "e" + (i + 1),
                        e.onset(),
                        e.onsetPrecision(),
                        e.offset(),
                        e.duration(),
                        e.site(),
                        e.laterality(),
                        e.severity(),
                        e.settings(),
                        e.signs(),
                        e.reliefTried(),
                        e.impacts()));
              }
              return result;
            });
  }

  /** A lab result with id {@code l}: any analyte, any of its units, dated -5 to 500 days ago. */
  public static Arbitrary<LabResult> lab() {
    return Combinators.combine(
            Arbitraries.of(Analyte.class),
            Arbitraries.integers().between(0, 3),
            Arbitraries.doubles().between(0, 200).ofScale(2),
            Arbitraries.integers().between(-5, 500),
            Arbitraries.doubles().between(0, 100).ofScale(2).optional(),
            Arbitraries.doubles().between(0, 100).ofScale(2))
        .as(
            (analyte, unitIndex, value, daysAgo, low, width) ->
                new LabResult(
                    "l",
                    analyte,
                    BigDecimal.valueOf(value),
                    analyte.units().get(unitIndex % analyte.units().size()),
                    Patients.TODAY.minusDays(daysAgo),
                    low.map(
                        l ->
                            ReferenceRange.of(
                                BigDecimal.valueOf(l),
                                BigDecimal.valueOf(l + width)
                                    .setScale(2, RoundingMode.HALF_EVEN)))));
  }

  /**
   * Up to three signs recorded on their own: any sign, a site or none, recorded 0 to 60 days ago
   * (so some fall outside the window) or only known as an ongoing problem.
   */
  public static Arbitrary<List<SignFinding>> findings() {
    return Combinators.combine(
            Arbitraries.of(AssociatedSign.class),
            Arbitraries.of(BodySite.class).optional(),
            Arbitraries.integers().between(0, 60 * 24).optional(),
            Arbitraries.of(true, false))
        .as(
            (sign, site, hoursAgo, ongoing) ->
                new SignFinding(
                    "f",
                    sign,
                    site,
                    hoursAgo.map(h -> Episodes.NOW.minus(Duration.ofHours(h))),
                    ongoing || hoursAgo.isEmpty()))
        .list()
        .ofMaxSize(3);
  }

  private record LifestyleAndFindings(Lifestyle lifestyle, List<SignFinding> findings) {}

  /** A lifestyle with any mix of known and unknown values. */
  public static Arbitrary<Lifestyle> lifestyle() {
    return Combinators.combine(
            Arbitraries.doubles().between(0, 5).ofScale(1).optional(),
            Arbitraries.doubles().between(0, 40).ofScale(0).optional(),
            Arbitraries.of(ExerciseHabit.class),
            Arbitraries.doubles().between(0, 12).ofScale(1).optional(),
            Arbitraries.doubles().between(0, 16).ofScale(1).optional(),
            Arbitraries.of(true, false))
        .as(Lifestyle::new);
  }

  /** A patient aged 10 to 95 on {@link Patients#TODAY}, with anything recorded. */
  public static Arbitrary<PatientContext> patient() {
    Arbitrary<LocalDate> birthDate =
        Combinators.combine(
                Arbitraries.integers().between(10, 95), Arbitraries.integers().between(0, 364))
            .as((years, days) -> Patients.TODAY.minusYears(years).minusDays(days));
    Arbitrary<Set<ConditionKind>> conditions =
        Arbitraries.subsetOf(ConditionKind.values()).ofMaxSize(4);
    Arbitrary<Optional<Integer>> ckdStage = Arbitraries.integers().between(1, 5).optional();
    Arbitrary<List<MedicationClass>> medications =
        Arbitraries.of(MedicationClass.class).list().ofMaxSize(5);
    Arbitrary<List<LabResult>> labs =
        Combinators.combine(lab(), Arbitraries.of(LabFlag.class).optional())
            .as((r, flag) -> flag.map(r::flagged).orElse(r))
            .list()
            .ofMaxSize(10);
    return Combinators.combine(
            birthDate,
            Arbitraries.of(Sex.class),
            Arbitraries.of(true, false),
            conditions,
            ckdStage,
            medications,
            labs,
            Combinators.combine(lifestyle(), findings()).as(LifestyleAndFindings::new))
        .as(
            (born, sex, pregnant, kinds, stage, meds, results, rest) -> {
              Lifestyle life = rest.lifestyle();
              List<SignFinding> found = rest.findings();
              PatientContext.Builder b =
                  PatientContext.builder(born, sex).id("patient-1").pregnant(pregnant);
              int c = 1;
              for (ConditionKind kind : kinds) {
                String id = "Condition/c" + c++;
                b.condition(
                    kind == ConditionKind.CHRONIC_KIDNEY_DISEASE
                        ? new Condition(id, kind, stage)
                        : Condition.of(id, kind));
              }
              int m = 1;
              for (MedicationClass med : meds) {
                b.medication("MedicationRequest/m" + m++, med, med.display());
              }
              int l = 1;
              for (LabResult r : results) {
                b.lab(
                    new LabResult(
                        "Observation/l" + l++,
                        r.analyte(),
                        r.value(),
                        r.unit(),
                        r.date(),
                        r.referenceRange(),
                        r.censoring(),
                        r.flag()));
              }
              int f = 1;
              for (SignFinding finding : found) {
                b.finding(
                    new SignFinding(
                        "Observation/f" + f++,
                        finding.sign(),
                        finding.site(),
                        finding.recorded(),
                        finding.ongoing()));
              }
              return b.lifestyle(life).build();
            });
  }
}
