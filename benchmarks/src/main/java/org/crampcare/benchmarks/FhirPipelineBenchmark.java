package org.crampcare.benchmarks;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.ImportResult;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.testing.Fixtures;
import org.hl7.fhir.r4.model.Bundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole FHIR path against HAPI's own parse and encode of the same patient bundle, in one run:
 *
 * <ul>
 *   <li>{@link #hapiParseEncode}: JSON string to Bundle to JSON string, nothing else;
 *   <li>{@link #pipeline}: parse the same JSON, import it, assess, export the transaction Bundle
 *       and encode it to JSON.
 * </ul>
 *
 * <p>The ratio pipeline/bare is in {@code docs/benchmarks.md}. One shared {@link FhirContext}; a
 * new parser per call, as the library does. Bundles: {@code synthea} is a shared Synthea fixture
 * (967 KB, 287 resources, no cramp episodes); {@code built} is the {@link Fixtures} patient built
 * in code (71 resources, 50 cramp episodes).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar FhirPipeline -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class FhirPipelineBenchmark {
  /** Which patient bundle. */
  @Param({"synthea", "built"})
  public String bundle = "built";

  private FhirContext context = FhirContext.forR4Cached();
  private CrampCareFhir pipeline = CrampCareFhir.create(context, RuleBook.builtIn());
  private String json = "";
  private Instant asOf = Fixtures.AS_OF;

  /**
   * Reads or builds the bundle once and checks that the pipeline runs on it.
   *
   * @throws IllegalStateException if the Synthea fixture is missing (the message says how to skip
   *     it) or the built bundle does not import as expected
   */
  @Setup
  public void setUp() {
    context = FhirContext.forR4Cached();
    pipeline = CrampCareFhir.create(context, RuleBook.builtIn());
    asOf = Fixtures.AS_OF;
    json = "synthea".equals(bundle) ? PatientBundles.synthea() : PatientBundles.built(context);
    ImportResult imported =
        pipeline
            .importer()
            .importBundle(context.newJsonParser().parseResource(Bundle.class, json), asOf);
    if ("built".equals(bundle)
        && (imported.episodes().size() != Fixtures.EPISODES
            || imported.patient().labs().size() != 10
            || imported.patient().medications().size() != 5
            || imported.patient().conditions().size() != 5)) {
      throw new IllegalStateException(
          "the built bundle did not import as the Fixtures patient: "
              + imported.episodes().size()
              + " episodes, "
              + imported.patient().labs().size()
              + " labs, "
              + imported.patient().medications().size()
              + " medications, "
              + imported.patient().conditions().size()
              + " conditions; "
              + imported.diagnostics());
    }
  }

  /** HAPI alone: parse the bundle and encode it again. */
  @Benchmark
  public String hapiParseEncode() {
    Bundle parsed = context.newJsonParser().parseResource(Bundle.class, json);
    return context.newJsonParser().encodeResourceToString(parsed);
  }

  /** The whole path: parse, import, assess, export the transaction Bundle, encode it. */
  @Benchmark
  public String pipeline() {
    Bundle parsed = context.newJsonParser().parseResource(Bundle.class, json);
    Bundle transaction = pipeline.assess(parsed, asOf).transaction();
    return context.newJsonParser().encodeResourceToString(transaction);
  }

  /** Returns the bundle JSON the benchmarks read, for tests. */
  String json() {
    return json;
  }
}
