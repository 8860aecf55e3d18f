package org.crampcare.server;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads FHIR reference strings: relative {@code Type/id}, absolute URLs, history suffixes. */
final class References {
  private static final Pattern TYPE_ID =
      Pattern.compile("(?:^|/)([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:/_history/[^/]+)?$");

  private References() {}

  /**
   * Returns the {@code Type/id} a literal reference points at, dropping any base URL and version.
   *
   * @return empty for a contained ({@code #x}), {@code urn:} or malformed reference
   */
  static Optional<String> typeAndId(@Nullable String reference) {
    if (reference == null || reference.startsWith("#") || reference.startsWith("urn:")) {
      return Optional.empty();
    }
    Matcher m = TYPE_ID.matcher(reference);
    return m.find() ? Optional.of(m.group(1) + "/" + m.group(2)) : Optional.empty();
  }

  /** Returns the resource type a literal reference points at, if it names one. */
  static Optional<String> type(@Nullable String reference) {
    return typeAndId(reference).map(t -> t.substring(0, t.indexOf('/')));
  }

  /** Returns the id part of a literal reference, if it names one. */
  static Optional<String> id(@Nullable String reference) {
    return typeAndId(reference).map(t -> t.substring(t.indexOf('/') + 1));
  }
}
