package org.crampcare.examples;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.io.PrintStream;
import java.time.Instant;
import org.crampcare.fhir.FhirSync;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;

/**
 * Example 3: the EHR round trip. Starts an in-process FHIR R4 server (HAPI on Jetty, standing in
 * for an EHR), loads a sample patient into it over HTTP, then does what {@code crampcare sync}
 * does: reads the patient's data over FHIR REST, assesses it, and writes the result back in one
 * transaction. It syncs a second time to show that nothing is duplicated.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am -DskipTests install exec:java
 * -Dexec.mainClass=org.crampcare.examples.EhrRoundTripExample}.
 */
public final class EhrRoundTripExample {
  private EhrRoundTripExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(SamplePatient.NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM, SamplePatient.asOf(), System.out);
  }

  /**
   * Loads a sample into a fresh server, syncs it twice and prints what the server holds.
   *
   * @param sample the sample patient
   * @param asOf the assessment time
   * @param console where to print
   * @return the second sync's result
   */
  public static FhirSync.Result run(SamplePatient sample, Instant asOf, PrintStream console) {
    FhirContext fhir = FhirContext.forR4Cached();
    try (InProcessFhirServer ehr = InProcessFhirServer.start(fhir)) {
      console.println("FHIR server running at " + ehr.baseUrl());

      // Load the sample the way an integrator would: one transaction over HTTP.
      IGenericClient client = fhir.newRestfulGenericClient(ehr.baseUrl());
      Bundle loaded = client.transaction().withBundle(sample.bundle(fhir)).execute();
      console.println("Loaded " + loaded.getEntry().size() + " resources of " + sample.patientId());

      FhirSync sync = new FhirSync(fhir, ehr.baseUrl());
      FhirSync.Result first = sync.sync(sample.patientId(), asOf, false);
      console.println(
          "First sync: recommended "
              + String.join(", ", first.assessment().recommendationCodes())
              + "; the transaction created "
              + first.created()
              + " resources");
      printHoldings(ehr, console);

      FhirSync.Result second = sync.sync(sample.patientId(), asOf, false);
      console.println(
          "Second sync: created "
              + second.created()
              + ", found "
              + second.alreadyPresent()
              + " already there");
      printHoldings(ehr, console);
      return second;
    }
  }

  private static void printHoldings(InProcessFhirServer ehr, PrintStream console) {
    int carePlans = ehr.resources(CarePlan.class).size();
    int activities =
        ehr.resources(CarePlan.class).stream().mapToInt(p -> p.getActivity().size()).sum();
    console.println(
        "  The server holds "
            + carePlans
            + " CarePlan ("
            + activities
            + " activities), "
            + ehr.resources(Observation.class).size()
            + " Observations, "
            + ehr.resources(Provenance.class).size()
            + " Provenance; "
            + ehr.resourceCount()
            + " resources in all");
  }
}
