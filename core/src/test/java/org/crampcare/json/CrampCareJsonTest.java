package org.crampcare.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.json.Docs.REMOVE;
import static org.crampcare.json.Docs.edit;
import static org.crampcare.json.Docs.q;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.crampcare.CrampCareException;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.OnsetPrecision;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.ExerciseHabit;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.patient.Sex;
import org.crampcare.pattern.EpisodePatterns;
import org.crampcare.pattern.SeverityTrend;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.crampcare.testing.Episodes;
import org.crampcare.testing.Patients;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CrampCareJsonTest {
  private static final CrampCareJson JSON = CrampCareJson.create();
  private static final ObjectMapper TREES = new ObjectMapper();
  private static final Instant NOW = Episodes.NOW;

  static final String EPISODE =
      q(
          "{'schema':'crampcare/episode/1','id':'e1','onset':'2026-11-20T02:30:00Z',"
              + "'duration':'PT2M','site':'calf','severity':7}");

  static final String PATIENT_BODY =
      "'id':'patient-1','birthDate':'1970-05-01','sex':'female',"
          + "'conditions':[{'id':'c1','kind':'diabetes'},"
          + "{'id':'c2','kind':'chronic-kidney-disease','ckdStage':3}],"
          + "'medications':[{'id':'m1','class':'statin','name':'atorvastatin 20 mg'}],"
          + "'labs':[{'id':'l1','analyte':'potassium','value':3.10,'unit':'mmol/L',"
          + "'date':'2026-11-02','referenceRange':{'low':3.5,'high':5.1}}],"
          + "'lifestyle':{'fluidLitresPerDay':1.5,'exercise':'regular'}";

  static final String PATIENT = q("{'schema':'crampcare/patient/1'," + PATIENT_BODY + "}");

  static final String INPUT =
      q(
          "{'schema':'crampcare/assessment-input/1','asOf':'2026-11-21T10:00:00Z',"
              + "'patient':{"
              + PATIENT_BODY
              + "},'episodes':["
              + "{'id':'e1','onset':'2026-11-20T02:30:00Z','duration':'PT2M','site':'calf',"
              + "'severity':7,'settings':['during-sleep']},"
              + "{'id':'e2','onset':'2026-11-18T03:00:00Z','duration':'PT5M','site':'calf',"
              + "'laterality':'left','severity':6},"
              + "{'id':'e3','onset':'2026-11-15T22:00:00Z','duration':'PT1M','site':'foot',"
              + "'severity':4}]}");

  static final String EPISODE_LIST =
      q(
          "{'schema':'crampcare/episodes/1','episodes':["
              + "{'id':'e1','onset':'2026-11-20T02:30:00Z','duration':'PT2M','site':'calf','severity':7},"
              + "{'id':'e2','onset':'2026-11-18T03:00:00Z','duration':'PT5M','site':'calf','severity':6},"
              + "{'id':'e3','onset':'2026-11-15T22:00:00Z','duration':'PT1M','site':'foot','severity':4}"
              + "]}");

  private static JsonNode tree(String json) {
    try {
      return TREES.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Nested
  class WritingEpisodes {
    @Test
    void writeEpisode_fullEpisode_writesCodesIsoValuesInDocumentedOrder() {
      CrampEpisode episode =
          CrampEpisode.builder("e1", Instant.parse("2026-11-20T02:30:00Z"), BodySite.CALF)
              .duration(Duration.ofSeconds(150))
              .severity(7)
              .side(Laterality.LEFT)
              .setting(Setting.DURING_SLEEP)
              .sign(AssociatedSign.MUSCLE_WEAKNESS)
              .relief(ReliefMeasure.STRETCHING, true)
              .build();

      assertThat(JSON.writeEpisode(episode))
          .isEqualTo(
              """
              {
                "schema": "crampcare/episode/2",
                "id": "e1",
                "onset": "2026-11-20T02:30:00Z",
                "onsetPrecision": "instant",
                "duration": "PT2M30S",
                "site": "calf",
                "laterality": "left",
                "severity": 7,
                "settings": [
                  "during-sleep"
                ],
                "signs": [
                  "muscle-weakness"
                ],
                "reliefTried": [
                  {
                    "measure": "stretching",
                    "helped": true
                  }
                ],
                "impacts": []
              }""");
    }

    @Test
    void writeEpisode_noSideNoSettings_omitsLateralityAndWritesEmptyArrays() {
      JsonNode written = tree(JSON.writeEpisode(JSON.readEpisode(EPISODE)));

      assertThat(written.has("laterality")).isFalse();
      assertThat(written.get("settings").isArray()).isTrue();
      assertThat(written.get("settings")).isEmpty();
      assertThat(written.get("reliefTried")).isEmpty();
    }

    @Test
    void writeEpisode_setsGivenInAnyOrder_areWrittenInCodeTableOrder() {
      CrampEpisode episode =
          JSON.readEpisode(
              edit(EPISODE, "/settings", "['cold-exposure','at-rest','during-sleep']"));

      assertThat(tree(JSON.writeEpisode(episode)).get("settings"))
          .isEqualTo(tree(q("['at-rest','during-sleep','cold-exposure']")));
    }

    @Test
    void writeEpisode_fractionalSecondsAndDays_areIsoInUtc() {
      CrampEpisode episode =
          CrampEpisode.builder("e1", Instant.parse("2026-11-20T02:30:00.000000001Z"), BodySite.HAND)
              .duration(Duration.ofDays(2).plusMillis(5))
              .build();

      JsonNode written = tree(JSON.writeEpisode(episode));

      assertThat(written.get("onset").textValue()).isEqualTo("2026-11-20T02:30:00.000000001Z");
      assertThat(written.get("duration").textValue()).isEqualTo("PT48H0.005S");
    }

    @Test
    void writeEpisodes_givenOrder_isKeptAndWrappedInListDocument() {
      List<CrampEpisode> episodes =
          List.of(Episodes.anEpisode("b").build(), Episodes.anEpisode("a").build());

      JsonNode written = tree(JSON.writeEpisodes(episodes));

      assertThat(written.get("schema").textValue()).isEqualTo("crampcare/episodes/2");
      assertThat(written.get("episodes").get(0).get("id").textValue()).isEqualTo("b");
      assertThat(written.get("episodes").get(1).get("id").textValue()).isEqualTo("a");
    }
  }

  @Nested
  class ReadingEpisodes {
    @Test
    void readEpisode_minimalDocument_defaultsOptionalFieldsAndEmptyLists() {
      CrampEpisode episode = JSON.readEpisode(EPISODE);

      assertThat(episode)
          .isEqualTo(
              CrampEpisode.builder("e1", Instant.parse("2026-11-20T02:30:00Z"), BodySite.CALF)
                  .duration(Duration.ofMinutes(2))
                  .severity(7)
                  .build());
    }

    @Test
    void readEpisode_nullForOptionalFields_readsAsAbsent() {
      String json = edit(edit(EPISODE, "/laterality", "null"), "/signs", "null");

      CrampEpisode episode = JSON.readEpisode(json);

      assertThat(episode.laterality()).isEmpty();
      assertThat(episode.signs()).isEmpty();
    }

    @Test
    void readEpisode_onsetWithOffset_isConvertedToUtc() {
      CrampEpisode episode =
          JSON.readEpisode(edit(EPISODE, "/onset", "'2026-11-20T08:00:00+05:30'"));

      assertThat(episode.onset()).isEqualTo(Instant.parse("2026-11-20T02:30:00Z"));
    }

    @Test
    void readEpisodes_listDocument_keepsOrder() {
      List<CrampEpisode> episodes = JSON.readEpisodes(EPISODE_LIST);

      assertThat(episodes).extracting(CrampEpisode::id).containsExactly("e1", "e2", "e3");
      assertThat(episodes.get(2).site()).contains(BodySite.FOOT);
    }

    @Test
    void readEpisodes_noEpisodesField_isEmpty() {
      assertThat(JSON.readEpisodes(q("{'schema':'crampcare/episodes/1'}"))).isEmpty();
    }
  }

  @Nested
  class PatientDocuments {
    @Test
    void readPatient_fullDocument_readsEveryPart() {
      PatientContext patient = JSON.readPatient(PATIENT);

      assertThat(patient.id()).contains("patient-1");
      assertThat(patient.birthDate()).isEqualTo(LocalDate.of(1970, 5, 1));
      assertThat(patient.sex()).isEqualTo(Sex.FEMALE);
      assertThat(patient.pregnant()).isFalse();
      assertThat(patient.conditions().get(1).ckdStage()).contains(3);
      assertThat(patient.medications().get(0).medicationClass()).isEqualTo(MedicationClass.STATIN);
      assertThat(patient.labs().get(0).referenceRange())
          .contains(
              new ReferenceRange(
                  Optional.of(new BigDecimal("3.5")), Optional.of(new BigDecimal("5.1"))));
      assertThat(patient.lifestyle())
          .isEqualTo(
              Lifestyle.unknown().withFluidLitresPerDay(1.5).withExercise(ExerciseHabit.REGULAR));
    }

    @Test
    void readPatient_labValue_keepsExactDigitsAndTrailingZeros() {
      PatientContext patient = JSON.readPatient(PATIENT);

      assertThat(patient.labs().get(0).value()).isEqualTo(new BigDecimal("3.10"));
      assertThat(JSON.writePatient(patient)).contains("\"value\": 3.10,");
    }

    @Test
    void writePatient_decimals_arePlainAndExact() {
      LocalDate day = LocalDate.of(2026, 11, 2);
      PatientContext patient =
          PatientContext.builder(LocalDate.of(1970, 5, 1), Sex.MALE)
              .lab(
                  new LabResult(
                      "a",
                      Analyte.CREATINE_KINASE,
                      new BigDecimal("12345678901234567890.123456789"),
                      "U/L",
                      day,
                      Optional.empty()))
              .lab(
                  new LabResult(
                      "b",
                      Analyte.TSH,
                      new BigDecimal("0.0000001"),
                      "m[IU]/L",
                      day,
                      Optional.empty()))
              .lab(
                  new LabResult(
                      "c", Analyte.EGFR, new BigDecimal("6E+1"), "mL/min", day, Optional.empty()))
              .build();

      String written = JSON.writePatient(patient);

      assertThat(written)
          .contains("\"value\": 12345678901234567890.123456789,")
          .contains("\"value\": 0.0000001,")
          .contains("\"value\": 60,");
      assertThat(JSON.readPatient(written).labs().get(0).value())
          .isEqualTo(new BigDecimal("12345678901234567890.123456789"));
    }

    @Test
    void readPatient_unitInOtherCase_isStoredInCanonicalSpelling() {
      PatientContext patient = JSON.readPatient(edit(PATIENT, "/labs/0/unit", "'mEq/L'"));

      assertThat(patient.labs().get(0).unit()).isEqualTo("meq/L");
    }

    @Test
    void readPatient_minimalDocument_defaultsToNothingRecorded() {
      PatientContext patient =
          JSON.readPatient(
              q("{'schema':'crampcare/patient/1','birthDate':'1970-05-01','sex':'male'}"));

      assertThat(patient)
          .isEqualTo(PatientContext.builder(LocalDate.of(1970, 5, 1), Sex.MALE).build());
    }

    @Test
    void writePatient_nothingRecorded_writesEmptyArraysAndUnknownLifestyle() {
      PatientContext patient = PatientContext.builder(LocalDate.of(1970, 5, 1), Sex.MALE).build();

      assertThat(JSON.writePatient(patient))
          .isEqualTo(
              """
              {
                "schema": "crampcare/patient/2",
                "birthDate": "1970-05-01",
                "sex": "male",
                "pregnant": false,
                "conditions": [],
                "medications": [],
                "labs": [],
                "lifestyle": {
                  "exercise": "unknown",
                  "coldExposure": false
                },
                "findings": []
              }""");
    }

    @Test
    void readEpisode_version2WithoutDurationSeverityOrSite_keepsThemUnknown() {
      CrampEpisode episode =
          JSON.readEpisode(
              q(
                  "{'schema':'crampcare/episode/2','id':'e1','onset':'2026-11-19T00:00:00Z',"
                      + "'onsetPrecision':'day','offset':'+05:30'}"));

      assertThat(episode.duration()).isEmpty();
      assertThat(episode.severity()).isEmpty();
      assertThat(episode.site()).isEmpty();
      assertThat(episode.onsetPrecision()).isEqualTo(OnsetPrecision.DAY);
      assertThat(episode.offset()).contains(java.time.ZoneOffset.ofHoursMinutes(5, 30));
    }

    @Test
    void readEpisode_version1WithoutSeverity_isStillRejected() {
      assertThatThrownBy(
              () ->
                  JSON.readEpisode(
                      q(
                          "{'schema':'crampcare/episode/1','id':'e1',"
                              + "'onset':'2026-11-20T02:30:00Z','duration':'PT1M','site':'calf',"
                              + "'settings':[],'signs':[],'reliefTried':[],'impacts':[]}")))
          .isInstanceOf(JsonFormatException.class)
          .hasMessageStartingWith("severity:");
    }

    @Test
    void writePatient_fixturePatient_roundTrips() {
      PatientContext patient =
          Patients.anAdult()
              .pregnant()
              .with(ConditionKind.HEART_FAILURE)
              .withCkdStage(4)
              .taking(MedicationClass.QUININE)
              .normalElectrolytes()
              .build();

      assertThat(JSON.readPatient(JSON.writePatient(patient))).isEqualTo(patient);
    }
  }

  @Nested
  class AssessmentDocuments {
    private final Assessor assessor = Assessor.withBuiltInRules();

    @Test
    void writeAssessment_heartFailure_explainsSuppressionAndReplacement() {
      PatientContext patient = Patients.anAdult().with(ConditionKind.HEART_FAILURE).build();
      Assessment assessment =
          assessor.assess(
              patient, List.of(Episodes.anEpisode("e1").in(Setting.DURING_EXERCISE).build()), NOW);

      JsonNode written = tree(JSON.writeAssessment(assessment));

      JsonNode hydration = null;
      for (JsonNode s : written.get("suppressed")) {
        if (s.get("code").textValue().equals("hydration")) {
          hydration = s;
        }
      }
      assertThat(hydration).isNotNull();
      assertThat(hydration.get("replacedBy").textValue()).isEqualTo("discuss-fluid-targets");
      assertThat(hydration.get("reason").textValue()).isNotBlank();
      assertThat(hydration.get("facts").get(0).get("kind").textValue()).isEqualTo("condition");
      assertThat(JSON.readAssessment(JSON.writeAssessment(assessment))).isEqualTo(assessment);
    }

    @Test
    void writeAssessment_recommendation_carriesTriggerEvidenceAndFacts() {
      PatientContext patient = Patients.anAdult().taking(MedicationClass.STATIN).build();
      Assessment assessment =
          assessor.assess(
              patient,
              List.of(Episodes.anEpisode("e1").with(AssociatedSign.MUSCLE_WEAKNESS).build()),
              NOW);

      JsonNode first = tree(JSON.writeAssessment(assessment)).get("recommendations").get(0);

      assertThat(first.get("code").textValue()).isEqualTo("urgent-medical-review");
      assertThat(first.get("category").textValue()).isEqualTo("urgent");
      assertThat(first.get("priority").textValue()).isEqualTo("urgent");
      JsonNode trigger = first.get("triggers").get(0);
      assertThat(trigger.get("ruleVersion").isInt()).isTrue();
      assertThat(trigger.get("evidence").get("citation").textValue()).isNotBlank();
      assertThat(trigger.get("facts").findValuesAsText("sourceId")).contains("e1");
    }

    @Test
    void writeAssessment_minorAndOldInputs_carriesNoticesAndUnused() {
      PatientContext patient = Patients.aged(15).lab(Analyte.POTASSIUM, 3.0, "mmol/L", 500).build();
      Assessment assessment =
          assessor.assess(patient, List.of(Episodes.anEpisode("old").daysAgo(90).build()), NOW);

      JsonNode written = tree(JSON.writeAssessment(assessment));

      assertThat(written.get("notices").get(0).get("kind").textValue()).isEqualTo("adults-only");
      assertThat(written.get("unused").findValuesAsText("sourceId")).contains("old");
      assertThat(written.get("labs").get(0).get("current").booleanValue()).isFalse();
      assertThat(written.get("labs").get(0).get("rangeSource").textValue())
          .isEqualTo("adult-default");
      assertThat(written.get("patterns").has("dominantSite")).isFalse();
      assertThat(written.get("recommendations")).isEmpty();
      assertThat(JSON.readAssessment(JSON.writeAssessment(assessment))).isEqualTo(assessment);
    }

    @Test
    void writeAssessment_notANumberInPatterns_isRejected() {
      Assessment valid = assessor.assess(Patients.anAdult().build(), List.of(), NOW);
      EpisodePatterns p = valid.patterns();
      EpisodePatterns broken =
          new EpisodePatterns(
              p.windowStart(),
              p.windowEnd(),
              0,
              Double.NaN,
              0,
              Optional.empty(),
              Optional.empty(),
              SeverityTrend.INSUFFICIENT_DATA,
              Optional.empty(),
              Duration.ZERO,
              false,
              0,
              0);
      Assessment assessment =
          new Assessment(
              valid.asOf(),
              valid.patientId(),
              valid.ageYears(),
              valid.ruleBookVersion(),
              valid.notices(),
              broken,
              valid.labs(),
              valid.riskFactors(),
              valid.redFlags(),
              valid.recommendations(),
              valid.suppressed(),
              valid.unused());

      assertThatThrownBy(() -> JSON.writeAssessment(assessment))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("episodesPerWeek: NaN cannot be written as JSON; expected a finite number");
    }
  }

  @Nested
  class InputDocuments {
    @Test
    void readInput_document_assessesLikeTheModel() {
      AssessmentInput input = JSON.readInput(INPUT);

      assertThat(input.asOf()).isEqualTo(NOW);
      assertThat(input.episodes()).extracting(CrampEpisode::id).containsExactly("e1", "e2", "e3");
      assertThat(input.assess(Assessor.withBuiltInRules()))
          .isEqualTo(
              Assessor.withBuiltInRules().assess(input.patient(), input.episodes(), input.asOf()));
    }

    @Test
    void writeInput_readBack_isEqual() {
      AssessmentInput input = JSON.readInput(INPUT);

      assertThat(JSON.readInput(JSON.writeInput(input))).isEqualTo(input);
    }

    @Test
    void constructor_repeatedEpisodeId_isRejected() {
      CrampEpisode episode = Episodes.anEpisode("e1").build();
      PatientContext patient = Patients.anAdult().build();

      assertThatThrownBy(() -> new AssessmentInput(NOW, patient, List.of(episode, episode)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("episodes: id 'e1' appears more than once");
    }

    @Test
    void constructor_episodeAfterAsOf_isRejected() {
      CrampEpisode episode = Episodes.anEpisode("e1").onset(NOW.plusSeconds(1)).build();

      assertThatThrownBy(
              () -> new AssessmentInput(NOW, Patients.anAdult().build(), List.of(episode)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("episode e1: onset 2026-11-21T10:00:01Z is after asOf 2026-11-21T10:00:00Z");
    }

    @Test
    void constructor_birthDateAfterAsOf_isRejected() {
      PatientContext unborn = PatientContext.builder(LocalDate.of(2026, 11, 22), Sex.MALE).build();

      assertThatThrownBy(() -> new AssessmentInput(NOW, unborn, List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("patient.birthDate 2026-11-22 is after the date of asOf 2026-11-21");
    }
  }

  @Nested
  class Sharing {
    @Test
    void oneInstance_usedFromManyThreads_givesTheSameResults() throws Exception {
      String expected =
          JSON.writeAssessment(JSON.readInput(INPUT).assess(Assessor.withBuiltInRules()));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          results.add(
              pool.submit(
                  () ->
                      JSON.writeAssessment(
                          JSON.readInput(INPUT).assess(Assessor.withBuiltInRules()))));
        }
        for (Future<String> result : results) {
          assertThat(result.get()).isEqualTo(expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class Errors {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.crampcare.json.CrampCareJsonTest#episodeErrors")
    void readEpisode_invalidDocument_namesPathValueAndExpectation(
        String change, String json, String message) {
      assertThatThrownBy(() -> JSON.readEpisode(json))
          .isInstanceOf(JsonFormatException.class)
          .isInstanceOf(CrampCareException.class)
          .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.crampcare.json.CrampCareJsonTest#patientErrors")
    void readPatient_invalidDocument_namesPathValueAndExpectation(
        String change, String json, String message) {
      assertThatThrownBy(() -> JSON.readPatient(json))
          .isInstanceOf(JsonFormatException.class)
          .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.crampcare.json.CrampCareJsonTest#inputErrors")
    void readInput_invalidDocument_namesPathValueAndExpectation(
        String change, String json, String message) {
      assertThatThrownBy(() -> JSON.readInput(json))
          .isInstanceOf(JsonFormatException.class)
          .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.crampcare.json.CrampCareJsonTest#listErrors")
    void readEpisodes_invalidDocument_namesPathValueAndExpectation(
        String change, String json, String message) {
      assertThatThrownBy(() -> JSON.readEpisodes(json))
          .isInstanceOf(JsonFormatException.class)
          .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.crampcare.json.CrampCareJsonTest#assessmentErrors")
    void readAssessment_invalidDocument_namesPathValueAndExpectation(
        String change, String json, String message) {
      assertThatThrownBy(() -> JSON.readAssessment(json))
          .isInstanceOf(JsonFormatException.class)
          .hasMessage(message);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("org.crampcare.json.CrampCareJsonTest#malformed")
    void readEpisode_malformedJson_namesPositionAndProblem(String json, String message) {
      assertThatThrownBy(() -> JSON.readEpisode(json))
          .isInstanceOf(JsonFormatException.class)
          .hasMessage(message);
    }

    @Test
    void path_ofError_isTheJsonPathOfTheValue() {
      JsonFormatException error = null;
      try {
        JSON.readInput(edit(INPUT, "/episodes/2/severity", "11"));
      } catch (JsonFormatException e) {
        error = e;
      }

      assertThat(error).isNotNull();
      assertThat(error.path()).isEqualTo("episodes[2].severity");
    }

    @Test
    void readEpisode_modelRejection_keepsCauseAndAddsPath() {
      String json = edit(PATIENT, "/labs/0/referenceRange", "{'low':5.1,'high':3.5}");

      assertThatThrownBy(() -> JSON.readPatient(json))
          .isInstanceOf(JsonFormatException.class)
          .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readEpisode_longValue_isShortenedInMessage() {
      String json = edit(EPISODE, "/site", "'" + "x".repeat(100) + "'");

      assertThatThrownBy(() -> JSON.readEpisode(json))
          .hasMessageStartingWith("site: '" + "x".repeat(40) + "...' is not known");
    }
  }

  private static Arguments error(String change, String json, String message) {
    return Arguments.of(change, json, message);
  }

  private static final String SITES =
      "hand, finger, thumb, wrist, forearm, upper-arm, foot, toe, calf, lower-leg, thigh, abdomen,"
          + " neck, back";
  private static final String SEVERITY = "expected an integer from 0 to 10";
  private static final String POSITIVE_DURATION =
      "expected a positive ISO-8601 duration such as 'PT2M'";
  private static final String INSTANT =
      "expected an ISO-8601 instant such as '2026-11-21T10:00:00Z'";

  static Stream<Arguments> episodeErrors() {
    return Stream.of(
        error(
            "severity 11",
            edit(EPISODE, "/severity", "11"),
            "severity: 11 is not allowed; " + SEVERITY),
        error(
            "severity -1",
            edit(EPISODE, "/severity", "-1"),
            "severity: -1 is not allowed; " + SEVERITY),
        error(
            "severity as text",
            edit(EPISODE, "/severity", "'7'"),
            "severity: '7' is not allowed; " + SEVERITY),
        error(
            "severity fraction",
            edit(EPISODE, "/severity", "7.5"),
            "severity: 7.5 is not allowed; " + SEVERITY),
        error(
            "severity huge",
            edit(EPISODE, "/severity", "12345678901"),
            "severity: 12345678901 is not allowed; " + SEVERITY),
        error(
            "severity null",
            edit(EPISODE, "/severity", "null"),
            "severity: null is not allowed; " + SEVERITY),
        error(
            "severity missing",
            edit(EPISODE, "/severity", REMOVE),
            "severity: is missing; " + SEVERITY),
        error(
            "unknown site",
            edit(EPISODE, "/site", "'elbow'"),
            "site: 'elbow' is not known; expected one of " + SITES),
        error(
            "Java name for site",
            edit(EPISODE, "/site", "'CALF'"),
            "site: 'CALF' is not known; expected one of " + SITES),
        error(
            "site as number",
            edit(EPISODE, "/site", "3"),
            "site: 3 is not allowed; expected one of " + SITES),
        error(
            "unknown side",
            edit(EPISODE, "/laterality", "'up'"),
            "laterality: 'up' is not known; expected one of left, right, both"),
        error(
            "negative duration",
            edit(EPISODE, "/duration", "'PT-2M'"),
            "duration: 'PT-2M' is not allowed; " + POSITIVE_DURATION),
        error(
            "zero duration",
            edit(EPISODE, "/duration", "'PT0S'"),
            "duration: 'PT0S' is not allowed; " + POSITIVE_DURATION),
        error(
            "duration in words",
            edit(EPISODE, "/duration", "'2 minutes'"),
            "duration: '2 minutes' is not allowed; " + POSITIVE_DURATION),
        error(
            "duration as seconds",
            edit(EPISODE, "/duration", "120"),
            "duration: 120 is not allowed; " + POSITIVE_DURATION),
        error(
            "onset without offset",
            edit(EPISODE, "/onset", "'2026-11-20T02:30:00'"),
            "onset: '2026-11-20T02:30:00' is not allowed; " + INSTANT),
        error("onset missing", edit(EPISODE, "/onset", REMOVE), "onset: is missing; " + INSTANT),
        error(
            "blank id",
            edit(EPISODE, "/id", "' '"),
            "id: ' ' is not allowed; expected a non-blank string"),
        error(
            "numeric id",
            edit(EPISODE, "/id", "42"),
            "id: 42 is not allowed; expected a non-blank string"),
        error(
            "settings not an array",
            edit(EPISODE, "/settings", "'during-sleep'"),
            "settings: 'during-sleep' is not allowed; expected an array"),
        error(
            "repeated setting",
            edit(EPISODE, "/settings", "['during-sleep','during-sleep']"),
            "settings[1]: 'during-sleep' appears more than once; expected each code once"),
        error(
            "unknown setting",
            edit(EPISODE, "/settings", "['at-night']"),
            "settings[0]: 'at-night' is not known; expected one of at-rest, during-sleep, during-exercise, after-exercise, repetitive-task, after-prolonged-sitting, cold-exposure"),
        error(
            "unknown sign",
            edit(EPISODE, "/signs", "['swelling','cramp']"),
            "signs[1]: 'cramp' is not known; expected one of muscle-weakness, muscle-wasting, fasciculations, swelling, redness-warmth, numbness-tingling, dark-urine, pain-on-walking-eases-with-rest"),
        error(
            "unknown impact",
            edit(EPISODE, "/impacts", "['woke-up']"),
            "impacts[0]: 'woke-up' is not known; expected one of disturbed-sleep, limited-daily-activities"),
        error(
            "relief helped as text",
            edit(EPISODE, "/reliefTried", "[{'measure':'stretching','helped':'yes'}]"),
            "reliefTried[0].helped: 'yes' is not allowed; expected true or false"),
        error(
            "relief helped missing",
            edit(EPISODE, "/reliefTried", "[{'measure':'stretching'}]"),
            "reliefTried[0].helped: is missing; expected true or false"),
        error(
            "unknown relief",
            edit(EPISODE, "/reliefTried", "[{'measure':'ice','helped':true}]"),
            "reliefTried[0].measure: 'ice' is not known; expected one of stretching, massage, heat, walking, fluids, other"),
        error(
            "relief not an object",
            edit(EPISODE, "/reliefTried", "['stretching']"),
            "reliefTried[0]: 'stretching' is not allowed; expected an object"),
        error(
            "unknown field",
            edit(EPISODE, "/colour", "'red'"),
            "colour: unknown field; allowed fields are schema, id, onset, duration, site, laterality, severity, settings, signs, reliefTried, impacts"),
        error(
            "unknown nested field",
            edit(EPISODE, "/reliefTried", "[{'measure':'heat','helped':true,'note':'x'}]"),
            "reliefTried[0].note: unknown field; allowed fields are measure, helped"),
        error(
            "schema missing",
            edit(EPISODE, "/schema", REMOVE),
            "schema: is missing; expected 'crampcare/episode/2' (or 'crampcare/episode/1')"),
        error(
            "newer schema",
            edit(EPISODE, "/schema", "'crampcare/episode/3'"),
            "schema: 'crampcare/episode/3' is not supported; expected 'crampcare/episode/2' (or 'crampcare/episode/1')"),
        error(
            "other document",
            PATIENT,
            "schema: 'crampcare/patient/1' is not supported; expected 'crampcare/episode/2' (or 'crampcare/episode/1')"),
        error(
            "schema as number",
            edit(EPISODE, "/schema", "1"),
            "schema: 1 is not allowed; expected 'crampcare/episode/2' (or 'crampcare/episode/1')"));
  }

  static Stream<Arguments> patientErrors() {
    return Stream.of(
        error(
            "unknown unit",
            edit(PATIENT, "/labs/0/unit", "'mg'"),
            "labs[0].unit: 'mg' is not a unit of potassium; expected one of mmol/L, meq/L, mg/dL"),
        error(
            "unknown analyte",
            edit(PATIENT, "/labs/0/analyte", "'glucose'"),
            "labs[0].analyte: 'glucose' is not known; expected one of potassium, sodium, calcium-total, calcium-ionized, magnesium, creatine-kinase, tsh, hba1c, egfr, vitamin-d-25oh"),
        error(
            "negative lab value",
            edit(PATIENT, "/labs/0/value", "-1"),
            "labs[0].value: -1 is not allowed; expected a number of at least 0"),
        error(
            "lab value as text",
            edit(PATIENT, "/labs/0/value", "'3.1'"),
            "labs[0].value: '3.1' is not allowed; expected a number of at least 0"),
        error(
            "lab date format",
            edit(PATIENT, "/labs/0/date", "'02/11/2026'"),
            "labs[0].date: '02/11/2026' is not allowed; expected a date such as '2026-11-21' (YYYY-MM-DD)"),
        error(
            "range upside down",
            edit(PATIENT, "/labs/0/referenceRange", "{'low':5.1,'high':3.5}"),
            "labs[0].referenceRange: referenceRange.low 5.1 must not be above referenceRange.high 3.5"),
        error(
            "range without bounds",
            edit(PATIENT, "/labs/0/referenceRange", "{}"),
            "labs[0].referenceRange: referenceRange must have a low or a high bound"),
        error(
            "repeated lab id",
            edit(
                PATIENT,
                "/labs/1",
                "{'id':'l1','analyte':'sodium','value':140,'unit':'mmol/L','date':'2026-11-02'}"),
            "labs[1].id: 'l1' appears more than once; expected a unique id"),
        error(
            "stage on diabetes",
            edit(PATIENT, "/conditions/0/ckdStage", "3"),
            "conditions[0].ckdStage: 3 is not allowed for kind 'diabetes'; expected ckdStage only with kind 'chronic-kidney-disease'"),
        error(
            "stage 6",
            edit(PATIENT, "/conditions/1/ckdStage", "6"),
            "conditions[1].ckdStage: 6 is not allowed; expected an integer from 1 to 5"),
        error(
            "repeated condition id and kind",
            edit(PATIENT, "/conditions/1", "{'id':'c1','kind':'diabetes'}"),
            "conditions[1].id: 'c1 (diabetes)' appears more than once; expected a unique id"),
        error(
            "unknown condition",
            edit(PATIENT, "/conditions/0/kind", "'gout'"),
            "conditions[0].kind: 'gout' is not known; expected one of diabetes, neuropathy, hypothyroidism, chronic-kidney-disease, dialysis, heart-failure, peripheral-artery-disease, rheumatoid-arthritis, carpal-tunnel-syndrome, cirrhosis, alcohol-misuse, deep-vein-thrombosis"),
        error(
            "unknown medication class",
            edit(PATIENT, "/medications/0/class", "'diuretic'"),
            "medications[0].class: 'diuretic' is not known; expected one of loop-diuretic, thiazide-diuretic, statin, laxative, beta2-agonist, dihydropyridine-ccb, raloxifene, conjugated-estrogens, teriparatide, naproxen, iv-iron, magnesium-supplement, quinine"),
        error(
            "Java field name",
            edit(
                edit(PATIENT, "/medications/0/medicationClass", "'statin'"),
                "/medications/0/class",
                REMOVE),
            "medications[0].medicationClass: unknown field; allowed fields are id, class, name"),
        error(
            "blank medication name",
            edit(PATIENT, "/medications/0/name", "''"),
            "medications[0].name: '' is not allowed; expected a non-blank string"),
        error(
            "unknown sex",
            edit(PATIENT, "/sex", "'f'"),
            "sex: 'f' is not known; expected one of female, male, other, unknown"),
        error(
            "birth date missing",
            edit(PATIENT, "/birthDate", REMOVE),
            "birthDate: is missing; expected a date such as '2026-11-21' (YYYY-MM-DD)"),
        error(
            "impossible date",
            edit(PATIENT, "/birthDate", "'1970-02-30'"),
            "birthDate: '1970-02-30' is not allowed; expected a date such as '2026-11-21' (YYYY-MM-DD)"),
        error(
            "pregnant as text",
            edit(PATIENT, "/pregnant", "'no'"),
            "pregnant: 'no' is not allowed; expected true or false"),
        error(
            "fluid 25 litres",
            edit(PATIENT, "/lifestyle/fluidLitresPerDay", "25"),
            "lifestyle.fluidLitresPerDay: 25 is not allowed; expected a number from 0 to 20"),
        error(
            "lab value with a huge exponent",
            edit(PATIENT, "/labs/0/value", "1e999999999"),
            "labs[0].value: 1E+999999999 is not allowed; expected a number with at most 20 digits"
                + " before and 20 after the decimal point"),
        error(
            "range bound with 21 decimals",
            edit(PATIENT, "/labs/0/referenceRange/low", "0.000000000000000000001"),
            "labs[0].referenceRange.low: 1E-21 is not allowed; expected a number with at most 20"
                + " digits before and 20 after the decimal point"),
        error(
            "fluid as text",
            edit(PATIENT, "/lifestyle/fluidLitresPerDay", "'1.5 L'"),
            "lifestyle.fluidLitresPerDay: '1.5 L' is not allowed; expected a number from 0 to 20"),
        error(
            "sitting 25.5 hours",
            edit(PATIENT, "/lifestyle/sittingHoursPerDay", "25.5"),
            "lifestyle.sittingHoursPerDay: 25.5 is not allowed; expected a number from 0 to 24"),
        error(
            "negative alcohol",
            edit(PATIENT, "/lifestyle/alcoholUnitsPerWeek", "-2"),
            "lifestyle.alcoholUnitsPerWeek: -2 is not allowed; expected a number of at least 0"),
        error(
            "alcohol beyond double",
            edit(PATIENT, "/lifestyle/alcoholUnitsPerWeek", "1e400"),
            "lifestyle.alcoholUnitsPerWeek: 1E+400 is not allowed; expected a number of at least 0"),
        error(
            "unknown exercise",
            edit(PATIENT, "/lifestyle/exercise", "'daily'"),
            "lifestyle.exercise: 'daily' is not known; expected one of unknown, sedentary, regular, strenuous-or-recent-increase"),
        error(
            "unknown lifestyle field",
            edit(PATIENT, "/lifestyle/diet", "'vegan'"),
            "lifestyle.diet: unknown field; allowed fields are fluidLitresPerDay, alcoholUnitsPerWeek, exercise, repetitiveHandWorkHoursPerDay, sittingHoursPerDay, coldExposure"),
        error(
            "conditions not an array",
            edit(PATIENT, "/conditions", "{'id':'c1'}"),
            "conditions: an object is not allowed; expected an array"));
  }

  static Stream<Arguments> inputErrors() {
    return Stream.of(
        error(
            "severity 11 in the third episode",
            edit(INPUT, "/episodes/2/severity", "11"),
            "episodes[2].severity: 11 is not allowed; " + SEVERITY),
        error(
            "unknown site in the first episode",
            edit(INPUT, "/episodes/0/site", "'elbow'"),
            "episodes[0].site: 'elbow' is not known; expected one of " + SITES),
        error(
            "episode after asOf",
            edit(INPUT, "/episodes/1/onset", "'2026-11-22T00:00:00Z'"),
            "episodes[1].onset: '2026-11-22T00:00:00Z' is after asOf (2026-11-21T10:00:00Z); expected an onset at or before asOf"),
        error(
            "repeated episode id",
            edit(INPUT, "/episodes/2/id", "'e1'"),
            "episodes[2].id: 'e1' appears more than once; expected a unique id"),
        error(
            "born after asOf",
            edit(INPUT, "/patient/birthDate", "'2026-11-22'"),
            "patient.birthDate: '2026-11-22' is after the date of asOf (2026-11-21); expected a birth date on or before it"),
        error(
            "unknown unit in patient",
            edit(INPUT, "/patient/labs/0/unit", "'mmol'"),
            "patient.labs[0].unit: 'mmol' is not a unit of potassium; expected one of mmol/L, meq/L, mg/dL"),
        error(
            "schema inside patient",
            edit(INPUT, "/patient/schema", "'crampcare/patient/1'"),
            "patient.schema: unknown field; allowed fields are id, birthDate, sex, pregnant, conditions, medications, labs, lifestyle"),
        error(
            "patient missing",
            edit(INPUT, "/patient", REMOVE),
            "patient: is missing; expected an object"),
        error(
            "asOf not a time",
            edit(INPUT, "/asOf", "'today'"),
            "asOf: 'today' is not allowed; " + INSTANT),
        error(
            "episodes not an array",
            edit(INPUT, "/episodes", "{}"),
            "episodes: an object is not allowed; expected an array"));
  }

  static Stream<Arguments> listErrors() {
    return Stream.of(
        error(
            "severity 11",
            edit(EPISODE_LIST, "/episodes/2/severity", "11"),
            "episodes[2].severity: 11 is not allowed; " + SEVERITY),
        error(
            "repeated id",
            edit(EPISODE_LIST, "/episodes/1/id", "'e1'"),
            "episodes[1].id: 'e1' appears more than once; expected a unique id"),
        error(
            "episode not an object",
            edit(EPISODE_LIST, "/episodes/0", "7"),
            "episodes[0]: 7 is not allowed; expected an object"),
        error(
            "single episode document",
            EPISODE,
            "schema: 'crampcare/episode/1' is not supported; expected 'crampcare/episodes/2' (or 'crampcare/episodes/1')"));
  }

  static Stream<Arguments> assessmentErrors() {
    Assessment assessment =
        Assessor.withBuiltInRules()
            .assess(
                Patients.anAdult()
                    .taking(MedicationClass.STATIN)
                    .lab(Analyte.POTASSIUM, 3.0, "mmol/L", 5)
                    .build(),
                List.of(Episodes.anEpisode("e1").with(AssociatedSign.MUSCLE_WEAKNESS).build()),
                NOW);
    String valid = JSON.writeAssessment(assessment);
    return Stream.of(
        error(
            "recommendation without trigger",
            edit(valid, "/recommendations/0/triggers", "[]"),
            "recommendations[0]: recommendation urgent-medical-review must have a trigger"),
        error(
            "risk factor without fact",
            edit(valid, "/riskFactors/0/facts", "[]"),
            "riskFactors[0]: riskFactor low-potassium must have a fact"),
        error(
            "unknown category",
            edit(valid, "/recommendations/0/category", "'emergency'"),
            "recommendations[0].category: 'emergency' is not known; expected one of urgent, clinical-follow-up, immediate-relief, prevention"),
        error(
            "night share above 1",
            edit(valid, "/patterns/nightShare", "1.5"),
            "patterns.nightShare: 1.5 is not allowed; expected a number from 0 to 1"),
        error(
            "rule version 0",
            edit(valid, "/recommendations/0/triggers/0/ruleVersion", "0"),
            "recommendations[0].triggers[0].ruleVersion: 0 is not allowed; expected an integer of at least 1"),
        error(
            "citation missing",
            edit(valid, "/recommendations/0/triggers/0/evidence/citation", REMOVE),
            "recommendations[0].triggers[0].evidence.citation: is missing; expected a non-blank string"),
        error(
            "unknown fact kind",
            edit(valid, "/redFlags/0/facts/0/kind", "'rumour'"),
            "redFlags[0].facts[0].kind: 'rumour' is not known; expected one of episode, lab, condition, medication, patient, lifestyle, pattern, absence, finding"),
        error(
            "patterns missing",
            edit(valid, "/patterns", REMOVE),
            "patterns: is missing; expected an object"),
        error(
            "longest duration negative",
            edit(valid, "/patterns/longestDuration", "'-PT1M'"),
            "patterns.longestDuration: '-PT1M' is not allowed; expected a non-negative ISO-8601 duration such as 'PT2M'"),
        error(
            "newer schema",
            edit(valid, "/schema", "'crampcare/assessment/3'"),
            "schema: 'crampcare/assessment/3' is not supported; expected 'crampcare/assessment/2' (or 'crampcare/assessment/1')"));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", "$: the document is empty; expected a JSON object"),
        Arguments.of("  \n ", "$: the document is empty; expected a JSON object"),
        Arguments.of("[]", "$: an array is not allowed; expected a JSON object"),
        Arguments.of("42", "$: 42 is not allowed; expected a JSON object"),
        Arguments.of(
            "{",
            "$: malformed JSON at line 1, column 2: Unexpected end-of-input: expected close marker"
                + " for Object (start marker at line 1, column 1)"),
        Arguments.of(
            q("{'schema':'crampcare/episode/1','severity':7,}"),
            "severity: malformed JSON at line 1, column 46: Unexpected character ('}' (code 125)):"
                + " was expecting double-quote to start field name"),
        Arguments.of(
            q("{'schema':'crampcare/episode/1','id':'e1',\n'id':'e2'}"),
            "id: malformed JSON at line 2, column 5: Duplicate field 'id'"),
        Arguments.of(
            q("{'schema':'crampcare/episodes/1','episodes':[{},\n{'severity':07}]}"),
            "episodes[1].severity: malformed JSON at line 2, column 14: Invalid numeric value:"
                + " Leading zeroes not allowed"),
        Arguments.of(
            q("{'schema':'crampcare/episode/1'} {}"),
            "$: unexpected content after the document at line 1, column 34; expected a single JSON"
                + " object"));
  }
}
