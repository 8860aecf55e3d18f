package org.crampcare.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.patient.PatientContext;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.crampcare.testing.Fixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of one assessment with the built-in rule book: 50 episodes, 10 labs, 5 medications
 * (see {@link Fixtures}), on one thread.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar Assess -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class AssessBenchmark {
  private Assessor assessor = Assessor.withBuiltInRules();
  private PatientContext patient = Fixtures.patient();
  private List<CrampEpisode> episodes = Fixtures.episodes();
  private Instant asOf = Fixtures.AS_OF;

  /** Builds the input once and checks that it exercises the engine. */
  @Setup
  public void setUp() {
    assessor = Assessor.withBuiltInRules();
    patient = Fixtures.patient();
    episodes = Fixtures.episodes();
    asOf = Fixtures.AS_OF;
    Assessment check = assessor.assess(patient, episodes, asOf);
    if (check.patterns().episodeCount() != Fixtures.EPISODES
        || check.recommendations().isEmpty()
        || check.riskFactors().isEmpty()) {
      throw new IllegalStateException(
          "benchmark input does not exercise the engine: "
              + check.patterns().episodeCount()
              + " episodes in window, "
              + check.recommendations().size()
              + " recommendations");
    }
  }

  /** Assesses the patient; the result is returned so the JIT cannot drop the work. */
  @Benchmark
  public Assessment assess() {
    return assessor.assess(patient, episodes, asOf);
  }
}
