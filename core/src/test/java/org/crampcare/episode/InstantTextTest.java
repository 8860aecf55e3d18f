package org.crampcare.episode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** {@link InstantText} must give exactly {@link Instant#toString()}, which fact texts used. */
class InstantTextTest {

  @Property(tries = 2000)
  void format_anyInstant_equalsInstantToString(
      @ForAll @LongRange(min = -400_000_000_000L, max = 400_000_000_000L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);

    assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
  }

  @Property(tries = 1000)
  void format_wholeMillisAndMicros_equalsInstantToString(
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999) int micros,
      @ForAll boolean wholeMillis) {
    Instant instant =
        Instant.ofEpochSecond(seconds, wholeMillis ? micros / 1000 * 1_000_000L : micros * 1000L);

    assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
  }

  @Example
  void format_boundariesOfTheFastPath_equalInstantToString() {
    for (String text :
        new String[] {
          "0999-12-31T23:59:59.999999999Z",
          "1000-01-01T00:00:00Z",
          "1970-01-01T00:00:00Z",
          "2026-11-20T22:15:00Z",
          "2026-11-20T22:15:00.100Z",
          "2026-11-20T22:15:07.000001Z",
          "2024-02-29T00:00:00.000000001Z",
          "9999-12-31T23:59:59.999Z",
          "+10000-01-01T00:00:00Z",
          "-0001-01-01T00:00:00Z"
        }) {
      Instant instant = Instant.parse(text);

      assertThat(InstantText.format(instant)).isEqualTo(instant.toString()).isEqualTo(text);
    }
    assertThat(InstantText.format(Instant.MIN)).isEqualTo(Instant.MIN.toString());
    assertThat(InstantText.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
  }
}
