package org.crampcare.examples;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The sample patients shipped with CrampCare: fictional FHIR R4 transaction Bundles written for
 * this project, one patient each, in {@code src/main/resources/org/crampcare/examples/samples/}.
 *
 * <p>Their dates are fixed: assess them as of {@link #AS_OF_DATE} (2026-11-21), for example {@code
 * crampcare assess --in night-cramps-thiazide-low-potassium.json --as-of 2026-11-21}, so the
 * results are the same on every day. Every code in them comes from the project's clinical knowledge
 * base. Each entry is a {@code PUT} with the resource's own id, so loading a sample twice into a
 * FHIR server does not duplicate it.
 */
public enum SamplePatient {
  /** A 35-year-old runner with calf cramps after exercise. */
  POST_EXERCISE_CALF_CRAMPS(
      "post-exercise-calf-cramps.json",
      "sample-exercise",
      "35-year-old runner with calf cramps after exercise"),
  /**
   * A 74-year-old woman with night-time calf cramps, taking hydrochlorothiazide, with a low
   * potassium (3.1 mmol/L, range 3.5-5.1).
   */
  NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM(
      "night-cramps-thiazide-low-potassium.json",
      "sample-thiazide",
      "74-year-old with night calf cramps on hydrochlorothiazide, potassium 3.1 mmol/L"),
  /** A 38-year-old office worker with hand cramps while typing. */
  HAND_CRAMPS_TYPING(
      "hand-cramps-typing.json",
      "sample-typing",
      "38-year-old office worker with hand cramps while typing"),
  /**
   * A 66-year-old man on simvastatin with calf cramps, muscle weakness and a creatine kinase about
   * seven times the upper limit: a red flag for rhabdomyolysis.
   */
  STATIN_RED_FLAG(
      "statin-calf-cramps-weakness-red-flag.json",
      "sample-statin",
      "66-year-old on simvastatin with calf cramps, weakness and CK 2150 U/L (red flag)"),
  /** A 77-year-old woman with heart failure on furosemide, with calf cramps after walking. */
  HEART_FAILURE(
      "heart-failure-exercise-cramps.json",
      "sample-heart-failure",
      "77-year-old with heart failure on furosemide, calf cramps after walking");

  /** The date to assess every sample as of, so that results are reproducible. */
  public static final LocalDate AS_OF_DATE = LocalDate.of(2026, 11, 21);

  /** The classpath folder of the samples. */
  public static final String RESOURCE_FOLDER = "/org/crampcare/examples/samples/";

  private final String fileName;
  private final String patientId;
  private final String description;

  SamplePatient(String fileName, String patientId, String description) {
    this.fileName = fileName;
    this.patientId = patientId;
    this.description = description;
  }

  /**
   * Returns the assessment time the samples are meant for: the end of {@link #AS_OF_DATE} in UTC,
   * which is also what {@code --as-of 2026-11-21} means on the command line.
   */
  public static Instant asOf() {
    return AS_OF_DATE.atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC);
  }

  /** Returns the file name, for example {@code night-cramps-thiazide-low-potassium.json}. */
  public String fileName() {
    return fileName;
  }

  /** Returns the id of the sample's Patient resource. */
  public String patientId() {
    return patientId;
  }

  /** Returns a one-line description. */
  public String description() {
    return description;
  }

  /** Returns the classpath resource name of the sample. */
  public String resourceName() {
    return RESOURCE_FOLDER + fileName;
  }

  /** Returns the sample's JSON text. */
  public String json() {
    try (InputStream in = SamplePatient.class.getResourceAsStream(resourceName())) {
      if (in == null) {
        throw new IllegalStateException(
            "sample " + fileName + " is missing from the classpath at " + resourceName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sample " + fileName, e);
    }
  }

  /**
   * Parses the sample.
   *
   * @param fhirContext the application's R4 context
   * @return a new Bundle; the caller may change it
   */
  public Bundle bundle(FhirContext fhirContext) {
    return fhirContext.newJsonParser().parseResource(Bundle.class, json());
  }
}
