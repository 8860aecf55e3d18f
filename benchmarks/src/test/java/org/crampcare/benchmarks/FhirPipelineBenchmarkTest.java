package org.crampcare.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.crampcare.testing.Fixtures;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs each benchmark body once, so the benchmarks cannot rot unnoticed in the normal build. */
class FhirPipelineBenchmarkTest {
  private static final FhirContext CONTEXT = FhirContext.forR4Cached();

  private static FhirPipelineBenchmark benchmark(String bundle) {
    FhirPipelineBenchmark benchmark = new FhirPipelineBenchmark();
    benchmark.bundle = bundle;
    benchmark.setUp();
    return benchmark;
  }

  @Test
  void hapiParseEncode_builtBundle_returnsTheSameResources() {
    FhirPipelineBenchmark benchmark = benchmark("built");

    Bundle encoded =
        CONTEXT.newJsonParser().parseResource(Bundle.class, benchmark.hapiParseEncode());

    assertThat(encoded.getEntry()).hasSize(1 + 5 + 5 + 10 + Fixtures.EPISODES);
  }

  @Test
  void pipeline_builtBundle_returnsATransactionWithACarePlan() {
    FhirPipelineBenchmark benchmark = benchmark("built");

    Bundle transaction = CONTEXT.newJsonParser().parseResource(Bundle.class, benchmark.pipeline());

    assertThat(transaction.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
    assertThat(transaction.getEntry())
        .anySatisfy(e -> assertThat(e.getResource()).isInstanceOf(CarePlan.class));
  }

  @Test
  void pipeline_syntheaBundle_returnsATransaction() {
    FhirPipelineBenchmark benchmark;
    try {
      benchmark = benchmark("synthea");
    } catch (IllegalStateException e) {
      Assumptions.abort("shared Synthea fixture not available: " + e.getMessage());
      return;
    }

    Bundle transaction = CONTEXT.newJsonParser().parseResource(Bundle.class, benchmark.pipeline());

    assertThat(benchmark.json()).contains("Dennis");
    assertThat(transaction.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
  }
}
