package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crampcare.fhir.OutboundTestSupport.EXPORTER;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.crampcare.fhir.OutboundTestSupport.Scenario;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** One exporter and one FHIR context shared by many threads give the same output as one thread. */
class ExporterConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 5;

  @Test
  void toTransactionJson_fromManyThreads_equalsTheSequentialResult() throws Exception {
    List<Scenario> scenarios = OutboundTestSupport.scenarios();
    List<String> expected = new ArrayList<>();
    for (Scenario s : scenarios) {
      expected.add(EXPORTER.toTransactionJson(s.assessment(), s.patient(), s.episodes()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t;
        Callable<List<String>> task =
            () -> {
              start.await();
              List<String> out = new ArrayList<>();
              for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < scenarios.size(); i++) {
                  // threads walk the scenarios from different starting points
                  Scenario s = scenarios.get((i + offset) % scenarios.size());
                  out.add(
                      scenarios.indexOf(s)
                          + ":"
                          + EXPORTER.toTransactionJson(s.assessment(), s.patient(), s.episodes()));
                }
              }
              return out;
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      for (Future<List<String>> future : futures) {
        for (String result : future.get(5, TimeUnit.MINUTES)) {
          int colon = result.indexOf(':');
          int index = Integer.parseInt(result.substring(0, colon));
          assertThat(result.substring(colon + 1)).isEqualTo(expected.get(index));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void episodeObservations_fromManyThreads_roundTrip() throws Exception {
    Scenario s = OutboundTestSupport.statinUserWithWeaknessAndHeartFailure();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 50; round++) {
                    for (var e : s.episodes()) {
                      Observation o = EpisodeObservations.toObservation(e, "Patient/p");
                      String json =
                          OutboundTestSupport.CTX.newJsonParser().encodeResourceToString(o);
                      Observation back =
                          OutboundTestSupport.CTX
                              .newJsonParser()
                              .parseResource(Observation.class, json);
                      if (!EpisodeObservations.fromObservation(back).equals(e)
                          && !e.id().contains("/")) {
                        return false;
                      }
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> f : futures) {
        assertThat(f.get(5, TimeUnit.MINUTES)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
