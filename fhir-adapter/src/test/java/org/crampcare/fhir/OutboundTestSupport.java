package org.crampcare.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.crampcare.testing.Episodes;
import org.crampcare.testing.Patients;

/**
 * Shared, expensive test objects of the outbound tests: one FHIR context and one validator for all
 * test classes (the validator costs about 200 MB and seconds to start), and realistic assessments
 * made by the built-in engine.
 */
final class OutboundTestSupport {
  /** The one R4 context of the outbound tests. */
  static final FhirContext CTX = FhirContext.forR4();

  /** The one validator of the outbound tests. */
  static final CrampCareValidator VALIDATOR = new CrampCareValidator(CTX);

  /**
   * The only warnings an output may have: no terminology server is available to check LOINC and
   * SNOMED CT codes.
   */
  static final String EXPECTED_WARNING =
      "CodeSystem is unknown and can't be validated: http://(loinc\\.org|snomed\\.info/sct) for .*";

  /** The one exporter of the outbound tests. */
  static final FhirExporter EXPORTER = new FhirExporter(CTX);

  private OutboundTestSupport() {}

  /**
   * A patient, the episodes given to the engine, and its assessment.
   *
   * @param name what the scenario shows
   */
  record Scenario(
      String name, PatientContext patient, List<CrampEpisode> episodes, Assessment assessment) {
    static Scenario of(String name, PatientContext patient, List<CrampEpisode> episodes) {
      return new Scenario(
          name,
          patient,
          episodes,
          Assessor.withBuiltInRules().assess(patient, episodes, Episodes.NOW));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Scenarios that together exercise every resource the exporter writes. */
  static ImmutableList<Scenario> scenarios() {
    return ImmutableList.of(
        statinUserWithWeaknessAndHeartFailure(),
        possibleDeepVeinThrombosis(),
        pregnantWithFrequentCramps(),
        advancedKidneyDisease(),
        typistWithHandCramps(),
        minor());
  }

  /**
   * Red flag (rhabdomyolysis), urgent review, medication review, low potassium, heart failure
   * (hydration suppressed and replaced), diabetes (heat with a burn caution), an EHR episode.
   */
  static Scenario statinUserWithWeaknessAndHeartFailure() {
    PatientContext patient =
        Patients.anAdult()
            .with(ConditionKind.HEART_FAILURE)
            .with(ConditionKind.DIABETES)
            .taking(MedicationClass.STATIN)
            .taking(MedicationClass.LOOP_DIURETIC)
            .lab(Analyte.POTASSIUM, 3.1, "mmol/L", 5)
            .lab(Analyte.SODIUM, 139, "mmol/L", 5)
            .lifestyle(Lifestyle.unknown().withFluidLitresPerDay(0.8))
            .build();
    List<CrampEpisode> episodes = new ArrayList<>();
    episodes.add(
        Episodes.anEpisode("statin-1")
            .calf()
            .left()
            .atNight()
            .severity(8)
            .lasting(Duration.ofMinutes(4))
            .with(AssociatedSign.MUSCLE_WEAKNESS)
            .relief(ReliefMeasure.STRETCHING, true)
            .relief(ReliefMeasure.HEAT, false)
            .impact(Impact.DISTURBED_SLEEP)
            .build());
    episodes.add(
        Episodes.anEpisode("Observation/ehr-cramp-7")
            .calf()
            .right()
            .daysAgo(3)
            .severity(6)
            .build());
    episodes.addAll(Episodes.spread("statin-night", 5, 14));
    episodes.add(Episodes.anEpisode("statin-old").daysAgo(200).build());
    return Scenario.of("statin user with weakness and heart failure", patient, episodes);
  }

  /** Calf swelling: urgent review, massage and heat suppressed. */
  static Scenario possibleDeepVeinThrombosis() {
    PatientContext patient = Patients.aMan().build();
    List<CrampEpisode> episodes =
        List.of(
            Episodes.anEpisode("dvt-1")
                .calf()
                .right()
                .with(AssociatedSign.SWELLING)
                .with(AssociatedSign.REDNESS_WARMTH)
                .severity(6)
                .build());
    return Scenario.of("possible deep vein thrombosis", patient, episodes);
  }

  /**
   * Pregnancy with frequent cramps and a cramp-associated medicine: medication review suppressed.
   */
  static Scenario pregnantWithFrequentCramps() {
    PatientContext patient = Patients.aged(31).pregnant().taking(MedicationClass.NAPROXEN).build();
    return Scenario.of(
        "pregnant with frequent cramps", patient, Episodes.spread("pregnant", 8, 14));
  }

  /** Stage 5 kidney disease: fluid and magnesium advice suppressed. */
  static Scenario advancedKidneyDisease() {
    PatientContext patient =
        Patients.aMan()
            .withCkdStage(5)
            .lab(Analyte.MAGNESIUM, 0.55, "mmol/L", 7)
            .lab(Analyte.EGFR, 12, "mL/min/{1.73_m2}", 7)
            .build();
    List<CrampEpisode> episodes = new ArrayList<>(Episodes.spread("ckd", 6, 14));
    episodes.add(
        Episodes.anEpisode("ckd-thigh")
            .at(BodySite.THIGH)
            .in(Setting.AFTER_EXERCISE)
            .hoursAgo(30)
            .build());
    return Scenario.of("advanced kidney disease", patient, episodes);
  }

  /** Hand cramps while typing, with lifestyle facts that have no source resource. */
  static Scenario typistWithHandCramps() {
    PatientContext patient =
        Patients.anAdult()
            .normalElectrolytes()
            .lifestyle(
                Lifestyle.unknown().withRepetitiveHandWorkHoursPerDay(9).withSittingHoursPerDay(10))
            .build();
    List<CrampEpisode> episodes =
        List.of(
            Episodes.anEpisode("typing-1")
                .hand()
                .right()
                .in(Setting.REPETITIVE_TASK)
                .severity(3)
                .relief(ReliefMeasure.MASSAGE, true)
                .impact(Impact.LIMITED_DAILY_ACTIVITIES)
                .build(),
            Episodes.anEpisode("typing-2")
                .at(BodySite.FINGER)
                .side(org.crampcare.episode.Laterality.BOTH)
                .in(Setting.REPETITIVE_TASK)
                .daysAgo(4)
                .build());
    return Scenario.of("typist with hand cramps", patient, episodes);
  }

  /** Under 18: no plan, a notice only. */
  static Scenario minor() {
    return Scenario.of(
        "minor", Patients.aged(15).build(), List.of(Episodes.anEpisode("minor-1").build()));
  }
}
