package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** {@link References} finds exactly the references HAPI's terser finds, in the same order. */
class ReferencesTest {
  private static final FhirContext CTX = FhirContext.forR4Cached();

  @Test
  void findsTheSameReferencesAsTheTerserInThirdPartyBundlesAndInOurOwnOutput() throws IOException {
    List<Resource> resources = new ArrayList<>();
    // The shared third-party fixtures when they are there (CI has them), and our own output always.
    java.util.Optional<Path> shared = InboundTestData.fixtures();
    try (Stream<Path> files = shared.isPresent() ? Files.walk(shared.get()) : Stream.empty()) {
      for (Path file :
          (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
        Object parsed;
        try {
          parsed = CTX.newJsonParser().parseResource(Files.readString(file));
        } catch (RuntimeException e) {
          continue; // not an R4 resource; other tests read these files for what they are
        }
        if (parsed instanceof Bundle) {
          ((Bundle) parsed)
              .getEntry()
              .forEach(
                  e -> {
                    if (e.getResource() != null) {
                      resources.add(e.getResource());
                    }
                  });
        } else if (parsed instanceof Resource) {
          resources.add((Resource) parsed);
        }
      }
    }
    if (shared.isPresent()) {
      assertThat(resources).as("fixtures read from %s", shared.get()).hasSizeGreaterThan(100);
    }
    for (OutboundTestSupport.Scenario s : OutboundTestSupport.scenarios()) {
      OutboundTestSupport.EXPORTER
          .toTransaction(s.assessment(), s.patient(), s.episodes())
          .getEntry()
          .forEach(e -> resources.add(e.getResource()));
    }

    FhirTerser terser = CTX.newTerser();
    int compared = 0;
    for (Resource r : resources) {
      List<Reference> expected = terser.getAllPopulatedChildElementsOfType(r, Reference.class);
      List<Reference> actual = References.in(r);
      assertThat(actual)
          .as("%s/%s", r.fhirType(), r.getIdElement().getIdPart())
          .containsExactlyElementsOf(expected);
      compared += expected.size();
    }
    assertThat(compared).isGreaterThan(shared.isPresent() ? 1000 : 50);
  }
}
