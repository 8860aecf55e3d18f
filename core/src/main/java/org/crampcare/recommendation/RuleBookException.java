package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.crampcare.CrampCareException;

/**
 * A rule book document could not be loaded. It lists every problem found, each naming the JSON
 * path, the value and what is allowed, for example {@code rules[3].when.takes[0]: 'quinin' is not
 * known; expected one of loop-diuretic, ...}.
 */
public final class RuleBookException extends CrampCareException {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<String> problems;

  RuleBookException(String source, List<String> problems) {
    super(
        source
            + ": "
            + problems.size()
            + (problems.size() == 1 ? " problem: " : " problems: ")
            + String.join("; ", problems));
    this.problems = ImmutableList.copyOf(problems);
  }

  /** Returns every problem, in document order. */
  public ImmutableList<String> problems() {
    return problems;
  }
}
