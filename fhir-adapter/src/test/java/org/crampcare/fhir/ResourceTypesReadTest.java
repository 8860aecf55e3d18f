package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * {@link FhirImporter#RESOURCE_TYPES_READ} names every type whose content the import reads: a
 * resource of any other type can be replaced by an empty one of the same type and id and nothing
 * CrampCare concludes or reports changes.
 */
class ResourceTypesReadTest {
  private static final CrampCareFhir FHIR = CrampCareFhir.create();
  private static final FhirContext CTX = FHIR.context();
  private static final Instant AS_OF = Instant.parse("2026-11-21T23:59:59Z");

  @Test
  void emptyingEveryResourceOfAnotherType_changesNothing_inThirdPartyAndOurOwnCharts()
      throws IOException {
    List<Path> files = new ArrayList<>();
    Optional<Path> shared = InboundTestData.fixtures();
    if (shared.isPresent()) {
      files.addAll(jsonFiles(shared.get().resolve("bundles")));
    }
    files.addAll(jsonFiles(Path.of("../examples/src/test/resources/org/crampcare/examples")));
    files.addAll(jsonFiles(Path.of("../examples/src/main/resources/org/crampcare/examples")));
    IParser parser = CTX.newJsonParser().setOverrideResourceIdWithBundleEntryFullUrl(false);
    IParser writer = CTX.newJsonParser();
    int charts = 0;
    TreeSet<String> emptied = new TreeSet<>();
    for (Path file : files) {
      Bundle bundle;
      try {
        bundle = parser.parseResource(Bundle.class, Files.readString(file));
      } catch (RuntimeException e) {
        continue; // not a Bundle: other tests read such files for what they are
      }
      List<Resource> full = new ArrayList<>();
      List<Resource> thinned = new ArrayList<>();
      for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
        Resource r = e.getResource();
        if (r == null) {
          continue;
        }
        full.add(r);
        if (FhirImporter.RESOURCE_TYPES_READ.contains(r.fhirType())) {
          thinned.add(r);
        } else {
          Resource empty = (Resource) CTX.getResourceDefinition(r.fhirType()).newInstance();
          if (r.getIdElement().hasIdPart()) {
            empty.setIdElement(new IdType(r.fhirType(), r.getIdElement().getIdPart()));
          }
          thinned.add(empty);
          emptied.add(r.fhirType());
        }
      }
      if (full.stream().filter(r -> r instanceof Patient).count() != 1) {
        continue;
      }
      CrampCareFhir.Result expected;
      try {
        expected = FHIR.assess(full, AS_OF);
      } catch (RuntimeException e) {
        continue; // a chart the import refuses as a whole (tested elsewhere)
      }
      CrampCareFhir.Result actual = FHIR.assess(thinned, AS_OF);

      assertThat(writer.encodeResourceToString(actual.imported().report()))
          .as("mapping report of %s", file)
          .isEqualTo(writer.encodeResourceToString(expected.imported().report()));
      assertThat(writer.encodeResourceToString(actual.transaction()))
          .as("transaction of %s", file)
          .isEqualTo(writer.encodeResourceToString(expected.transaction()));
      charts++;
    }
    assertThat(charts).isGreaterThan(40);
    if (shared.isPresent()) {
      // Synthea's and Inferno's records hold many types the import does not read.
      assertThat(emptied)
          .contains("Claim", "ExplanationOfBenefit", "Encounter", "Procedure", "DiagnosticReport");
    }
  }

  @Test
  void aResourceOfATypeNotRead_isCountedAsIrrelevant_whateverItsType() {
    Patient patient = new Patient();
    patient.setId("p1");
    patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1950-01-01"));
    for (String type : new TreeSet<>(CTX.getResourceTypes())) {
      if (FhirImporter.RESOURCE_TYPES_READ.contains(type)) {
        continue;
      }
      Resource other = (Resource) CTX.getResourceDefinition(type).newInstance();
      other.setId(type + "/x1");

      ImportResult result = FHIR.importer().importResources(List.of(patient, other), AS_OF);

      assertThat(result.resourcesIrrelevant()).as(type).isEqualTo(1);
      assertThat(result.resourcesNotUsed()).as(type).isZero();
    }
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }
}
