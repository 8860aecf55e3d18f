package org.crampcare.fhir;

import com.google.common.collect.ImmutableList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * The resources of one import, with their keys, and the resolution of references between them: by
 * the entry's fullUrl ({@code urn:uuid:...} or absolute), by {@code Type/id}, or to a contained
 * resource ({@code #id}). Confined to one import call.
 */
final class InboundIndex {
  /** A resolved reference: the target and, when it is an entry of its own, that entry. */
  record Target(Resource resource, @Nullable InboundEntry entry) {}

  private final ImmutableList<InboundEntry> entries;
  private final Map<String, InboundEntry> byAlias = new HashMap<>();
  private final Map<Resource, InboundEntry> byResource = new IdentityHashMap<>();

  /**
   * Indexes resources in the given order.
   *
   * @param resources each resource with its entry's fullUrl, or null when there is none
   */
  InboundIndex(List<Map.Entry<Resource, @Nullable String>> resources) {
    ImmutableList.Builder<InboundEntry> built = ImmutableList.builder();
    int index = 0;
    for (Map.Entry<Resource, @Nullable String> item : resources) {
      Resource resource = item.getKey();
      String fullUrl = item.getValue();
      InboundEntry entry = new InboundEntry(index++, resource, key(resource, fullUrl));
      built.add(entry);
      byResource.putIfAbsent(resource, entry);
      alias(entry.key(), entry);
      alias(fullUrl, entry);
      String plain = plainId(resource);
      if (plain != null) {
        alias(resource.fhirType() + "/" + plain, entry);
      }
    }
    this.entries = built.build();
  }

  private void alias(@Nullable String alias, InboundEntry entry) {
    if (alias != null && !alias.isBlank()) {
      byAlias.putIfAbsent(alias, entry);
    }
  }

  ImmutableList<InboundEntry> entries() {
    return entries;
  }

  /**
   * Returns the key items mapped from a resource carry: {@code Type/id} when the resource has a
   * logical id; else the fullUrl when it is a URN ({@code urn:uuid:...}, also what HAPI's parser
   * puts in the id by default) or {@code Type/id} taken from an absolute fullUrl; else null.
   */
  static @Nullable String key(Resource resource, @Nullable String fullUrl) {
    String idValue = resource.getIdElement().getValue();
    if (idValue != null && idValue.startsWith("urn:")) {
      return idValue;
    }
    String plain = plainId(resource);
    if (plain != null) {
      return resource.fhirType() + "/" + plain;
    }
    if (fullUrl == null || fullUrl.isBlank()) {
      return null;
    }
    if (fullUrl.startsWith("urn:")) {
      return fullUrl;
    }
    IdType url = new IdType(fullUrl);
    String type = url.getResourceType();
    String part = url.getIdPart();
    if (part != null && !part.isBlank() && (type == null || type.equals(resource.fhirType()))) {
      return resource.fhirType() + "/" + part;
    }
    return null;
  }

  /** Returns the logical id without type, base or version, or null when there is none or a URN. */
  static @Nullable String plainId(Resource resource) {
    IdType id = resource.getIdElement();
    String value = id.getValue();
    if (value == null || value.isBlank() || value.startsWith("urn:")) {
      return null;
    }
    String part = id.getIdPart();
    return part == null || part.isBlank() ? null : part;
  }

  /**
   * Resolves a reference made by {@code from}.
   *
   * @return the target, or empty if it is neither contained in {@code from} nor in the input
   */
  Optional<Target> resolve(Resource from, Reference reference) {
    Object linked = reference.getResource();
    if (linked instanceof Resource) {
      Resource resource = (Resource) linked;
      return Optional.of(new Target(resource, byResource.get(resource)));
    }
    String ref = reference.getReference();
    if (ref == null || ref.isBlank()) {
      return Optional.empty();
    }
    if (ref.startsWith("#")) {
      return contained(from, ref.substring(1)).map(r -> new Target(r, null));
    }
    InboundEntry entry = byAlias.get(ref);
    if (entry == null && !ref.startsWith("urn:")) {
      IdType id = new IdType(ref);
      if (id.hasResourceType() && id.hasIdPart()) {
        entry = byAlias.get(id.getResourceType() + "/" + id.getIdPart());
      }
    }
    return Optional.ofNullable(entry).map(e -> new Target(e.resource(), e));
  }

  private static Optional<Resource> contained(Resource from, String id) {
    if (!(from instanceof DomainResource)) {
      return Optional.empty();
    }
    for (Resource resource : ((DomainResource) from).getContained()) {
      String containedId = resource.getIdElement().getIdPart();
      if (containedId != null && (containedId.equals(id) || containedId.equals("#" + id))) {
        return Optional.of(resource);
      }
    }
    return Optional.empty();
  }
}
