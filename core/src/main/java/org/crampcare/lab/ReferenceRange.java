package org.crampcare.lab;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A reference interval; either bound may be absent (for example "above 60"), not both.
 *
 * @param low the lowest normal value, inclusive
 * @param high the highest normal value, inclusive
 */
public record ReferenceRange(Optional<BigDecimal> low, Optional<BigDecimal> high) {

  /** Checks that at least one bound is present and that low is not above high. */
  public ReferenceRange {
    checkArgument(
        low.isPresent() || high.isPresent(), "referenceRange must have a low or a high bound");
    if (low.isPresent() && high.isPresent()) {
      checkArgument(
          low.get().compareTo(high.get()) <= 0,
          "referenceRange.low %s must not be above referenceRange.high %s",
          low.get(),
          high.get());
    }
  }

  /** Returns a range with both bounds. */
  public static ReferenceRange of(double low, double high) {
    return new ReferenceRange(
        Optional.of(BigDecimal.valueOf(low)), Optional.of(BigDecimal.valueOf(high)));
  }

  /** Returns a range with both bounds. */
  public static ReferenceRange of(BigDecimal low, BigDecimal high) {
    return new ReferenceRange(Optional.of(low), Optional.of(high));
  }

  /** Returns this range with both bounds multiplied by {@code factor}, rounded to 4 places. */
  ReferenceRange scaled(double factor) {
    return new ReferenceRange(low.map(v -> scale(v, factor)), high.map(v -> scale(v, factor)));
  }

  private static BigDecimal scale(BigDecimal value, double factor) {
    BigDecimal scaled =
        value
            .multiply(BigDecimal.valueOf(factor))
            .setScale(4, java.math.RoundingMode.HALF_EVEN)
            .stripTrailingZeros();
    // stripTrailingZeros turns 60 into 6E+1; keep a plain, non-negative scale.
    return scaled.scale() < 0 ? scaled.setScale(0) : scaled;
  }

  /** Returns the range as text, for example {@code "3.5-5.0"}, {@code "> 60"} or {@code "< 5"}. */
  public String describe() {
    if (low.isPresent() && high.isPresent()) {
      return low.get().toPlainString() + "-" + high.get().toPlainString();
    }
    return low.map(v -> ">= " + v.toPlainString())
        .orElseGet(() -> "<= " + high.map(BigDecimal::toPlainString).orElse(""));
  }
}
