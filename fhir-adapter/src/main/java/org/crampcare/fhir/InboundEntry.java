package org.crampcare.fhir;

import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * One resource read by the importer, with its key and what became of it. Mutable, confined to one
 * import call.
 */
final class InboundEntry {
  /** What became of a resource; each resource ends in exactly one. */
  enum Disposition {
    /** It reached the core model (possibly with a caveat in the report). */
    MAPPED,
    /** It was relevant to cramps but could not be used; the report says why. */
    NOT_USED,
    /** It has nothing to do with cramps; counted, not listed. */
    IRRELEVANT
  }

  private final int index;
  private final Resource resource;
  private final @Nullable String key;
  private Disposition disposition = Disposition.IRRELEVANT;

  InboundEntry(int index, Resource resource, @Nullable String key) {
    this.index = index;
    this.resource = resource;
    this.key = key;
  }

  /** Returns the position in the bundle or list. */
  int index() {
    return index;
  }

  Resource resource() {
    return resource;
  }

  /** Returns the resource type, for example {@code Observation}. */
  String type() {
    return resource.fhirType();
  }

  /**
   * Returns the id items mapped from this resource carry: {@code Type/id}, or the entry's {@code
   * urn:uuid:} fullUrl when the resource has no id; null when it has neither.
   */
  @Nullable String key() {
    return key;
  }

  /** Returns how reports name this resource: its key, else its type and position. */
  String label() {
    return key != null ? key : type() + " at entry[" + index + "]";
  }

  Disposition disposition() {
    return disposition;
  }

  void disposition(Disposition disposition) {
    this.disposition = disposition;
  }
}
