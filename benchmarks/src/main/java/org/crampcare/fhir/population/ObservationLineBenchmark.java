package org.crampcare.fhir.population;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Observation;
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
 * One NDJSON Observation line read into HAPI's model, by HAPI's parser and by the population run's
 * {@link ObservationLineParser}, in one run (in the adapter's package, as the reader is not public
 * API):
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ObservationLine -prof gc
 * }</pre>
 *
 * <p>Lines: {@code lab} is a potassium result with its reference range, as the population generator
 * writes 96% of its lines; {@code cramp} is a cramp finding with a date and a site.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ObservationLineBenchmark {
  /** Which line. */
  @Param({"lab", "cramp"})
  public String line = "lab";

  static final String LAB =
      "{\"resourceType\":\"Observation\",\"id\":\"p0-kh-1\",\"status\":\"final\",\"category\":"
          + "[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\","
          + "\"code\":\"laboratory\"}]}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
          + "\"code\":\"2823-3\"}]},\"subject\":{\"reference\":\"Patient/p0\"},"
          + "\"effectiveDateTime\":\"2026-10-21\",\"valueQuantity\":{\"value\":4.3,\"unit\":\"mmol/L\","
          + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"mmol/L\"},\"referenceRange\":[{\"low\":"
          + "{\"value\":3.5,\"unit\":\"mmol/L\",\"system\":\"http://unitsofmeasure.org\",\"code\":"
          + "\"mmol/L\"},\"high\":{\"value\":5.1,\"unit\":\"mmol/L\",\"system\":"
          + "\"http://unitsofmeasure.org\",\"code\":\"mmol/L\"}}]}";

  static final String CRAMP =
      "{\"resourceType\":\"Observation\",\"id\":\"p0-cramp-0\",\"status\":\"final\",\"code\":"
          + "{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"55300003\",\"display\":"
          + "\"Cramp\"}]},\"subject\":{\"reference\":\"Patient/p0\"},\"effectiveDateTime\":"
          + "\"2026-11-07T09:15:00Z\",\"bodySite\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
          + "\"code\":\"53840002\",\"display\":\"Calf of leg\"}]}}";

  private IParser hapi = FhirContext.forR4Cached().newJsonParser();
  private ObservationLineParser fast = new ObservationLineParser();
  private String json = LAB;

  /**
   * Picks the line and checks that the fast reader accepts it.
   *
   * @throws IllegalStateException if it declines the line (the benchmark would measure nothing)
   */
  @Setup
  public void setUp() {
    hapi = FhirContext.forR4Cached().newJsonParser();
    fast = new ObservationLineParser();
    json = "cramp".equals(line) ? CRAMP : LAB;
    if (fast.parse(json) == null) {
      throw new IllegalStateException("ObservationLineParser declined the " + line + " line");
    }
  }

  /** HAPI's parser, as every line was read before. */
  @Benchmark
  public Observation hapiParser() {
    return (Observation) hapi.parseResource(json);
  }

  /** The population run's reader. */
  @Benchmark
  public Observation observationLineParser() {
    Observation o = fast.parse(json);
    if (o == null) {
      throw new IllegalStateException("declined");
    }
    return o;
  }
}
