package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.OnsetPrecision;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.ReliefTried;
import org.crampcare.episode.Setting;
import org.hl7.fhir.r4.model.Observation;

/**
 * Properties of the cramp-episode mapping over arbitrary episodes: every enum value, side, duration
 * (to the nanosecond), severity, relief list and onset from 1900 to 2100. (jqwik runs
 * {@code @Property} methods of top-level classes; a JUnit {@code @Nested} class would hide them.)
 */
class EpisodeRoundTripTest {
  private static final String PATIENT = "Patient/p1";

  @Property(tries = 300)
  void fromObservation_ofToObservation_isTheSameEpisode(@ForAll("episodes") CrampEpisode e) {
    Observation o = EpisodeObservations.toObservation(e, PATIENT);

    assertThat(EpisodeObservations.fromObservation(o)).isEqualTo(e);
  }

  @Property(tries = 200)
  void fromObservation_afterJsonEncodeAndParse_isTheSameEpisode(
      @ForAll("episodes") CrampEpisode e) {
    String json =
        OutboundTestSupport.CTX
            .newJsonParser()
            .encodeResourceToString(EpisodeObservations.toObservation(e, PATIENT));
    Observation parsed =
        OutboundTestSupport.CTX.newJsonParser().parseResource(Observation.class, json);

    assertThat(EpisodeObservations.fromObservation(parsed)).isEqualTo(e);
  }

  @Property(tries = 40)
  void toObservation_anyEpisode_validatesAgainstTheProfileWithZeroErrors(
      @ForAll("episodes") CrampEpisode e) {
    ValidationReport report =
        OutboundTestSupport.VALIDATOR.validate(EpisodeObservations.toObservation(e, PATIENT));

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings())
        .allSatisfy(w -> assertThat(w.message()).matches(OutboundTestSupport.EXPECTED_WARNING));
  }

  @Provide
  Arbitrary<CrampEpisode> episodes() {
    Arbitrary<String> ids =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .withChars('-')
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(s -> !s.isBlank());
    Arbitrary<Instant> onsets =
        Arbitraries.longs()
            .between(
                Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2100-01-01T00:00:00Z").getEpochSecond())
            .flatMap(
                s ->
                    Arbitraries.integers()
                        .between(0, 999_999_999)
                        .injectNull(0.5)
                        .map(n -> Instant.ofEpochSecond(s, n == null ? 0 : n)));
    Arbitrary<Duration> durations =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, 3 * 24 * 3600L).map(Duration::ofSeconds),
            Arbitraries.longs().between(1, 10_000_000_000L).map(Duration::ofNanos));
    Arbitrary<Optional<Laterality>> sides = Arbitraries.of(Laterality.class).optional(0.7);
    Arbitrary<Set<Setting>> settings = Arbitraries.of(Setting.class).set();
    Arbitrary<Set<AssociatedSign>> signs = Arbitraries.of(AssociatedSign.class).set();
    Arbitrary<List<ReliefTried>> reliefs =
        Combinators.combine(Arbitraries.of(ReliefMeasure.class), Arbitraries.of(true, false))
            .as(ReliefTried::new)
            .list()
            .ofMaxSize(5);
    Arbitrary<Set<Impact>> impacts = Arbitraries.of(Impact.class).set();
    return Combinators.combine(
            ids,
            onsets,
            durations.optional(),
            Arbitraries.of(BodySite.class).optional(),
            sides,
            Arbitraries.integers().between(0, CrampEpisode.MAX_SEVERITY).optional(),
            settings,
            signs)
        .as(
            (id, onset, duration, site, side, severity, set, sign) ->
                new CrampEpisode(
                    id,
                    onset,
                    OnsetPrecision.INSTANT,
                    Optional.empty(),
                    duration,
                    site,
                    site.isPresent() ? side : Optional.empty(),
                    severity,
                    set,
                    sign,
                    List.of(),
                    Set.of()))
        .flatMap(
            e ->
                Combinators.combine(reliefs, impacts)
                    .as(
                        (r, i) ->
                            new CrampEpisode(
                                e.id(),
                                e.onset(),
                                e.onsetPrecision(),
                                e.offset(),
                                e.duration(),
                                e.site(),
                                e.laterality(),
                                e.severity(),
                                e.settings(),
                                e.signs(),
                                r,
                                i)));
  }
}
