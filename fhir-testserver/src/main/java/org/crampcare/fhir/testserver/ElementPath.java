package org.crampcare.fhir.testserver;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.FhirPathExecutionException;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IIdType;
import org.jspecify.annotations.Nullable;

/**
 * A search parameter's FHIRPath expression, evaluated by HAPI's own FHIRPath engine ({@link
 * FhirContext#newFhirPath()}), for example {@code Observation.subject.where(resolve() is Patient)}
 * or {@code (Observation.effective as dateTime)}.
 *
 * <p>{@code resolve()} answers with an empty resource of the type the reference names, without a
 * lookup: search parameter paths use it only to test the target's type. The engine needs the core
 * StructureDefinitions ({@code hapi-fhir-validation-resources-r4}), a cache ({@code
 * hapi-fhir-caching-caffeine}) and UCUM at run time; an engine is kept per thread, as HAPI's is not
 * documented as thread-safe. Immutable and thread-safe.
 */
final class ElementPath {
  private static final ThreadLocal<Map<FhirContext, IFhirPath>> ENGINES =
      ThreadLocal.withInitial(HashMap::new);

  private final String expression;
  private final IFhirPath.IParsedExpression parsed;

  private ElementPath(String expression, IFhirPath.IParsedExpression parsed) {
    this.expression = expression;
    this.parsed = parsed;
  }

  /**
   * Compiles a search parameter's path expression.
   *
   * @return the compiled path, or empty if HAPI's FHIRPath engine cannot parse it
   */
  static Optional<ElementPath> compile(FhirContext ctx, String expression) {
    try {
      return Optional.of(new ElementPath(expression, engine(ctx).parse(expression)));
    } catch (Exception e) {
      // FHIRPath the engine cannot parse: the parameter is reported as unsupported.
      return Optional.empty();
    }
  }

  /**
   * Returns the values the path selects in a resource, in document order.
   *
   * @throws IllegalArgumentException if the engine cannot evaluate the path on the resource
   */
  List<IBase> values(FhirContext ctx, IBase resource) {
    try {
      return engine(ctx).evaluate(resource, parsed, IBase.class);
    } catch (FhirPathExecutionException e) {
      throw new IllegalArgumentException(
          "cannot evaluate '" + expression + "': " + e.getMessage(), e);
    }
  }

  private static IFhirPath engine(FhirContext ctx) {
    return ENGINES.get().computeIfAbsent(ctx, ElementPath::newEngine);
  }

  private static IFhirPath newEngine(FhirContext ctx) {
    IFhirPath engine = ctx.newFhirPath();
    engine.setEvaluationContext(
        new IFhirPathEvaluationContext() {
          @Override
          public @Nullable IBase resolveReference(IIdType reference, @Nullable IBase context) {
            if (!reference.hasResourceType()) {
              return null;
            }
            try {
              return ctx.getResourceDefinition(reference.getResourceType()).newInstance();
            } catch (RuntimeException unknownType) {
              return null;
            }
          }
        });
    return engine;
  }

  @Override
  public String toString() {
    return expression;
  }
}
