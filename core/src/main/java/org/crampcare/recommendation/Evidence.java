package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * The evidence behind a rule, as the knowledge base cites it.
 *
 * @param id a stable identifier, for example {@code "nice-cks-leg-cramps"}
 * @param citation the citation
 * @param strength the strength of the evidence in the source's own terms, or "general self-care
 *     advice" where no trial supports the advice
 * @param url where to read it, when there is a stable address
 */
public record Evidence(String id, String citation, String strength, Optional<String> url) {

  /** Checks that id, citation and strength are not blank. */
  public Evidence {
    checkArgument(!id.isBlank(), "evidence.id must not be blank");
    checkArgument(!citation.isBlank(), "evidence %s: citation must not be blank", id);
    checkArgument(!strength.isBlank(), "evidence %s: strength must not be blank", id);
  }
}
