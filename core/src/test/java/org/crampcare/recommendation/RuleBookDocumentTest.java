package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.patient.MedicationClass;
import org.crampcare.risk.RedFlagKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RuleBookDocumentTest {
  /** A small valid document: one definition, one rule, the notices' texts. */
  static String document(String definitions, String rules, String evidence) {
    return ("{'schema':'crampcare/rule-book/1','version':'clinic/1',"
            + "'evidence':["
            + evidence
            + "],"
            + "'recommendations':["
            + definitions
            + "],"
            + "'rules':["
            + rules
            + "],"
            + "'texts':{'language':'en','entries':{"
            + "'keep-a-diary':'Write down each cramp.',"
            + "'notice.adults-only':'Adults only.',"
            + "'notice.no-recent-episodes':'No cramp.',"
            + "'notice.pregnancy':'Pregnant.'}}}")
        .replace('\'', '"');
  }

  static final String DIARY =
      "{'code':'keep-a-diary','category':'prevention','priority':'routine','rank':1,"
          + "'display':'Cramp diary'}";
  static final String EVIDENCE =
      "{'id':'clinic','citation':'Clinic policy 2026','strength':'local policy'}";
  static final String RULE =
      "{'id':'diary-on-statin','version':1,'recommend':'keep-a-diary',"
          + "'when':{'allOf':[{'anyEpisode':true},{'takes':['statin']}]},"
          + "'rationale':'A diary helps the clinic see the pattern.','evidence':'clinic'}";

  @Nested
  class Reading {
    @Test
    void read_validDocument_givesTheRuleBookItDescribes() {
      RuleBook book = RuleBookDocument.read("clinic.json", document(DIARY, RULE, EVIDENCE));

      assertThat(book.version()).isEqualTo("clinic/1");
      assertThat(book.rules())
          .containsExactly(
              new RecommendRule(
                  "diary-on-statin",
                  1,
                  "keep-a-diary",
                  Criteria.allOf(Criteria.anyEpisode(), Criteria.takes(MedicationClass.STATIN)),
                  "A diary helps the clinic see the pattern.",
                  new Evidence(
                      "clinic", "Clinic policy 2026", "local policy", java.util.Optional.empty()),
                  "keep-a-diary"));
      assertThat(book.texts().get("keep-a-diary")).isEqualTo("Write down each cramp.");
    }

    @Test
    void read_badDocument_listsEveryProblemWithPathValueAndWhatIsAllowed() {
      String rules =
          RULE.replace("'statin'", "'statins'")
              + ",{'id':'x','version':0,'recommend':'keep-a-diary','when':{'sometimes':true},"
              + "'rationale':'r','evidence':'nowhere','colour':'red'}";

      assertThatThrownBy(
              () -> RuleBookDocument.read("clinic.json", document(DIARY, rules, EVIDENCE)))
          .isInstanceOfSatisfying(
              RuleBookException.class,
              e ->
                  assertThat(e.problems())
                      .containsExactly(
                          "rules[0].when.allOf[1].takes[0]: 'statins' is not known; expected one"
                              + " of loop-diuretic, thiazide-diuretic, statin, laxative,"
                              + " beta2-agonist, dihydropyridine-ccb, raloxifene,"
                              + " conjugated-estrogens, teriparatide, naproxen, iv-iron,"
                              + " magnesium-supplement, quinine",
                          "rules[1].colour: is not a field here; expected one of id, version,"
                              + " raise, recommend, suppress, caution, on, replacedBy,"
                              + " replacementTextKey, textKey, when, rationale, evidence",
                          "rules[1].version: 0 is not allowed; expected an integer from 1 to"
                              + " 2147483647",
                          "rules[1].when: 'sometimes' is not a condition; expected one of"
                              + " riskFactor, redFlag, condition, anyEpisode, sign, episodeSign,"
                              + " findingSign, setting, region, frequent, disruptive, takes,"
                              + " abnormalLab, labCriticalHighWithoutRange,"
                              + " creatineKinaseFarAboveRange, missingCurrentElectrolytes,"
                              + " electrolytesNormal, allOf, anyOf, not",
                          "rules[1].evidence: 'nowhere' is not defined; expected one of the"
                              + " evidence ids: clinic"));
    }

    @Test
    void read_redFlagRule_raisesItsRedFlagFromTheFactsOfItsCondition() {
      String rule =
          "{'id':'raise-foot-swelling','version':1,'raise':'possible-deep-vein-thrombosis',"
              + "'when':{'episodeSign':{'signs':['swelling'],'sites':['foot'],"
              + "'siteUnknown':false}},"
              + "'rationale':'The clinic refers foot swelling too.','evidence':'clinic'}";

      RuleBook book = RuleBookDocument.read("clinic.json", document(DIARY, rule, EVIDENCE));

      assertThat(book.rules())
          .containsExactly(
              new RedFlagRule(
                  "raise-foot-swelling",
                  1,
                  RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS,
                  Criteria.episodeSign(
                      Set.of(AssociatedSign.SWELLING), Set.of(BodySite.FOOT), false),
                  "The clinic refers foot swelling too.",
                  new Evidence(
                      "clinic", "Clinic policy 2026", "local policy", java.util.Optional.empty())));
      assertThat(RuleBookDocument.read("again", RuleBookDocument.write(book)).rules())
          .isEqualTo(book.rules());
    }

    @Test
    void read_badRedFlagRules_nameThePathAndWhatIsAllowed() {
      String rules =
          "{'id':'a','version':1,'raise':'gout','when':{'anyEpisode':true},"
              + "'rationale':'r.','evidence':'clinic'},"
              + "{'id':'b','version':1,'raise':'possible-claudication',"
              + "'when':{'findingSign':{'signs':['swelling'],'sites':['knee']}},"
              + "'rationale':'r.','evidence':'clinic'},"
              + "{'id':'c','version':1,'raise':'possible-claudication',"
              + "'when':{'redFlag':['possible-deep-vein-thrombosis']},"
              + "'rationale':'r.','evidence':'clinic'}";

      assertThatThrownBy(
              () -> RuleBookDocument.read("clinic.json", document(DIARY, rules, EVIDENCE)))
          .isInstanceOfSatisfying(
              RuleBookException.class,
              e ->
                  assertThat(e.problems())
                      .containsExactly(
                          "rules[0].raise: 'gout' is not known; expected one of"
                              + " possible-deep-vein-thrombosis, possible-rhabdomyolysis,"
                              + " possible-neuromuscular-disease, neurological-signs,"
                              + " possible-claudication",
                          "rules[1].when.findingSign.sites[0]: 'knee' is not known; expected one"
                              + " of hand, finger, thumb, wrist, forearm, upper-arm, foot, toe, calf,"
                              + " lower-leg, thigh, abdomen, neck, back",
                          "rules[1].when.findingSign.siteUnknown: is missing; expected true or"
                              + " false (does a sign with no site recorded count?)",
                          "rules[2]: rule c: a red-flag rule cannot test red flags (they are what"
                              + " it raises)"));
    }

    @Test
    void read_quinineRecommendation_cannotLoad() {
      String quinine =
          "{'code':'take-quinine','category':'prevention','priority':'routine','rank':2,"
              + "'display':'Quinine'}";

      assertThatThrownBy(
              () ->
                  RuleBookDocument.read(
                      "bad.json", document(DIARY + "," + quinine, RULE, EVIDENCE)))
          .isInstanceOf(RuleBookException.class)
          .hasMessageContaining(
              "recommendations[1]: recommendation code 'take-quinine' is forbidden: CrampCare never"
                  + " recommends quinine");
    }

    @Test
    void read_notJson_saysWhere() {
      assertThatThrownBy(() -> RuleBookDocument.read("bad.json", "{\"schema\": "))
          .isInstanceOf(RuleBookException.class)
          .hasMessageStartingWith("bad.json: 1 problem: $: not JSON (line 1");
    }

    @Test
    void read_duplicateKey_isAProblem() {
      assertThatThrownBy(
              () ->
                  RuleBookDocument.read(
                      "dup.json",
                      "{\"schema\":\"crampcare/rule-book/1\",\"version\":\"a\",\"version\":\"b\"}"))
          .isInstanceOf(RuleBookException.class)
          .hasMessageContaining("not JSON");
    }

    @Test
    void read_otherSchema_isRejectedNamingTheSchemaExpected() {
      assertThatThrownBy(
              () -> RuleBookDocument.read("x.json", "{\"schema\":\"crampcare/episode/2\"}"))
          .isInstanceOf(RuleBookException.class)
          .hasMessage(
              "x.json: 1 problem: schema: 'crampcare/episode/2' is not supported; expected"
                  + " 'crampcare/rule-book/1'");
    }
  }
}
