package org.crampcare.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.patient.PatientContext;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;

/** Invariants of the JSON mapping: every value survives a round trip, and output is stable. */
class JsonRoundTripTest {
  private static final CrampCareJson JSON = CrampCareJson.create();
  private static final CrampCareJson OTHER = CrampCareJson.create();
  private static final Assessor ASSESSOR = Assessor.withBuiltInRules();

  @Provide
  Arbitrary<CrampEpisode> episodes() {
    return JsonArbitraries.episodes();
  }

  @Provide
  Arbitrary<List<CrampEpisode>> episodeLists() {
    return JsonArbitraries.episodeLists();
  }

  @Provide
  Arbitrary<PatientContext> patients() {
    return JsonArbitraries.patients();
  }

  @Provide
  Arbitrary<AssessmentInput> inputs() {
    return JsonArbitraries.inputs();
  }

  @Property
  @Label("an episode reads back equal to what was written")
  void episode_writeThenRead_isEqual(@ForAll("episodes") CrampEpisode episode) {
    assertThat(JSON.readEpisode(JSON.writeEpisode(episode))).isEqualTo(episode);
  }

  @Property
  @Label("an episode list reads back equal, in order")
  void episodes_writeThenRead_isEqual(@ForAll("episodeLists") List<CrampEpisode> episodes) {
    assertThat(JSON.readEpisodes(JSON.writeEpisodes(episodes))).isEqualTo(episodes);
  }

  @Property
  @Label("a patient reads back equal, exact decimals and all")
  void patient_writeThenRead_isEqual(@ForAll("patients") PatientContext patient) {
    assertThat(JSON.readPatient(JSON.writePatient(patient))).isEqualTo(patient);
  }

  @Property(tries = 500)
  @Label("an assessment request reads back equal")
  void input_writeThenRead_isEqual(@ForAll("inputs") AssessmentInput input) {
    assertThat(JSON.readInput(JSON.writeInput(input))).isEqualTo(input);
  }

  @Property(tries = 300)
  @Label("an assessment of generated input reads back equal")
  void assessment_writeThenRead_isEqual(@ForAll("inputs") AssessmentInput input) {
    Assessment assessment = input.assess(ASSESSOR);

    assertThat(JSON.readAssessment(JSON.writeAssessment(assessment))).isEqualTo(assessment);
  }

  @Property(tries = 300)
  @Label("assessing a request read from JSON gives the same assessment as the original")
  void input_readBack_assessesTheSame(@ForAll("inputs") AssessmentInput input) {
    AssessmentInput readBack = JSON.readInput(JSON.writeInput(input));

    assertThat(JSON.writeAssessment(readBack.assess(ASSESSOR)))
        .isEqualTo(JSON.writeAssessment(input.assess(ASSESSOR)));
  }

  @Property(tries = 200)
  @Label(
      "writing is deterministic: same value, same text, from any instance, and stable on rewrite")
  void write_isDeterministicAndIdempotent(@ForAll("inputs") AssessmentInput input) {
    String written = JSON.writeInput(input);

    assertThat(OTHER.writeInput(input)).isEqualTo(written);
    assertThat(JSON.writeInput(JSON.readInput(written))).isEqualTo(written);
  }

  @Property(tries = 200)
  @Label("an assessment is written the same way every time and on rewrite")
  void writeAssessment_isDeterministicAndIdempotent(@ForAll("inputs") AssessmentInput input) {
    Assessment assessment = input.assess(ASSESSOR);
    String written = JSON.writeAssessment(assessment);

    assertThat(OTHER.writeAssessment(input.assess(ASSESSOR))).isEqualTo(written);
    assertThat(JSON.writeAssessment(JSON.readAssessment(written))).isEqualTo(written);
  }
}
