package org.crampcare.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.crampcare.fhir.population.ObservationLineBenchmark;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** Runs each body of {@link ObservationLineBenchmark} once: both read the line alike. */
class ObservationLineBenchmarkTest {
  @Test
  void bothReadersGiveTheSameObservation_forEachLine() {
    IParser encoder = FhirContext.forR4Cached().newJsonParser();
    for (String line : new String[] {"lab", "cramp"}) {
      ObservationLineBenchmark benchmark = new ObservationLineBenchmark();
      benchmark.line = line;
      benchmark.setUp();

      Observation hapi = benchmark.hapiParser();
      Observation fast = benchmark.observationLineParser();

      assertThat(encoder.encodeResourceToString(fast))
          .as(line)
          .isEqualTo(encoder.encodeResourceToString(hapi));
      assertThat(fast.equalsDeep(hapi)).as(line).isTrue();
    }
  }
}
