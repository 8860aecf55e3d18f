package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.crampcare.fhir.InboundTestData.AS_OF;
import static org.crampcare.fhir.InboundTestData.CTX;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * One importer and one FhirContext shared by many threads give every thread the same result as a
 * single-threaded import. Each thread parses its own copy of the input (HAPI model objects are not
 * safe to share while their getters lazily create lists).
 */
class ImporterConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 25;

  private static String input() {
    Bundle bundle = new Bundle();
    bundle.setType(Bundle.BundleType.COLLECTION);
    List<Resource> resources =
        List.of(
            InboundTestData.patient(),
            InboundTestData.cramp("o1"),
            InboundTestData.finding("w1", "26544005", "2026-11-20T15:00:00Z"),
            InboundTestData.lab("k1", "2823-3", "3.1", "mmol/L"),
            InboundTestData.lab("k2", "2823-3", "4.0", "mg"),
            InboundTestData.condition(
                "c1", org.crampcare.terminology.CodeSystems.SNOMED_CT, "431857002"),
            InboundTestData.prescription(
                "m1", org.crampcare.terminology.CodeSystems.RXNORM, "316672", "Simvistatin 10 MG"));
    resources.forEach(r -> bundle.addEntry().setResource(r));
    return CTX.newJsonParser().encodeResourceToString(bundle);
  }

  @Test
  void inboundClasses_haveNoMutableStaticState() {
    List<Class<?>> classes =
        List.of(
            FhirImporter.class,
            ImportResult.class,
            ImportRun.class,
            PatientReader.class,
            ObservationReader.class,
            EpisodeReader.class,
            ConditionReader.class,
            MedicationReader.class,
            InboundCodes.class,
            InboundMedicationCodes.class,
            InboundDates.class,
            InboundEntry.class,
            InboundIndex.class,
            InboundReport.class,
            InboundSigns.class);
    List<Class<?>> immutable =
        List.of(
            String.class,
            java.math.BigDecimal.class,
            java.util.regex.Pattern.class,
            org.slf4j.Logger.class,
            com.google.common.collect.ImmutableCollection.class,
            com.google.common.collect.ImmutableMap.class,
            Enum.class);
    for (Class<?> type : classes) {
      for (java.lang.reflect.Field field : type.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (!java.lang.reflect.Modifier.isStatic(modifiers) || field.isSynthetic()) {
          continue;
        }
        assertThat(java.lang.reflect.Modifier.isFinal(modifiers))
            .as("%s.%s is final", type.getSimpleName(), field.getName())
            .isTrue();
        assertThat(immutable)
            .as("%s.%s has an immutable type", type.getSimpleName(), field.getName())
            .anyMatch(t -> t.isAssignableFrom(field.getType()) || field.getType().isPrimitive());
      }
    }
  }

  @Test
  void importJson_sharedImporterAcrossThreads_givesTheSingleThreadedResult() throws Exception {
    FhirImporter shared = new FhirImporter(CTX);
    String json = input();
    ImportResult expected = shared.importJson(json, AS_OF);
    assertThat(expected.episodes()).hasSize(1);
    assertThat(expected.resourcesNotUsed()).isEqualTo(1);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<ImportResult>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  List<ImportResult> results = new ArrayList<>();
                  for (int i = 0; i < ROUNDS; i++) {
                    results.add(shared.importJson(json, AS_OF));
                  }
                  return results;
                }));
      }
      start.countDown();
      for (Future<List<ImportResult>> future : futures) {
        assertThat(future.get(120, TimeUnit.SECONDS)).hasSize(ROUNDS).containsOnly(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
