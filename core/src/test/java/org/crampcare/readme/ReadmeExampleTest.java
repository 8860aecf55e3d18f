package org.crampcare.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabResult;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.patient.Sex;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.crampcare.recommendation.Recommendation;
import org.junit.jupiter.api.Test;

/** The README's core API example, compiled and run; and a check that README shows this code. */
class ReadmeExampleTest {

  // README-EXAMPLE-START
  static Assessment assessNightCramps() {
    Instant asOf = Instant.parse("2026-11-21T08:00:00Z");
    PatientContext patient =
        PatientContext.builder(LocalDate.of(1951, 3, 14), Sex.FEMALE)
            .id("pat-42")
            .medication("MedicationRequest/7", MedicationClass.THIAZIDE_DIURETIC, "HCTZ 25 mg")
            .lab(
                LabResult.of(
                        "Observation/k1",
                        Analyte.POTASSIUM,
                        3.1,
                        "mmol/L",
                        LocalDate.of(2026, 11, 2))
                    .withRange(3.5, 5.1))
            .build();
    CrampEpisode lastNight =
        CrampEpisode.builder("ep-1", Instant.parse("2026-11-21T02:30:00Z"), BodySite.CALF)
            .side(Laterality.LEFT)
            .duration(Duration.ofMinutes(3))
            .severity(7)
            .setting(Setting.DURING_SLEEP)
            .build();

    Assessment assessment = Assessor.withBuiltInRules().assess(patient, List.of(lastNight), asOf);
    for (Recommendation r : assessment.recommendations()) {
      System.out.printf(
          "%s (%s): %s%n  why: %s [rules %s]%n",
          r.code(), r.category().code(), r.patientText(), r.rationale(), r.ruleIds());
    }
    return assessment;
  }

  // README-EXAMPLE-END

  @Test
  void readmeExample_nightCrampsOnThiazideWithLowPotassium_getsReviewAndFollowUp() {
    Assessment assessment = assessNightCramps();

    assertThat(assessment.recommendationCodes())
        .startsWith("medication-review", "abnormal-lab-follow-up")
        .contains("stretch-affected-muscle", "regular-stretching")
        .doesNotContain("urgent-medical-review");
    assertThat(assessment.recommendation("abnormal-lab-follow-up").orElseThrow().facts())
        .extracting(f -> f.text())
        .containsExactly("potassium 3.1 mmol/L on 2026-11-02, below 3.5 (lab range 3.5-5.1)");
  }

  @Test
  void readme_showsExactlyTheExampleThatIsTested() throws IOException {
    Path readme = findReadme();
    String test =
        Files.readString(
            readme
                .getParent()
                .resolve("core/src/test/java/org/crampcare/readme/ReadmeExampleTest.java"));
    assertThat(normalize(block(Files.readString(readme), "```java\n", "```")))
        .isEqualTo(normalize(block(test, "// README-EXAMPLE-START\n", "  // README-EXAMPLE-END")));
  }

  private static String block(String text, String start, String end) {
    Matcher m =
        Pattern.compile(Pattern.quote(start) + "(.*?)" + Pattern.quote(end), Pattern.DOTALL)
            .matcher(text);
    assertThat(m.find()).as("block starting %s", start).isTrue();
    return m.group(1);
  }

  private static String normalize(String code) {
    return code.replaceAll("\\s+", " ").trim();
  }

  private static Path findReadme() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("README.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("README.md above the working directory").isNotNull();
    return dir.resolve("README.md");
  }
}
