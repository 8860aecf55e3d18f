package org.crampcare.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crampcare.fhir.FhirSync;
import org.crampcare.recommendation.Assessment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs every example program, as its README paragraph says it runs. */
class ExamplesTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainJavaExample_recommendsAMedicationReviewForTheThiazide() {
    Assessment assessment = PlainJavaExample.run(console);

    assertThat(assessment.recommendationCodes())
        .contains("medication-review", "abnormal-lab-follow-up", "clinician-visit");
    assertThat(printed())
        .contains("  Low potassium\n")
        .contains("  medication-review (soon): ")
        .contains("      fact: Hydrochlorothiazide 25 mg (thiazide diuretic) [med-1]");
  }

  @Test
  void plainJavaExample_main_runs() {
    PrintStream original = System.out;
    System.setOut(console);
    try {
      PlainJavaExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(printed()).startsWith("Risk factors:\n");
  }

  @Test
  void fhirBundleExample_writesATransactionWithACarePlan(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("result.json");

    Bundle result =
        FhirBundleExample.run(
            SamplePatient.NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM.json(),
            out,
            SamplePatient.asOf(),
            console);

    assertThat(Files.readString(out)).contains("\"resourceType\": \"CarePlan\"");
    assertThat(result.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
    assertThat(result.getEntry()).anyMatch(e -> e.getResource() instanceof CarePlan);
    assertThat(printed())
        .contains("Mapped 9 of 9 resources; 5 cramp episodes")
        .contains("CarePlan with 10 activities")
        .contains("Wrote " + result.getEntry().size() + " entries to " + out);
  }

  @Test
  void ehrRoundTripExample_secondSyncCreatesNothing() {
    FhirSync.Result second =
        EhrRoundTripExample.run(
            SamplePatient.NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM, SamplePatient.asOf(), console);

    assertThat(second.created()).isZero();
    assertThat(second.alreadyPresent()).isEqualTo(second.transaction().getEntry().size());
    assertThat(printed())
        .contains("Loaded 9 resources of sample-thiazide")
        .contains("Second sync: created 0, found ")
        .contains("The server holds 1 CarePlan (10 activities), 7 Observations, 1 Provenance");
  }

  @ParameterizedTest
  @EnumSource(SamplePatient.class)
  void ehrRoundTrip_everySample_secondSyncCreatesNothing(SamplePatient sample) {
    FhirSync.Result second = EhrRoundTripExample.run(sample, SamplePatient.asOf(), console);

    assertThat(second.created()).isZero();
    assertThat(printed()).contains("The server holds 1 CarePlan (");
  }

  @Test
  void cdsHooksExample_redFlagPatientGetsACriticalCardFirst() throws Exception {
    JsonNode cards = CdsHooksExample.run(SamplePatient.STATIN_RED_FLAG, console);

    assertThat(cards.path("cards").get(0).path("indicator").asText()).isEqualTo("critical");
    assertThat(printed())
        .contains("Service crampcare-patient-view on hook patient-view")
        .contains("HTTP 200 for Patient/sample-statin")
        .contains("  [critical] ");
  }
}
