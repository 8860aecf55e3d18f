package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.regex.Pattern;

/**
 * A recommendation the rule book can make: its stable code, category, priority and rank.
 *
 * @param code the stable code in {@code https://crampcare.org/fhir/CodeSystem/recommendation} (or
 *     an integrator's own), lower-case words joined by hyphens
 * @param category the category
 * @param priority how soon to act
 * @param rank the order within its category, lowest first
 * @param display a short name, for code systems and summaries
 */
public record RecommendationDefinition(
    String code, Category category, Priority priority, int rank, String display) {
  private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** Checks the code's form. */
  public RecommendationDefinition {
    checkArgument(
        CODE.matcher(code).matches(),
        "recommendation code '%s' is not valid; expected lower-case words joined by hyphens",
        code);
    checkArgument(!display.isBlank(), "recommendation %s: display must not be blank", code);
  }
}
