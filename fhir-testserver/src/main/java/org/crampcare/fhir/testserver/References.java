package org.crampcare.fhir.testserver;

import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;

/**
 * Reads FHIR reference strings (relative {@code Type/id}, absolute URLs, history suffixes) with
 * HAPI's {@link IdType}.
 */
final class References {
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]+");

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
    IdType id = new IdType(reference);
    String type = id.getResourceType();
    if (type == null || !TYPE.matcher(type).matches() || !id.hasIdPart() || !id.isIdPartValid()) {
      return Optional.empty();
    }
    return Optional.of(type + "/" + id.getIdPart());
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
