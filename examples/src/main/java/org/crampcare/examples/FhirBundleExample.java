package org.crampcare.examples;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.ImportResult;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.RuleBook;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CarePlan;

/**
 * Example 2: a FHIR Bundle file in, the result Bundle out. Reads a patient's FHIR R4 Bundle (by
 * default the shipped sample of an older woman with night cramps on a thiazide and a low
 * potassium), maps it to the core model, assesses it, and writes the result as a FHIR transaction
 * Bundle ready to POST to the EHR: episode Observations, findings, the CarePlan with its
 * activities, the requests, and a Provenance.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am -DskipTests install exec:java
 * -Dexec.mainClass=FhirBundleExample -Dexec.args="IN.json OUT.json"}; with no arguments it reads
 * the sample and writes {@code crampcare-result.json} in the working folder.
 */
public final class FhirBundleExample {
  private FhirBundleExample() {}

  /**
   * Runs the example.
   *
   * @param args optional: the input Bundle file, then the output file
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 1 ? args[1] : "crampcare-result.json");
    String in =
        args.length > 0
            ? Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)
            : SamplePatient.NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM.json();
    run(in, out, SamplePatient.asOf(), System.out);
  }

  /**
   * Reads a Bundle, assesses it and writes the result Bundle.
   *
   * @param bundleJson the patient's Bundle, FHIR JSON
   * @param out where to write the transaction Bundle
   * @param asOf the assessment time
   * @param console where to print what happened
   * @return the transaction Bundle written
   * @throws IOException if the output cannot be written
   */
  public static Bundle run(String bundleJson, Path out, Instant asOf, PrintStream console)
      throws IOException {
    // One FhirContext per application: it is expensive to create and thread-safe.
    FhirContext fhir = FhirContext.forR4Cached();
    Bundle input = fhir.newJsonParser().parseResource(Bundle.class, bundleJson);

    // One facade runs the whole pipeline: FHIR in, the engine (which knows nothing of FHIR), FHIR
    // out. The rule book is the built-in one; a clinic's own would be read with RuleBookDocument.
    CrampCareFhir.Result assessed =
        CrampCareFhir.create(fhir, RuleBook.builtIn()).assess(input, asOf);

    // FHIR in: the importer says, in an OperationOutcome, what it could not use and why.
    ImportResult imported = assessed.imported();
    console.println(
        "Mapped "
            + imported.resourcesMapped()
            + " of "
            + imported.resourcesRead()
            + " resources; "
            + imported.episodes().size()
            + " cramp episodes");

    Assessment assessment = assessed.assessment();
    console.println("Recommendations: " + String.join(", ", assessment.recommendationCodes()));

    // FHIR out: one transaction Bundle with conditional creates, so posting it twice is harmless.
    Bundle result = assessed.transaction();
    Files.writeString(
        out,
        fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(result),
        StandardCharsets.UTF_8);

    for (BundleEntryComponent entry : result.getEntry()) {
      if (entry.getResource() instanceof CarePlan) {
        CarePlan plan = (CarePlan) entry.getResource();
        console.println("CarePlan with " + plan.getActivity().size() + " activities");
      }
    }
    console.println("Wrote " + result.getEntry().size() + " entries to " + out);
    return result;
  }
}
