package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.Setting;
import org.crampcare.risk.RedFlagKind;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;

/** The cramp diary: its Questionnaire, and responses read as cramp episodes. */
class CrampDiaryTest {
  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static final CrampCareFhir FHIR =
      CrampCareFhir.create(CTX, org.crampcare.recommendation.RuleBook.builtIn());
  private static final Instant AS_OF = Instant.parse("2026-11-21T12:00:00Z");
  private static final String EXTRACT =
      "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract";

  static Bundle appBundle() throws IOException {
    try (InputStream in =
        CrampDiaryTest.class.getResourceAsStream("diary/app-diary-swollen-calf.json")) {
      return (Bundle)
          CTX.newJsonParser().parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theQuestionnaireValidatesWithZeroErrorsAndCarriesTheExtractDefinitions() {
    Questionnaire q = CrampDiary.questionnaire(CTX);

    assertThat(FHIR.validator().validate(q).errors()).isEmpty();
    assertThat(q.getUrl()).isEqualTo(CrampDiary.URL);
    Questionnaire.QuestionnaireItemComponent group = q.getItemFirstRep();
    assertThat(group.getCodeFirstRep().getCode()).isEqualTo("75325-1");
    assertThat(group.getExtensionByUrl(EXTRACT).getValue().primitiveValue()).isEqualTo("true");
    Questionnaire.QuestionnaireItemComponent severity =
        group.getItem().stream().filter(i -> i.getLinkId().equals("severity")).findFirst().get();
    assertThat(severity.getCodeFirstRep().getCode()).isEqualTo("72514-3");
    assertThat(severity.getExtensionByUrl(EXTRACT).getValue().primitiveValue())
        .isEqualTo("component");
  }

  @Test
  void aResponseAsAnAppWritesItIsAnEpisodeAndItsSwollenCalfEscalates() throws IOException {
    Bundle bundle = appBundle();
    QuestionnaireResponse response = (QuestionnaireResponse) bundle.getEntry().get(1).getResource();
    assertThat(FHIR.validator().validate(response).errors()).isEmpty();

    CrampCareFhir.Result result = FHIR.assess(bundle, AS_OF);

    CrampEpisode episode =
        result.imported().episodes().stream()
            .filter(e -> e.id().equals("QuestionnaireResponse/qr-5521"))
            .findFirst()
            .orElseThrow();
    assertThat(episode.onset()).isEqualTo(Instant.parse("2026-11-20T02:40:00Z"));
    assertThat(episode.duration()).contains(Duration.ofMinutes(6));
    assertThat(episode.site()).contains(BodySite.CALF);
    assertThat(episode.laterality()).contains(Laterality.LEFT);
    assertThat(episode.severity()).contains(8);
    assertThat(episode.settings()).containsExactly(Setting.DURING_SLEEP);
    assertThat(episode.signs())
        .containsExactly(AssociatedSign.SWELLING, AssociatedSign.REDNESS_WARMTH);
    assertThat(episode.reliefTried())
        .containsExactly(new org.crampcare.episode.ReliefTried(ReliefMeasure.STRETCHING, false));
    assertThat(episode.impacts()).containsExactly(Impact.DISTURBED_SLEEP);
    assertThat(result.assessment().redFlags())
        .extracting(f -> f.kind())
        .contains(RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS);
    assertThat(result.assessment().recommendationCodes()).startsWith("urgent-medical-review");
  }

  @Test
  void unusableAnswersAreReportedAndLeftOutNotGuessed() throws IOException {
    ImportResult imported = FHIR.importer().importBundle(appBundle(), AS_OF);

    CrampEpisode dayOnly =
        imported.episodes().stream()
            .filter(e -> e.id().equals("QuestionnaireResponse/qr-5519"))
            .findFirst()
            .orElseThrow();
    assertThat(dayOnly.severity()).isEmpty();
    assertThat(dayOnly.site()).isEmpty();
    assertThat(imported.diagnostics())
        .anySatisfy(
            d ->
                assertThat(d)
                    .isEqualTo(
                        "QuestionnaireResponse/qr-5519: the answer to 'severity' (14) is not"
                            + " usable: expected a whole number from 0 to 10; left out, not guessed"))
        .anySatisfy(
            d ->
                assertThat(d)
                    .startsWith(
                        "QuestionnaireResponse/qr-5519: the answer to 'site'"
                            + " (https://patient-app.example.net/body-part|leg) is not usable"))
        .anySatisfy(
            d ->
                assertThat(d)
                    .isEqualTo(
                        "QuestionnaireResponse/qr-5530: status is 'in-progress'; only a completed"
                            + " or amended diary entry is read"));
    assertThat(imported.crampRecords().found()).isEqualTo(3);
    assertThat(imported.crampRecords().used()).isEqualTo(2);
    assertThat(imported.crampRecords().notUsable()).isEqualTo(1);
    assertThat(imported.episodes())
        .extracting(CrampEpisode::id)
        .doesNotContain("QuestionnaireResponse/phq-2");
  }

  @Test
  void aResponseWrittenFromAnEpisodeReadsBackAsTheSameEpisode() {
    CrampEpisode episode = footCramp("d-1");
    QuestionnaireResponse response =
        CrampDiary.response(episode, "Patient/p-881", Instant.parse("2026-11-19T08:00:00Z"));
    response.setId("d-1");
    assertThat(FHIR.validator().validate(response).errors()).isEmpty();

    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    bundle
        .addEntry()
        .setFullUrl("Patient/p-881")
        .setResource(
            new org.hl7.fhir.r4.model.Patient()
                .setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1961-03-14"))
                .setId("p-881"));
    bundle.addEntry().setFullUrl("QuestionnaireResponse/d-1").setResource(response);
    List<CrampEpisode> read = FHIR.importer().importBundle(bundle, AS_OF).episodes();

    // An EHR record is named by its reference.
    assertThat(read).containsExactly(footCramp("QuestionnaireResponse/d-1"));
  }

  private static CrampEpisode footCramp(String id) {
    return CrampEpisode.builder(id, Instant.parse("2026-11-18T21:15:00Z"), BodySite.FOOT)
        .offset(java.time.ZoneOffset.ofHours(-5))
        .duration(Duration.ofMinutes(3))
        .side(Laterality.RIGHT)
        .severity(4)
        .setting(Setting.AFTER_EXERCISE)
        .sign(AssociatedSign.NUMBNESS_TINGLING)
        .relief(ReliefMeasure.WALKING, true)
        .impact(Impact.LIMITED_DAILY_ACTIVITIES)
        .build();
  }
}
