package org.crampcare.fhir.testserver;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Reference;

/**
 * The small subset of FHIRPath that the R4 search parameter definitions use for the searches this
 * server implements: dotted element paths, alternatives joined by {@code |}, {@code
 * X.where(resolve() is Type)} and {@code (X as type)}.
 *
 * <p>Choice elements are named without their type suffix, as in the definitions ({@code
 * Observation.effective}). Immutable and thread-safe.
 *
 * <p>Why not HAPI's own {@code FhirContext#newFhirPath()}: its R4 engine evaluates {@code as
 * dateTime} and {@code resolve() is Patient} only with the core StructureDefinitions loaded, which
 * puts the validation resources, a cache provider and UCUM (tens of megabytes) on every test
 * classpath that uses this server; without them it fails with "The type dateTime is not valid". The
 * walk here uses HAPI's runtime model definitions ({@code BaseRuntimeChildDefinition}) instead.
 */
final class ElementPath {
  private static final Pattern WHERE_RESOLVE =
      Pattern.compile("^(.+)\\.where\\(resolve\\(\\) is ([A-Za-z]+)\\)$");
  private static final Pattern AS_TYPE = Pattern.compile("^(.+) as ([A-Za-z]+)$");
  private static final Pattern SIMPLE = Pattern.compile("^[A-Za-z]+(\\.[A-Za-z]+)*$");

  private final ImmutableList<Alternative> alternatives;

  private ElementPath(List<Alternative> alternatives) {
    this.alternatives = ImmutableList.copyOf(alternatives);
  }

  /** One {@code |} alternative. */
  private record Alternative(
      ImmutableList<String> segments, Optional<String> referenceType, Optional<String> asType) {}

  /**
   * Compiles a search parameter's path expression.
   *
   * @return the compiled path, or empty if the expression uses FHIRPath this class does not support
   */
  static Optional<ElementPath> compile(String expression) {
    List<Alternative> alternatives = new ArrayList<>();
    for (String part : expression.split("\\|")) {
      String p = part.trim();
      if (p.startsWith("(") && p.endsWith(")")) {
        p = p.substring(1, p.length() - 1).trim();
      }
      Optional<String> referenceType = Optional.empty();
      Optional<String> asType = Optional.empty();
      Matcher where = WHERE_RESOLVE.matcher(p);
      Matcher as = AS_TYPE.matcher(p);
      if (where.matches()) {
        p = where.group(1);
        referenceType = Optional.of(where.group(2));
      } else if (as.matches()) {
        p = as.group(1).trim();
        asType = Optional.of(as.group(2));
      }
      if (!SIMPLE.matcher(p).matches()) {
        return Optional.empty();
      }
      List<String> segments = List.of(p.split("\\."));
      alternatives.add(
          new Alternative(
              ImmutableList.copyOf(segments.subList(1, segments.size())), referenceType, asType));
    }
    return Optional.of(new ElementPath(alternatives));
  }

  /**
   * Returns the values the path selects in a resource, in document order.
   *
   * @throws IllegalArgumentException if an element named in the path does not exist on the resource
   *     type
   */
  List<IBase> values(FhirContext ctx, IBase resource) {
    List<IBase> out = new ArrayList<>();
    for (Alternative alternative : alternatives) {
      List<IBase> current = List.of(resource);
      for (String segment : alternative.segments()) {
        List<IBase> next = new ArrayList<>();
        for (IBase value : current) {
          next.addAll(child(ctx, value, segment).getAccessor().getValues(value));
        }
        current = next;
      }
      for (IBase value : current) {
        if (alternative.asType().isPresent()
            && !(value instanceof Base
                && ((Base) value).fhirType().equals(alternative.asType().get()))) {
          continue;
        }
        if (alternative.referenceType().isPresent()
            && !(value instanceof Reference
                && References.type(((Reference) value).getReference())
                    .equals(alternative.referenceType()))) {
          continue;
        }
        out.add(value);
      }
    }
    return out;
  }

  private static BaseRuntimeChildDefinition child(FhirContext ctx, IBase value, String name) {
    BaseRuntimeElementDefinition<?> definition = ctx.getElementDefinition(value.getClass());
    if (definition instanceof BaseRuntimeElementCompositeDefinition) {
      BaseRuntimeElementCompositeDefinition<?> composite =
          (BaseRuntimeElementCompositeDefinition<?>) definition;
      BaseRuntimeChildDefinition child = composite.getChildByName(name);
      if (child == null) {
        child = composite.getChildByName(name + "[x]");
      }
      if (child != null) {
        return child;
      }
    }
    throw new IllegalArgumentException(
        "element '" + name + "' does not exist on " + definitionName(definition, value));
  }

  private static String definitionName(BaseRuntimeElementDefinition<?> definition, IBase value) {
    return definition == null ? value.getClass().getSimpleName() : definition.getName();
  }
}
