package org.crampcare.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabResult;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.patient.Sex;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.Suppression;
import org.crampcare.risk.Fact;
import org.crampcare.risk.RiskFactor;

/**
 * Example 1: the plain Java API, no FHIR. Builds a patient and two weeks of night-time calf cramps,
 * assesses them, and prints each recommendation with why it was made.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am -DskipTests install exec:java
 * -Dexec.mainClass=org.crampcare.examples.PlainJavaExample}.
 */
public final class PlainJavaExample {
  private PlainJavaExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Builds the data, assesses it and prints the result.
   *
   * @param out where to print
   * @return the assessment, for tests
   */
  public static Assessment run(PrintStream out) {
    // "Now" is explicit: the engine reads no clock, so the same input always gives the same output.
    Instant asOf = Instant.parse("2026-11-21T12:00:00Z");

    // The patient: 71 years old, on a thiazide diuretic, with a low potassium this month. The ids
    // are whatever identifies the item in your system; facts in the result point back to them.
    PatientContext patient =
        PatientContext.builder(LocalDate.of(1955, 3, 14), Sex.FEMALE)
            .id("patient-42")
            .medication("med-1", MedicationClass.THIAZIDE_DIURETIC, "Hydrochlorothiazide 25 mg")
            .lab(
                LabResult.of("lab-7", Analyte.POTASSIUM, 3.2, "mmol/L", LocalDate.of(2026, 11, 10))
                    .withRange(3.5, 5.1))
            .build();

    // Three cramps in the left calf, at night, that woke her up.
    List<CrampEpisode> episodes =
        List.of(
            nightCramp("episode-1", "2026-11-08T02:30:00Z", 6),
            nightCramp("episode-2", "2026-11-14T03:10:00Z", 7),
            nightCramp("episode-3", "2026-11-19T01:50:00Z", 7));

    Assessment assessment = Assessor.withBuiltInRules().assess(patient, episodes, asOf);

    out.println("Risk factors:");
    for (RiskFactor factor : assessment.riskFactors()) {
      out.println("  " + factor.kind().display());
    }
    out.println("Recommendations, most urgent first:");
    for (Recommendation r : assessment.recommendations()) {
      out.println("  " + r.code() + " (" + r.priority().code() + "): " + r.patientText());
      out.println("      why: " + r.rationale());
      r.evidence().forEach(e -> out.println("      evidence: " + e.citation()));
      for (Fact fact : r.facts()) {
        out.println(
            "      fact: " + fact.text() + fact.sourceId().map(id -> " [" + id + "]").orElse(""));
      }
    }
    for (Suppression s : assessment.suppressed()) {
      out.println("Suppressed " + s.code() + ": " + s.reason());
    }
    return assessment;
  }

  private static CrampEpisode nightCramp(String id, String onset, int severity) {
    return CrampEpisode.builder(id, Instant.parse(onset), BodySite.CALF)
        .side(Laterality.LEFT)
        .duration(Duration.ofMinutes(5))
        .severity(severity)
        .setting(Setting.DURING_SLEEP)
        .impact(Impact.DISTURBED_SLEEP)
        .relief(ReliefMeasure.STRETCHING, true)
        .build();
  }
}
