package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** {@link Criteria#oneDecimal} must give exactly what {@code %.1f} under Locale.ROOT gave. */
class OneDecimalTest {

  @Property(tries = 3000)
  void oneDecimal_anyDouble_equalsFormatter(@ForAll double value) {
    assertThat(Criteria.oneDecimal(value)).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
  }

  @Property(tries = 3000)
  void oneDecimal_episodesPerWeek_equalsFormatter(
      @ForAll @DoubleRange(min = 0, max = 1000) double value) {
    assertThat(Criteria.oneDecimal(value)).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
  }

  @Property(tries = 2000)
  void oneDecimal_countOverWeeks_equalsFormatter(
      @ForAll @IntRange(min = 0, max = 500) int count,
      @ForAll @IntRange(min = 1, max = 365) int days) {
    double perWeek = count / (days / 7.0);

    assertThat(Criteria.oneDecimal(perWeek)).isEqualTo(String.format(Locale.ROOT, "%.1f", perWeek));
  }

  @Example
  void oneDecimal_halvesAndSpecialValues_equalFormatter() {
    double[] values = {
      0.0,
      -0.0,
      0.05,
      0.25,
      0.35,
      1.25,
      2.45,
      12.5,
      0.95,
      9.95,
      99.95,
      1e7,
      1.0e-5,
      3.75,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      -1.25
    };
    for (double value : values) {
      assertThat(Criteria.oneDecimal(value))
          .as("%s", value)
          .isEqualTo(String.format(Locale.ROOT, "%.1f", value));
    }
  }
}
