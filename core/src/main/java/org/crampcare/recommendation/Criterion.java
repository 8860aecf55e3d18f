package org.crampcare.recommendation;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.crampcare.risk.Fact;

/**
 * The condition of a rule: holds or not for an {@link Evaluation}, and when it holds, names the
 * facts that made it hold. Implementations must be stateless and thread-safe. The built-in ones are
 * made by {@link Criteria}.
 */
public interface Criterion {

  /**
   * Tests the criterion.
   *
   * @param evaluation what is known
   * @return the facts that satisfy it (possibly none, for a negation), or empty if it does not hold
   */
  Optional<List<Fact>> test(Evaluation evaluation);

  /** Returns a human-readable description, for example "risk factor heart-failure". */
  String description();

  /**
   * Returns a criterion from a description and a function.
   *
   * @param description what it tests, for rule listings
   * @param test the test
   * @return the criterion
   */
  static Criterion of(String description, Function<Evaluation, Optional<List<Fact>>> test) {
    return new Criterion() {
      @Override
      public Optional<List<Fact>> test(Evaluation evaluation) {
        return test.apply(evaluation);
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
