package org.crampcare.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.crampcare.recommendation.Assessment;
import org.crampcare.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Runs the benchmark body once, so the benchmark cannot rot unnoticed in the normal build. */
class AssessBenchmarkTest {

  @Test
  void assess_benchmarkInput_exercisesRiskFactorsRedFlagsAndSuppressions() {
    AssessBenchmark benchmark = new AssessBenchmark();
    benchmark.setUp();

    Assessment assessment = benchmark.assess();

    assertThat(assessment.patterns().episodeCount()).isEqualTo(Fixtures.EPISODES);
    assertThat(assessment.labs()).hasSize(10);
    assertThat(assessment.riskFactors()).isNotEmpty();
    assertThat(assessment.redFlags()).isNotEmpty();
    assertThat(assessment.recommendationCodes())
        .contains("urgent-medical-review", "medication-review", "abnormal-lab-follow-up");
    assertThat(assessment.suppression("hydration")).isPresent();
  }

  @Test
  void assess_sameInput_givesEqualAssessment() {
    AssessBenchmark benchmark = new AssessBenchmark();
    benchmark.setUp();

    assertThat(benchmark.assess()).isEqualTo(benchmark.assess());
  }
}
