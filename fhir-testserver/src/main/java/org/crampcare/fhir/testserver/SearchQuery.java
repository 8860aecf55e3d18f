package org.crampcare.fhir.testserver;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;
import org.jspecify.annotations.Nullable;

/**
 * A parsed FHIR search over one resource type, evaluated in memory.
 *
 * <p>Supports every token, reference, date, string and uri parameter that R4 defines for the type
 * (from HAPI's search parameter definitions), plus {@code _id} and {@code _lastUpdated}; repeated
 * parameters are ANDed and comma-separated values ORed; {@code _sort} by date parameters.
 * Modifiers: {@code :missing} on all, {@code :not} on tokens, {@code :exact} and {@code :contains}
 * on strings, {@code :Type} on references. Anything else (chains, {@code _has}, {@code _include},
 * number and quantity parameters, unknown names) is rejected with HTTP 400 rather than ignored, so
 * a client never gets an unfiltered answer to a filtered question.
 */
final class SearchQuery {
  /** Parameters the HAPI framework handles (paging, format) rather than the search itself. */
  static final ImmutableSet<String> FRAMEWORK_PARAMETERS =
      ImmutableSet.of("_count", "_format", "_pretty", "_summary", "_elements", "_total");

  private static final Map<String, Optional<ElementPath>> PATHS = new ConcurrentHashMap<>();

  private final FhirContext ctx;
  private final ImmutableList<Criterion> criteria;
  private final ImmutableList<SortKey> sort;

  private SearchQuery(FhirContext ctx, List<Criterion> criteria, List<SortKey> sort) {
    this.ctx = ctx;
    this.criteria = ImmutableList.copyOf(criteria);
    this.sort = ImmutableList.copyOf(sort);
  }

  /** One {@code _sort} key: a date parameter, descending when written with a leading '-'. */
  private record SortKey(String name, ElementPath path, boolean descending) {}

  /** One {@code name[:modifier]=v1,v2} parameter: matches when any value matches. */
  private record Criterion(
      String name,
      RestSearchParameterTypeEnum type,
      Optional<String> modifier,
      ElementPath path,
      ImmutableList<String> values) {}

  /**
   * Parses the query parameters of a search.
   *
   * @param ctx the FHIR context
   * @param resourceType the resource type searched
   * @param parameters the raw parameters, each name with its repeated values
   * @throws InvalidRequestException naming the parameter, if it is unknown or unsupported
   */
  static SearchQuery parse(
      FhirContext ctx, String resourceType, Map<String, ? extends List<String>> parameters) {
    RuntimeResourceDefinition definition = ctx.getResourceDefinition(resourceType);
    List<Criterion> criteria = new ArrayList<>();
    List<SortKey> sort = new ArrayList<>();
    for (Map.Entry<String, ? extends List<String>> entry : parameters.entrySet()) {
      String raw = entry.getKey();
      if (FRAMEWORK_PARAMETERS.contains(raw)) {
        continue;
      }
      if (raw.equals("_sort")) {
        for (String value : entry.getValue()) {
          for (String key : splitOr(value)) {
            sort.add(sortKey(definition, resourceType, key));
          }
        }
        continue;
      }
      int colon = raw.indexOf(':');
      String name = colon < 0 ? raw : raw.substring(0, colon);
      Optional<String> modifier =
          colon < 0 ? Optional.empty() : Optional.of(raw.substring(colon + 1));
      if (name.contains(".")) {
        throw new InvalidRequestException(
            "search parameter '" + raw + "': chained searches are not supported by this server");
      }
      RuntimeSearchParam parameter = definition.getSearchParam(name);
      if (parameter == null) {
        throw new InvalidRequestException(
            "search parameter '"
                + raw
                + "' is not supported for "
                + resourceType
                + "; supported: "
                + supportedNames(ctx, definition));
      }
      ElementPath path =
          supportedPath(parameter)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "search parameter '"
                              + raw
                              + "' ("
                              + parameter.getParamType().getCode()
                              + ") is not supported for "
                              + resourceType
                              + " by this server"));
      checkModifier(raw, parameter.getParamType(), modifier);
      for (String value : entry.getValue()) {
        criteria.add(new Criterion(name, parameter.getParamType(), modifier, path, splitOr(value)));
      }
    }
    return new SearchQuery(ctx, criteria, sort);
  }

  private static SortKey sortKey(
      RuntimeResourceDefinition definition, String resourceType, String key) {
    boolean descending = key.startsWith("-");
    String name = descending ? key.substring(1) : key;
    RuntimeSearchParam parameter = definition.getSearchParam(name);
    Optional<ElementPath> path =
        parameter == null || parameter.getParamType() != RestSearchParameterTypeEnum.DATE
            ? Optional.empty()
            : supportedPath(parameter);
    if (path.isEmpty()) {
      throw new InvalidRequestException(
          "_sort '"
              + key
              + "' is not supported for "
              + resourceType
              + "; this server sorts by date parameters only");
    }
    return new SortKey(name, path.get(), descending);
  }

  /**
   * An {@code _include}: the references a reference parameter selects, optionally only those to one
   * target type.
   */
  record IncludePath(ElementPath path, Optional<String> targetType) {
    List<Reference> references(FhirContext ctx, IBaseResource resource) {
      List<Reference> out = new ArrayList<>();
      for (IBase value : path.values(ctx, resource)) {
        if (value instanceof Reference) {
          out.add((Reference) value);
        }
      }
      return out;
    }
  }

  /**
   * Parses an {@code _include} value for a search over {@code resourceType}.
   *
   * @throws InvalidRequestException unless it is {@code resourceType:param[:TargetType]} with a
   *     reference parameter this server supports
   */
  static IncludePath include(FhirContext ctx, String resourceType, String include) {
    String[] parts = include.split(":");
    RuntimeSearchParam parameter =
        parts.length >= 2 && parts.length <= 3 && parts[0].equals(resourceType)
            ? ctx.getResourceDefinition(resourceType).getSearchParam(parts[1])
            : null;
    Optional<ElementPath> path =
        parameter == null || parameter.getParamType() != RestSearchParameterTypeEnum.REFERENCE
            ? Optional.empty()
            : supportedPath(parameter);
    if (path.isEmpty()) {
      throw new InvalidRequestException(
          "_include '"
              + include
              + "' is not supported; expected "
              + resourceType
              + ":<reference parameter>[:<target type>]");
    }
    Optional<String> target = parts.length == 3 ? Optional.of(parts[2] + "/") : Optional.empty();
    return new IncludePath(path.get(), target);
  }

  /**
   * Sorts matches in place by the {@code _sort} keys; stable, so ties keep the order of writing.
   * Resources with no value for a key come last.
   */
  void sort(List<? extends IBaseResource> resources) {
    if (sort.isEmpty()) {
      return;
    }
    Comparator<IBaseResource> order = (a, b) -> 0;
    for (SortKey key : sort) {
      order = order.thenComparing(r -> sortValue(key, r), nullsLast(key.descending()));
    }
    resources.sort(order);
  }

  private Optional<Instant> sortValue(SortKey key, IBaseResource resource) {
    Optional<Instant> best = Optional.empty();
    for (IBase value : key.path().values(ctx, resource)) {
      Optional<DateRange> range = range(value);
      if (range.isPresent()) {
        Instant v = key.descending() ? range.get().end() : range.get().start();
        if (best.isEmpty() || (key.descending() ? v.isAfter(best.get()) : v.isBefore(best.get()))) {
          best = Optional.of(v);
        }
      }
    }
    return best;
  }

  private static Comparator<Optional<Instant>> nullsLast(boolean descending) {
    Comparator<Instant> natural =
        descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
    return (a, b) -> {
      if (a.isEmpty() || b.isEmpty()) {
        return Boolean.compare(a.isEmpty(), b.isEmpty());
      }
      return natural.compare(a.get(), b.get());
    };
  }

  private static String supportedNames(FhirContext ctx, RuntimeResourceDefinition definition) {
    TreeSet<String> names = new TreeSet<>();
    for (RuntimeSearchParam p : definition.getSearchParams()) {
      if (supportedPath(p).isPresent()) {
        names.add(p.getName());
      }
    }
    return String.join(", ", names);
  }

  private static Optional<ElementPath> supportedPath(RuntimeSearchParam parameter) {
    switch (parameter.getParamType()) {
      case TOKEN:
      case REFERENCE:
      case DATE:
      case STRING:
      case URI:
        break;
      default:
        return Optional.empty();
    }
    String expression = parameter.getPath();
    if (expression == null || expression.isBlank()) {
      return Optional.empty();
    }
    return PATHS.computeIfAbsent(
        expression, e -> ElementPath.compile(FhirContext.forR4Cached(), e));
  }

  private static void checkModifier(
      String raw, RestSearchParameterTypeEnum type, Optional<String> modifier) {
    if (modifier.isEmpty() || modifier.get().equals("missing")) {
      return;
    }
    String m = modifier.get();
    boolean ok;
    switch (type) {
      case TOKEN:
        ok = m.equals("not");
        break;
      case STRING:
        ok = m.equals("exact") || m.equals("contains");
        break;
      case REFERENCE:
        ok = !m.isEmpty() && Character.isUpperCase(m.charAt(0));
        break;
      default:
        ok = false;
    }
    if (!ok) {
      throw new InvalidRequestException(
          "search parameter '" + raw + "': modifier ':" + m + "' is not supported");
    }
  }

  /** Splits a value on unescaped commas and removes the FHIR search escapes. */
  static ImmutableList<String> splitOr(String value) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        current.append(value.charAt(++i));
      } else if (c == ',') {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString());
    return ImmutableList.copyOf(out);
  }

  /**
   * Returns whether a resource satisfies every criterion.
   *
   * @throws InvalidRequestException if a value is malformed (for example a bad date)
   */
  boolean matches(IBaseResource resource) {
    for (Criterion c : criteria) {
      if (!matches(c, resource)) {
        return false;
      }
    }
    return true;
  }

  private boolean matches(Criterion c, IBaseResource resource) {
    List<IBase> values =
        c.name().equals("_id") ? List.of(resource.getIdElement()) : c.path().values(ctx, resource);
    if (c.modifier().filter("missing"::equals).isPresent()) {
      boolean wantMissing = c.values().contains("true");
      return values.isEmpty() == wantMissing;
    }
    boolean any = false;
    for (String searchValue : c.values()) {
      for (IBase value : values) {
        if (matchesValue(c, searchValue, value)) {
          any = true;
          break;
        }
      }
    }
    boolean not = c.modifier().filter("not"::equals).isPresent();
    return any != not;
  }

  private static boolean matchesValue(Criterion c, String searchValue, IBase value) {
    switch (c.type()) {
      case TOKEN:
        return c.name().equals("_id")
            ? searchValue.equals(((org.hl7.fhir.instance.model.api.IIdType) value).getIdPart())
            : tokenMatches(searchValue, value);
      case REFERENCE:
        return referenceMatches(searchValue, c.modifier(), value);
      case DATE:
        return dateMatches(c.name(), searchValue, value);
      case STRING:
        return stringMatches(searchValue, c.modifier().orElse(""), value);
      case URI:
        return value instanceof PrimitiveType
            && searchValue.equals(((PrimitiveType<?>) value).getValueAsString());
      default:
        throw new AssertionError(c.type());
    }
  }

  private static boolean tokenMatches(String searchValue, IBase value) {
    int bar = searchValue.indexOf('|');
    @Nullable String system = bar < 0 ? null : searchValue.substring(0, bar);
    String code = bar < 0 ? searchValue : searchValue.substring(bar + 1);
    if (value instanceof CodeableConcept) {
      for (Coding coding : ((CodeableConcept) value).getCoding()) {
        if (codeMatches(system, code, coding.getSystem(), coding.getCode())) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof Coding) {
      Coding coding = (Coding) value;
      return codeMatches(system, code, coding.getSystem(), coding.getCode());
    }
    if (value instanceof Identifier) {
      Identifier identifier = (Identifier) value;
      return codeMatches(system, code, identifier.getSystem(), identifier.getValue());
    }
    if (value instanceof ContactPoint) {
      return codeMatches(system, code, null, ((ContactPoint) value).getValue());
    }
    if (value instanceof Enumeration) {
      Enumeration<?> e = (Enumeration<?>) value;
      return codeMatches(system, code, e.getSystem(), e.getValueAsString());
    }
    if (value instanceof PrimitiveType) {
      return codeMatches(system, code, null, ((PrimitiveType<?>) value).getValueAsString());
    }
    return false;
  }

  private static boolean codeMatches(
      @Nullable String wantSystem,
      String wantCode,
      @Nullable String system,
      @Nullable String code) {
    if (wantSystem != null) {
      boolean noSystemWanted = wantSystem.isEmpty();
      if (noSystemWanted ? system != null && !system.isEmpty() : !wantSystem.equals(system)) {
        return false;
      }
    }
    return wantCode.isEmpty() ? wantSystem != null && !wantSystem.isEmpty() : wantCode.equals(code);
  }

  private static boolean referenceMatches(
      String searchValue, Optional<String> modifier, IBase value) {
    if (!(value instanceof Reference)) {
      return false;
    }
    String reference = ((Reference) value).getReference();
    Optional<String> target = References.typeAndId(reference);
    if (target.isEmpty()) {
      return false;
    }
    Optional<String> wanted = References.typeAndId(searchValue);
    if (wanted.isPresent()) {
      return wanted.equals(target);
    }
    String targetId = target.get().substring(target.get().indexOf('/') + 1);
    String targetType = target.get().substring(0, target.get().indexOf('/'));
    return searchValue.equals(targetId) && modifier.map(targetType::equals).orElse(true);
  }

  private static boolean dateMatches(String name, String searchValue, IBase value) {
    ParamPrefixEnum prefix;
    DateRange search;
    try {
      prefix = DateRange.prefix(searchValue);
      boolean written = searchValue.startsWith(prefix.getValue());
      search = DateRange.parse(written ? searchValue.substring(2) : searchValue);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("search parameter '" + name + "': " + e.getMessage(), e);
    }
    Optional<DateRange> range = range(value);
    try {
      return range.isPresent() && range.get().matches(prefix, search);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("search parameter '" + name + "': " + e.getMessage(), e);
    }
  }

  private static Optional<DateRange> range(IBase value) {
    if (value instanceof BaseDateTimeType) {
      BaseDateTimeType date = (BaseDateTimeType) value;
      return date.hasValue()
          ? Optional.of(DateRange.parse(date.getValueAsString()))
          : Optional.empty();
    }
    if (value instanceof Period) {
      Period period = (Period) value;
      DateRange start =
          period.hasStart()
              ? DateRange.parse(period.getStartElement().getValueAsString())
              : DateRange.ALL_TIME;
      DateRange end =
          period.hasEnd()
              ? DateRange.parse(period.getEndElement().getValueAsString())
              : DateRange.ALL_TIME;
      return Optional.of(start.through(end));
    }
    if (value instanceof Timing) {
      List<DateRange> events = new ArrayList<>();
      ((Timing) value).getEvent().forEach(e -> range(e).ifPresent(events::add));
      return events.isEmpty()
          ? Optional.empty()
          : Optional.of(events.get(0).through(events.get(events.size() - 1)));
    }
    return Optional.empty();
  }

  private static boolean stringMatches(String searchValue, String modifier, IBase value) {
    List<String> texts = new ArrayList<>();
    if (value instanceof HumanName) {
      HumanName name = (HumanName) value;
      texts.add(name.getFamily());
      texts.add(name.getText());
      name.getGiven().forEach(g -> texts.add(g.getValue()));
      name.getPrefix().forEach(g -> texts.add(g.getValue()));
      name.getSuffix().forEach(g -> texts.add(g.getValue()));
    } else if (value instanceof Address) {
      Address address = (Address) value;
      address.getLine().forEach(l -> texts.add(l.getValue()));
      texts.add(address.getCity());
      texts.add(address.getDistrict());
      texts.add(address.getState());
      texts.add(address.getPostalCode());
      texts.add(address.getCountry());
      texts.add(address.getText());
    } else if (value instanceof PrimitiveType) {
      texts.add(((PrimitiveType<?>) value).getValueAsString());
    }
    String wanted = searchValue.toLowerCase(Locale.ROOT);
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      boolean match;
      switch (modifier) {
        case "exact":
          match = text.equals(searchValue);
          break;
        case "contains":
          match = lower.contains(wanted);
          break;
        default:
          match = lower.startsWith(wanted);
      }
      if (match) {
        return true;
      }
    }
    return false;
  }
}
