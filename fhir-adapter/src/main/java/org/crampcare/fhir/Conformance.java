package org.crampcare.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Resource;

/**
 * The conformance resources CrampCare publishes under {@code https://crampcare.org/fhir/}: its
 * CodeSystems, the ValueSets its profiles bind, and the StructureDefinitions of its profiles and
 * extensions. They ship inside the jar under {@code org/crampcare/fhir/conformance/}, as
 * differentials; a validator generates their snapshots. Thread-safe.
 */
public final class Conformance {
  /** The classpath folder of the conformance resources. */
  public static final String RESOURCE_FOLDER = "org/crampcare/fhir/conformance/";

  private static final ImmutableList<String> FILES =
      ImmutableList.of(
          "CodeSystem-recommendation.json",
          "CodeSystem-caution.json",
          "CodeSystem-setting.json",
          "CodeSystem-associated-sign.json",
          "CodeSystem-relief-measure.json",
          "CodeSystem-finding.json",
          "ValueSet-recommendation.json",
          "ValueSet-caution.json",
          "ValueSet-finding.json",
          "ValueSet-cramp-finding.json",
          "ValueSet-body-site.json",
          "ValueSet-laterality.json",
          "StructureDefinition-laterality.json",
          "StructureDefinition-caution.json",
          "StructureDefinition-fact.json",
          "StructureDefinition-cramp-episode.json",
          "StructureDefinition-crampcare-finding.json",
          "StructureDefinition-crampcare-advice.json",
          "StructureDefinition-crampcare-service-request.json",
          "StructureDefinition-crampcare-care-plan.json",
          "Questionnaire-cramp-diary.json");

  private Conformance() {}

  /** Returns the file names of the conformance resources in {@link #RESOURCE_FOLDER}. */
  public static ImmutableList<String> fileNames() {
    return FILES;
  }

  /**
   * Parses the conformance resources; each call returns new, independent copies.
   *
   * @param r4Context an R4 context
   * @return the CodeSystems, then the ValueSets, then the StructureDefinitions
   * @throws IllegalArgumentException if the context is not R4
   * @throws IllegalStateException if a resource is missing from the classpath (a broken jar)
   */
  public static ImmutableList<Resource> resources(FhirContext r4Context) {
    requireR4(r4Context);
    ImmutableList.Builder<Resource> result = ImmutableList.builder();
    for (String file : FILES) {
      String json = read(file);
      // Strict: a shipped file with an unknown element is a bug, not something to skip.
      result.add(
          (Resource)
              r4Context
                  .newJsonParser()
                  .setParserErrorHandler(new StrictErrorHandler())
                  .parseResource(json));
    }
    return result.build();
  }

  static void requireR4(FhirContext context) {
    if (context.getVersion().getVersion() != FhirVersionEnum.R4) {
      throw new IllegalArgumentException(
          "FhirContext is for FHIR "
              + context.getVersion().getVersion()
              + "; expected an R4 context (FhirContext.forR4())");
    }
  }

  private static String read(String file) {
    String path = RESOURCE_FOLDER + file;
    try (InputStream in = Conformance.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "conformance resource " + path + " is missing from the classpath; the jar is broken");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read conformance resource " + path, e);
    }
  }
}
