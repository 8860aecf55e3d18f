package org.crampcare.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CrampEpisodeTest {

  private static final Instant ONSET = Instant.parse("2026-11-20T02:30:00Z");

  private static CrampEpisode.Builder calf() {
    return CrampEpisode.builder("e1", ONSET, BodySite.CALF);
  }

  @Nested
  class Validation {

    @ParameterizedTest
    @ValueSource(ints = {11, -1, 100, Integer.MIN_VALUE})
    void severity_outsideZeroToTen_isRejectedNamingEpisodeAndValue(int severity) {
      assertThatThrownBy(() -> calf().severity(severity).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "episode e1: severity must be between 0 and 10 on the numeric rating scale, got "
                  + severity);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 10})
    void severity_withinZeroToTen_isAccepted(int severity) {
      assertThat(calf().severity(severity).build().severity()).contains(severity);
    }

    @Test
    void duration_zero_isRejected() {
      assertThatThrownBy(() -> calf().duration(Duration.ZERO).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("episode e1: duration must be positive, got PT0S");
    }

    @Test
    void duration_negative_isRejected() {
      assertThatThrownBy(() -> calf().duration(Duration.ofMinutes(-3)).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("episode e1: duration must be positive, got PT-3M");
    }

    @Test
    void duration_oneSecond_isAccepted() {
      assertThat(calf().duration(Duration.ofSeconds(1)).build().duration())
          .contains(Duration.ofSeconds(1));
    }

    @Test
    void id_blank_isRejected() {
      assertThatThrownBy(() -> CrampEpisode.builder(" ", ONSET, BodySite.CALF).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("episode.id must not be blank");
    }
  }

  @Nested
  class Values {

    @Test
    void builder_defaultsNothingClinical_durationSeveritySideStayUnknown() {
      CrampEpisode episode = calf().build();

      assertThat(episode.duration()).isEmpty();
      assertThat(episode.severity()).isEmpty();
      assertThat(episode.end()).isEmpty();
      assertThat(episode.onsetPrecision()).isEqualTo(OnsetPrecision.INSTANT);
      assertThat(episode.offset()).isEmpty();
      assertThat(episode.laterality()).isEmpty();
      assertThat(episode.settings()).isEmpty();
      assertThat(episode.signs()).isEmpty();
      assertThat(episode.reliefTried()).isEmpty();
      assertThat(episode.impacts()).isEmpty();
    }

    @Test
    void collections_areInDeclarationOrderAndImmutable() {
      CrampEpisode episode =
          calf()
              .setting(Setting.COLD_EXPOSURE)
              .setting(Setting.DURING_SLEEP)
              .sign(AssociatedSign.DARK_URINE)
              .sign(AssociatedSign.MUSCLE_WEAKNESS)
              .relief(ReliefMeasure.WALKING, false)
              .relief(ReliefMeasure.STRETCHING, true)
              .impact(Impact.LIMITED_DAILY_ACTIVITIES)
              .impact(Impact.DISTURBED_SLEEP)
              .build();

      assertThat(episode.settings()).containsExactly(Setting.DURING_SLEEP, Setting.COLD_EXPOSURE);
      assertThat(episode.signs())
          .containsExactly(AssociatedSign.MUSCLE_WEAKNESS, AssociatedSign.DARK_URINE);
      assertThat(episode.reliefTried())
          .containsExactly(
              new ReliefTried(ReliefMeasure.WALKING, false),
              new ReliefTried(ReliefMeasure.STRETCHING, true));
      assertThat(episode.impacts())
          .containsExactly(Impact.DISTURBED_SLEEP, Impact.LIMITED_DAILY_ACTIVITIES);
      assertThatThrownBy(() -> episode.signs().add(AssociatedSign.SWELLING))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> episode.reliefTried().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void onDay_knownOnlyToTheDay_hasNoTimeOfDayAndSaysSo() {
      CrampEpisode episode =
          CrampEpisode.onDay("e9", LocalDate.of(2026, 11, 20), ZoneOffset.ofHours(5)).build();

      assertThat(episode.onset()).isEqualTo(Instant.parse("2026-11-19T19:00:00Z"));
      assertThat(episode.onsetPrecision()).isEqualTo(OnsetPrecision.DAY);
      assertThat(episode.localDate()).isEqualTo(LocalDate.of(2026, 11, 20));
      assertThat(episode.localTime()).isEmpty();
      assertThat(episode.onsetText()).isEqualTo("2026-11-20 (time not recorded)");
      assertThat(episode.site()).isEmpty();
      assertThat(episode.siteText()).isEqualTo("site not recorded");
    }

    @Test
    void localDateAndTime_comeFromTheRecordsOwnOffset_notUtc() {
      CrampEpisode morning =
          CrampEpisode.builder("e8", Instant.parse("2026-11-19T23:30:00Z"))
              .offset(ZoneOffset.ofHoursMinutes(5, 30))
              .build();

      assertThat(morning.localDate()).isEqualTo(LocalDate.of(2026, 11, 20));
      assertThat(morning.localTime()).contains(java.time.LocalTime.of(5, 0));
      assertThat(calf().build().localTime()).as("no offset given: no local time").isEmpty();
    }

    @Test
    void end_atNight_has_in_describeTheEpisode() {
      CrampEpisode episode =
          calf()
              .duration(Duration.ofMinutes(4))
              .setting(Setting.DURING_SLEEP)
              .sign(AssociatedSign.SWELLING)
              .build();

      assertThat(episode.end()).contains(Instant.parse("2026-11-20T02:34:00Z"));
      assertThat(episode.atNight()).isTrue();
      assertThat(episode.in(Setting.DURING_SLEEP)).isTrue();
      assertThat(episode.in(Setting.AT_REST)).isFalse();
      assertThat(episode.has(AssociatedSign.SWELLING)).isTrue();
      assertThat(episode.has(AssociatedSign.REDNESS_WARMTH)).isFalse();
      assertThat(calf().setting(Setting.AT_REST).build().atNight()).isFalse();
    }

    @Test
    void toBuilder_roundTripsEveryComponent() {
      CrampEpisode episode =
          calf()
              .duration(Duration.ofSeconds(90))
              .side(Laterality.BOTH)
              .severity(8)
              .setting(Setting.AFTER_EXERCISE)
              .sign(AssociatedSign.FASCICULATIONS)
              .relief(ReliefMeasure.HEAT, true)
              .impact(Impact.DISTURBED_SLEEP)
              .build();

      assertThat(episode.toBuilder().build()).isEqualTo(episode);
      assertThat(episode.laterality()).isEqualTo(Optional.of(Laterality.BOTH));
    }
  }

  @Nested
  class Terminology {

    @ParameterizedTest
    @CsvSource({
      "HAND, hand, 85562004, Hand structure, HAND",
      "FINGER, finger, 7569003, Finger structure, HAND",
      "THUMB, thumb, 76505004, Thumb structure, HAND",
      "WRIST, wrist, 8205005, Wrist region structure, HAND",
      "FOREARM, forearm, 14975008, Forearm structure, ARM",
      "UPPER_ARM, upper-arm, 40983000, Upper arm structure, ARM",
      "FOOT, foot, 56459004, Foot structure, LEG",
      "TOE, toe, 29707007, Toe structure, LEG",
      "CALF, calf, 53840002, Structure of calf of leg, LEG",
      "LOWER_LEG, lower-leg, 30021000, Lower leg structure, LEG",
      "THIGH, thigh, 68367000, Thigh structure, LEG",
      "ABDOMEN, abdomen, 818983003, Abdomen, TRUNK",
      "NECK, neck, 45048000, Neck structure, TRUNK",
      "BACK, back, 77568009, Structure of back of trunk, TRUNK",
    })
    void bodySite_carriesTheKnowledgeBaseSnomedCode(
        BodySite site, String code, String snomed, String display, BodySite.Region region) {
      assertThat(site.code()).isEqualTo(code);
      assertThat(site.snomed()).isEqualTo(new Coding(CodeSystems.SNOMED_CT, snomed, display));
      assertThat(site.region()).isEqualTo(region);
      assertThat(site.hasSide()).isEqualTo(region != BodySite.Region.TRUNK);
      assertThat(site.isCalfOrLowerLeg())
          .isEqualTo(site == BodySite.CALF || site == BodySite.LOWER_LEG);
    }

    @ParameterizedTest
    @CsvSource({
      "LEFT, left, 7771000, Left",
      "RIGHT, right, 24028007, Right",
      "BOTH, both, 51440002, Right and left"
    })
    void laterality_usesTheActiveQualifierCodes(
        Laterality side, String code, String snomed, String display) {
      assertThat(side.code()).isEqualTo(code);
      assertThat(side.snomed()).isEqualTo(new Coding(CodeSystems.SNOMED_CT, snomed, display));
    }

    @ParameterizedTest
    @EnumSource(AssociatedSign.class)
    void associatedSign_hasALocalCodingAndASnomedCodeOnlyWhereVerified(AssociatedSign sign) {
      assertThat(sign.coding())
          .isEqualTo(new Coding(CodeSystems.CRAMPCARE_SIGN, sign.code(), sign.display()));
      boolean unverified =
          sign == AssociatedSign.DARK_URINE || sign == AssociatedSign.NUMBNESS_TINGLING;
      assertThat(sign.snomed().isEmpty()).isEqualTo(unverified);
      sign.snomed().ifPresent(c -> assertThat(c.system()).isEqualTo(CodeSystems.SNOMED_CT));
    }

    @Test
    void associatedSign_snomedCodesMatchTheKnowledgeBase() {
      assertThat(AssociatedSign.MUSCLE_WEAKNESS.snomed().map(Coding::code)).contains("26544005");
      assertThat(AssociatedSign.MUSCLE_WASTING.snomed().map(Coding::code)).contains("88092000");
      assertThat(AssociatedSign.FASCICULATIONS.snomed().map(Coding::code)).contains("82470000");
      assertThat(AssociatedSign.SWELLING.snomed().map(Coding::code)).contains("80068009");
      assertThat(AssociatedSign.REDNESS_WARMTH.snomed().map(Coding::code)).contains("247441003");
      assertThat(AssociatedSign.PAIN_ON_WALKING_EASES_WITH_REST.snomed().map(Coding::display))
          .contains("Intermittent claudication");
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void setting_isExertionalOnlyDuringOrAfterExercise(Setting setting) {
      assertThat(setting.isExertional())
          .isEqualTo(setting == Setting.DURING_EXERCISE || setting == Setting.AFTER_EXERCISE);
      assertThat(setting.coding())
          .isEqualTo(new Coding(CodeSystems.CRAMPCARE_SETTING, setting.code(), setting.display()));
    }

    @ParameterizedTest
    @EnumSource(ReliefMeasure.class)
    void reliefMeasure_hasALocalCoding(ReliefMeasure measure) {
      assertThat(measure.coding())
          .isEqualTo(new Coding(CodeSystems.CRAMPCARE_RELIEF, measure.code(), measure.display()));
    }

    @Test
    void impact_codesAndDisplays() {
      assertThat(Impact.DISTURBED_SLEEP.code()).isEqualTo("disturbed-sleep");
      assertThat(Impact.LIMITED_DAILY_ACTIVITIES.display()).isEqualTo("Limited daily activities");
    }
  }
}
