package org.crampcare.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped samples are what {@link SamplePatient} says they are. */
class SamplePatientTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @ParameterizedTest
  @EnumSource(SamplePatient.class)
  void sample_isATransactionOfPutsForOnePatient(SamplePatient sample) {
    Bundle bundle = sample.bundle(FHIR);

    assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
    assertThat(bundle.getEntry())
        .filteredOn(e -> e.getResource() instanceof Patient)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getResource().getIdElement().getIdPart())
                    .isEqualTo(sample.patientId()));
    for (BundleEntryComponent entry : bundle.getEntry()) {
      String id =
          entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart();
      assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
      assertThat(entry.getRequest().getUrl()).isEqualTo(id);
      assertThat(entry.getFullUrl()).isEqualTo("https://crampcare.org/fhir/samples/" + id);
    }
  }

  @ParameterizedTest
  @EnumSource(SamplePatient.class)
  void sample_fileIsOnTheClasspathUnderItsName(SamplePatient sample) {
    assertThat(sample.resourceName()).endsWith("/samples/" + sample.fileName());
    assertThat(sample.json()).contains("\"id\": \"" + sample.patientId() + "\"");
  }

  @Test
  void asOf_isTheEndOf2026_11_21InUtc() {
    assertThat(SamplePatient.asOf()).isEqualTo(Instant.parse("2026-11-21T23:59:59Z"));
  }
}
