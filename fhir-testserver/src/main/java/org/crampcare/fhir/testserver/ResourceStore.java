package org.crampcare.fhir.testserver;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.UrlUtil;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryRequestComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory resource store behind {@link InProcessFhirServer}: current versions only, ids
 * assigned from one counter, every write an all-or-nothing transaction.
 *
 * <p>Thread-safe: reads share a lock, writes hold it exclusively. Stored resources are never handed
 * out; callers get copies.
 */
final class ResourceStore {
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final FhirContext ctx;
  private final Clock clock;
  private final boolean referentialIntegrity;
  private final ImmutableSet<String> types;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, LinkedHashMap<String, Resource>> byType = new HashMap<>();
  private long nextId = 1;

  ResourceStore(
      FhirContext ctx, Clock clock, boolean referentialIntegrity, Collection<String> types) {
    this.ctx = ctx;
    this.clock = clock;
    this.referentialIntegrity = referentialIntegrity;
    this.types = ImmutableSet.copyOf(types);
  }

  /** What one transaction entry did. */
  enum Action {
    CREATED("201 Created"),
    UPDATED("200 OK"),
    /** A conditional create matched an existing resource: nothing was written. */
    EXISTING("200 OK"),
    DELETED("204 No Content");

    private final String status;

    Action(String status) {
      this.status = status;
    }

    String status() {
      return status;
    }
  }

  /**
   * The outcome of one entry.
   *
   * @param action what happened
   * @param type the resource type
   * @param id the id written, matched or deleted
   * @param version the current version after the entry, 0 after a delete
   * @param lastUpdated when the resource was last written
   */
  record Outcome(Action action, String type, String id, long version, Date lastUpdated) {
    String location() {
      return type + "/" + id + (version > 0 ? "/_history/" + version : "");
    }
  }

  /** Returns a copy of the current version of a resource. */
  Optional<Resource> read(String type, String id) {
    lock.readLock().lock();
    try {
      Resource r = byType.getOrDefault(type, new LinkedHashMap<>()).get(id);
      return Optional.ofNullable(r).map(Resource::copy);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Returns copies of every resource of a type, in the order they were first written. */
  ImmutableList<Resource> all(String type) {
    lock.readLock().lock();
    try {
      return byType.getOrDefault(type, new LinkedHashMap<>()).values().stream()
          .map(Resource::copy)
          .collect(ImmutableList.toImmutableList());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Returns the number of resources held, over all types. */
  int size() {
    lock.readLock().lock();
    try {
      return byType.values().stream().mapToInt(Map::size).sum();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Removes every resource; ids keep counting up. */
  void clear() {
    lock.writeLock().lock();
    try {
      byType.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Searches one type.
   *
   * @return copies of the matches, in the order they were first written
   * @throws InvalidRequestException for an unsupported or malformed parameter
   */
  ImmutableList<Resource> search(String type, Map<String, ? extends List<String>> parameters) {
    return search(type, parameters, List.of());
  }

  /**
   * Searches one type and, for each {@code _include} value ({@code Type:param} or {@code
   * Type:param:TargetType}), attaches the referenced stored resources to the matches' references
   * ({@code Reference.resource}), where HAPI's bundle factory picks them up as included entries.
   *
   * @throws InvalidRequestException for an unsupported or malformed parameter or include
   */
  ImmutableList<Resource> search(
      String type, Map<String, ? extends List<String>> parameters, List<String> includes) {
    SearchQuery query = SearchQuery.parse(ctx, type, parameters);
    List<SearchQuery.IncludePath> paths = new ArrayList<>();
    for (String include : includes) {
      paths.add(SearchQuery.include(ctx, type, include));
    }
    lock.readLock().lock();
    try {
      List<Resource> found = matching(type, query);
      query.sort(found);
      List<Resource> out = new ArrayList<>();
      for (Resource r : found) {
        Resource copy = r.copy();
        for (SearchQuery.IncludePath include : paths) {
          for (Reference ref : include.references(ctx, copy)) {
            References.typeAndId(ref.getReference())
                .filter(t -> include.targetType().map(t::startsWith).orElse(true))
                .flatMap(t -> Optional.ofNullable(stored(t)))
                .ifPresent(target -> ref.setResource(target.copy()));
          }
        }
        out.add(copy);
      }
      return ImmutableList.copyOf(out);
    } finally {
      lock.readLock().unlock();
    }
  }

  private @Nullable Resource stored(String typeAndId) {
    int slash = typeAndId.indexOf('/');
    return byType
        .getOrDefault(typeAndId.substring(0, slash), new LinkedHashMap<>())
        .get(typeAndId.substring(slash + 1));
  }

  private List<Resource> matching(String type, SearchQuery query) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : byType.getOrDefault(type, new LinkedHashMap<>()).values()) {
      if (query.matches(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** A planned entry, before anything is written. */
  private static final class Planned {
    final int index;
    final HTTPVerb method;
    final String type;
    final @Nullable Resource resource;
    final Optional<String> condition;
    @Nullable String id;
    @Nullable Action action;

    Planned(
        int index,
        HTTPVerb method,
        String type,
        @Nullable Resource resource,
        Optional<String> condition,
        @Nullable String id) {
      this.index = index;
      this.method = method;
      this.type = type;
      this.resource = resource;
      this.condition = condition;
      this.id = id;
    }

    String where() {
      return "Bundle.entry[" + index + "] (" + method.toCode() + " " + type + ")";
    }
  }

  /**
   * Executes a transaction: all entries or none.
   *
   * <p>Supports {@code POST} (with {@code ifNoneExist} conditional create), {@code PUT} ({@code
   * Type/id}, or a conditional {@code Type?query}) and {@code DELETE Type/id}. {@code urn:uuid} and
   * {@code urn:oid} references to entries' {@code fullUrl}s are replaced with the assigned {@code
   * Type/id}. Everything is checked before anything is written.
   *
   * @param entries the bundle's entries
   * @return one outcome per entry, in entry order
   * @throws InvalidRequestException (400) for a malformed entry or an unresolvable reference
   * @throws PreconditionFailedException (412) when a condition matches more than one resource
   */
  ImmutableList<Outcome> transaction(List<BundleEntryComponent> entries) {
    lock.writeLock().lock();
    try {
      List<Planned> plan = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        plan.add(plan(i, entries.get(i)));
      }
      Map<String, String> fullUrls = new HashMap<>();
      long idCounter = nextId;
      for (Planned p : plan) {
        if (p.method == HTTPVerb.POST && p.condition.isEmpty()) {
          p.id = Long.toString(idCounter++);
          p.action = Action.CREATED;
        } else if (p.method == HTTPVerb.PUT && p.condition.isEmpty()) {
          p.action = exists(p.type, p.id) ? Action.UPDATED : Action.CREATED;
        } else if (p.method == HTTPVerb.DELETE) {
          p.action = Action.DELETED;
        }
        mapFullUrl(entries.get(p.index), p, fullUrls);
      }
      for (Planned p : plan) {
        if (p.condition.isPresent()) {
          List<Resource> found =
              matching(p.type, SearchQuery.parse(ctx, p.type, query(p, fullUrls)));
          if (found.size() > 1) {
            throw new PreconditionFailedException(
                p.where()
                    + ": condition '"
                    + p.condition.get()
                    + "' matched "
                    + found.size()
                    + " resources; expected at most one");
          }
          if (found.isEmpty()) {
            p.id = Long.toString(idCounter++);
            p.action = Action.CREATED;
          } else {
            p.id = found.get(0).getIdElement().getIdPart();
            p.action = p.method == HTTPVerb.POST ? Action.EXISTING : Action.UPDATED;
          }
          mapFullUrl(entries.get(p.index), p, fullUrls);
        }
      }
      Set<String> written = new HashSet<>();
      Set<String> deleted = new HashSet<>();
      for (Planned p : plan) {
        if (p.action != Action.EXISTING && !written.add(p.type + "/" + p.id)) {
          throw new InvalidRequestException(
              p.where() + ": " + p.type + "/" + p.id + " is written by more than one entry");
        }
        if (p.action == Action.DELETED) {
          deleted.add(p.type + "/" + p.id);
        }
      }
      List<Resource> prepared = new ArrayList<>();
      for (Planned p : plan) {
        prepared.add(prepare(p, fullUrls, written, deleted));
      }
      Date now = Date.from(clock.instant());
      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < plan.size(); i++) {
        outcomes.add(apply(plan.get(i), prepared.get(i), now));
      }
      nextId = idCounter;
      return ImmutableList.copyOf(outcomes);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Planned plan(int i, BundleEntryComponent entry) {
    String where = "Bundle.entry[" + i + "]";
    BundleEntryRequestComponent request = entry.getRequest();
    if (!entry.hasRequest() || !request.hasMethod() || !request.hasUrl()) {
      throw new InvalidRequestException(
          where + ".request: method and url are required in a transaction");
    }
    HTTPVerb method = request.getMethod();
    String url = request.getUrl();
    Resource resource = entry.hasResource() ? entry.getResource().copy() : null;
    switch (method) {
      case POST:
        {
          Resource r = requireResource(where, resource);
          checkKnownType(where, r.fhirType());
          if (!url.equals(r.fhirType())) {
            throw new InvalidRequestException(
                where
                    + ".request.url '"
                    + url
                    + "' does not match the resource type "
                    + r.fhirType()
                    + "; expected '"
                    + r.fhirType()
                    + "'");
          }
          Optional<String> condition =
              Optional.ofNullable(request.getIfNoneExist()).filter(s -> !s.isBlank());
          return new Planned(i, method, r.fhirType(), r, condition, null);
        }
      case PUT:
        {
          Resource r = requireResource(where, resource);
          int q = url.indexOf('?');
          if (q >= 0) {
            checkType(where, url.substring(0, q), r);
            return new Planned(i, method, r.fhirType(), r, Optional.of(url.substring(q + 1)), null);
          }
          IdType id = new IdType(url);
          if (!id.hasResourceType() || !id.hasIdPart()) {
            throw new InvalidRequestException(
                where + ".request.url '" + url + "' must be Type/id or Type?query for PUT");
          }
          checkType(where, id.getResourceType(), r);
          if (r.getIdElement().hasIdPart()
              && !r.getIdElement().getIdPart().equals(id.getIdPart())) {
            throw new InvalidRequestException(
                where
                    + ": resource id '"
                    + r.getIdElement().getIdPart()
                    + "' differs from the id '"
                    + id.getIdPart()
                    + "' in request.url");
          }
          return new Planned(i, method, r.fhirType(), r, Optional.empty(), id.getIdPart());
        }
      case DELETE:
        {
          IdType id = new IdType(url);
          if (url.contains("?") || !id.hasResourceType() || !id.hasIdPart()) {
            throw new InvalidRequestException(
                where + ".request.url '" + url + "' must be Type/id for DELETE");
          }
          checkKnownType(where, id.getResourceType());
          return new Planned(
              i, method, id.getResourceType(), null, Optional.empty(), id.getIdPart());
        }
      default:
        throw new InvalidRequestException(
            where
                + ".request.method "
                + method.toCode()
                + " is not supported in a transaction by this server; expected POST, PUT or"
                + " DELETE");
    }
  }

  private static Resource requireResource(String where, @Nullable Resource resource) {
    if (resource == null) {
      throw new InvalidRequestException(where + ".resource is required for POST and PUT");
    }
    return resource;
  }

  private void checkType(String where, String urlType, Resource r) {
    checkKnownType(where, r.fhirType());
    if (!urlType.equals(r.fhirType())) {
      throw new InvalidRequestException(
          where + ".request.url names " + urlType + " but the resource is a " + r.fhirType());
    }
  }

  private void checkKnownType(String where, String type) {
    if (!types.contains(type)) {
      throw new InvalidRequestException(
          where + ": resource type '" + type + "' is not served by this server");
    }
  }

  private static void mapFullUrl(
      BundleEntryComponent entry, Planned p, Map<String, String> fullUrls) {
    if (entry.hasFullUrl() && p.id != null) {
      fullUrls.put(entry.getFullUrl(), p.type + "/" + p.id);
    }
  }

  private boolean exists(String type, @Nullable String id) {
    return id != null && byType.getOrDefault(type, new LinkedHashMap<>()).containsKey(id);
  }

  private static Map<String, List<String>> query(Planned p, Map<String, String> fullUrls) {
    String q = p.condition.orElseThrow();
    if (q.startsWith(p.type + "?")) {
      q = q.substring(p.type.length() + 1);
    }
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> e : UrlUtil.parseQueryString(q).entrySet()) {
      if (e.getKey().isBlank() || Arrays.stream(e.getValue()).anyMatch(String::isEmpty)) {
        throw new InvalidRequestException(
            p.where() + ": condition '" + p.condition.get() + "' is not a search query");
      }
      for (String value : e.getValue()) {
        params
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(fullUrls.getOrDefault(value, value));
      }
    }
    if (params.isEmpty()) {
      throw new InvalidRequestException(
          p.where() + ": condition '" + p.condition.get() + "' has no search parameter");
    }
    return params;
  }

  private @Nullable Resource prepare(
      Planned p, Map<String, String> fullUrls, Set<String> written, Set<String> deleted) {
    if (p.resource == null || p.action == Action.EXISTING) {
      return null;
    }
    Resource r = p.resource;
    FhirTerser terser = ctx.newTerser();
    for (Reference ref : terser.getAllPopulatedChildElementsOfType(r, Reference.class)) {
      // HAPI's parser links references to the Bundle's resources; the store keeps references only.
      ref.setResource(null);
      String target = ref.getReference();
      if (target == null) {
        continue;
      }
      if (target.contains("?") && !target.contains("://")) {
        resolveConditional(p, ref, target, fullUrls);
        continue;
      }
      if (target.startsWith("urn:")) {
        String mapped = fullUrls.get(target);
        if (mapped == null) {
          throw new InvalidRequestException(
              p.where()
                  + ": reference '"
                  + target
                  + "' matches no entry's fullUrl in this transaction");
        }
        ref.setReference(mapped);
        continue;
      }
      if (referentialIntegrity && !target.contains("://") && !target.startsWith("#")) {
        Optional<String> typeAndId = References.typeAndId(target);
        boolean found =
            typeAndId.isPresent()
                && !deleted.contains(typeAndId.get())
                && (written.contains(typeAndId.get())
                    || exists(
                        References.type(target).orElseThrow(),
                        References.id(target).orElseThrow()));
        if (!found) {
          throw new InvalidRequestException(
              p.where() + ": reference '" + target + "' points to no resource on this server");
        }
      }
    }
    return r;
  }

  private void resolveConditional(
      Planned p, Reference ref, String target, Map<String, String> fullUrls) {
    int q = target.indexOf('?');
    String type = target.substring(0, q);
    if (!types.contains(type)) {
      throw new InvalidRequestException(
          p.where() + ": conditional reference '" + target + "' names a type not served here");
    }
    Planned lookup =
        new Planned(p.index, p.method, type, null, Optional.of(target.substring(q + 1)), null);
    List<Resource> found = matching(type, SearchQuery.parse(ctx, type, query(lookup, fullUrls)));
    if (found.size() > 1) {
      throw new PreconditionFailedException(
          p.where()
              + ": conditional reference '"
              + target
              + "' matched "
              + found.size()
              + " resources; expected one");
    }
    if (found.size() == 1) {
      ref.setReference(type + "/" + found.get(0).getIdElement().getIdPart());
    } else if (referentialIntegrity) {
      throw new InvalidRequestException(
          p.where() + ": conditional reference '" + target + "' matched no resource");
    }
  }

  private Outcome apply(Planned p, @Nullable Resource prepared, Date now) {
    String id = p.id;
    Action action = p.action;
    if (id == null || action == null) {
      throw new AssertionError("planned entry without id or action: " + p.where());
    }
    LinkedHashMap<String, Resource> resources =
        byType.computeIfAbsent(p.type, k -> new LinkedHashMap<>());
    Resource current = resources.get(id);
    long currentVersion = current == null ? 0 : version(current);
    switch (action) {
      case EXISTING:
        return new Outcome(action, p.type, id, currentVersion, lastUpdated(current, now));
      case DELETED:
        resources.remove(id);
        return new Outcome(action, p.type, id, 0, now);
      case CREATED:
      case UPDATED:
        {
          Resource r = java.util.Objects.requireNonNull(prepared, "prepared");
          long version = currentVersion + 1;
          r.setIdElement(new IdType(p.type, id, Long.toString(version)));
          r.getMeta().setVersionId(Long.toString(version));
          r.getMeta().setLastUpdatedElement(instant(now));
          resources.put(id, r);
          return new Outcome(action, p.type, id, version, now);
        }
      default:
        throw new AssertionError(action);
    }
  }

  /** Returns an instant with millisecond precision written in UTC with a 'Z'. */
  private static InstantType instant(Date date) {
    return new InstantType(INSTANT.format(date.toInstant()));
  }

  private static long version(Resource r) {
    String v = r.getMeta().getVersionId();
    return v == null ? 1 : Long.parseLong(v);
  }

  private static Date lastUpdated(@Nullable Resource r, Date fallback) {
    return r != null && r.getMeta().hasLastUpdated() ? r.getMeta().getLastUpdated() : fallback;
  }

  /** Builds a transaction-response Bundle from outcomes. */
  static Bundle response(List<Outcome> outcomes) {
    Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
    for (Outcome o : outcomes) {
      BundleEntryComponent entry = response.addEntry();
      entry.getResponse().setStatus(o.action().status());
      if (o.action() != Action.DELETED) {
        entry.getResponse().setLocation(o.location());
        entry.getResponse().setEtag("W/\"" + o.version() + "\"");
        entry.getResponse().setLastModifiedElement(instant(o.lastUpdated()));
      }
    }
    return response;
  }
}
