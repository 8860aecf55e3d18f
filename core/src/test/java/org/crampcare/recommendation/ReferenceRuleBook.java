package org.crampcare.recommendation;

import static org.crampcare.recommendation.Criteria.abnormalLab;
import static org.crampcare.recommendation.Criteria.allOf;
import static org.crampcare.recommendation.Criteria.anyEpisode;
import static org.crampcare.recommendation.Criteria.anyOf;
import static org.crampcare.recommendation.Criteria.creatineKinaseFarAboveRange;
import static org.crampcare.recommendation.Criteria.disruptive;
import static org.crampcare.recommendation.Criteria.electrolytesNormal;
import static org.crampcare.recommendation.Criteria.episodeInRegion;
import static org.crampcare.recommendation.Criteria.episodeInSetting;
import static org.crampcare.recommendation.Criteria.episodeSign;
import static org.crampcare.recommendation.Criteria.episodeWithSign;
import static org.crampcare.recommendation.Criteria.findingSign;
import static org.crampcare.recommendation.Criteria.frequent;
import static org.crampcare.recommendation.Criteria.hasCondition;
import static org.crampcare.recommendation.Criteria.labCriticalHighWithoutRange;
import static org.crampcare.recommendation.Criteria.missingCurrentElectrolytes;
import static org.crampcare.recommendation.Criteria.not;
import static org.crampcare.recommendation.Criteria.pregnant;
import static org.crampcare.recommendation.Criteria.redFlag;
import static org.crampcare.recommendation.Criteria.riskFactor;
import static org.crampcare.recommendation.Criteria.takes;
import static org.crampcare.recommendation.EvidenceCatalog.AAN_2010;
import static org.crampcare.recommendation.EvidenceCatalog.AFP_2012;
import static org.crampcare.recommendation.EvidenceCatalog.COCHRANE_2020_MAGNESIUM;
import static org.crampcare.recommendation.EvidenceCatalog.CRAMPCARE_SAFETY;
import static org.crampcare.recommendation.EvidenceCatalog.FDA_QUININE;
import static org.crampcare.recommendation.EvidenceCatalog.GENERAL_SELF_CARE;
import static org.crampcare.recommendation.EvidenceCatalog.MAYO_STATIN_RHABDOMYOLYSIS;
import static org.crampcare.recommendation.EvidenceCatalog.NICE_CKS;
import static org.crampcare.recommendation.EvidenceCatalog.NIH_ODS_MAGNESIUM;

import com.google.common.collect.ImmutableSet;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.MedicationClass;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;

/**
 * The built-in rule book as it was written in Java before it became a document: the frozen
 * reference that {@code builtin-rule-book.json} is generated from and checked against ({@code
 * BuiltInRuleBookTest}).
 */
final class ReferenceRuleBook {
  private ReferenceRuleBook() {}

  // Recommendation codes, published as https://crampcare.org/fhir/CodeSystem/recommendation.
  static final String URGENT_MEDICAL_REVIEW = "urgent-medical-review";
  static final String CLINICIAN_VISIT = "clinician-visit";
  static final String MEDICATION_REVIEW = "medication-review";
  static final String ABNORMAL_LAB_FOLLOW_UP = "abnormal-lab-follow-up";
  static final String ELECTROLYTE_TESTING = "electrolyte-testing";
  static final String UNDERLYING_CONDITION_REVIEW = "underlying-condition-review";
  static final String DISCUSS_FLUID_TARGETS = "discuss-fluid-targets";
  static final String STRETCH = "stretch-affected-muscle";
  static final String MASSAGE = "massage-affected-muscle";
  static final String WALK = "walk-and-move";
  static final String HEAT = "apply-heat";
  static final String REGULAR_STRETCHING = "regular-stretching";
  static final String HYDRATION = "hydration";
  static final String HAND_EXERCISES = "hand-strengthening-exercises";
  static final String ACTIVITY_BREAKS = "activity-breaks";
  static final String GRADUAL_EXERCISE = "gradual-exercise-progression";
  static final String MOVE_AFTER_SITTING = "move-after-sitting";
  static final String KEEP_WARM = "keep-muscles-warm";
  static final String LIMIT_ALCOHOL = "limit-alcohol";
  static final String DIETARY_MAGNESIUM = "dietary-magnesium";

  static final String CAUTION_BURN_RISK = "caution-burn-risk";

  static final RuleBook RULE_BOOK = build();

  private static RuleBook build() {
    RuleBook.Builder b =
        RuleBook.builder()
            .version("crampcare-builtin/1")
            .texts(TextCatalog.of(java.util.Locale.ENGLISH, EnglishTexts.TEXTS));

    def(b, URGENT_MEDICAL_REVIEW, Category.URGENT, Priority.URGENT, 1, "Urgent medical review");
    def(b, CLINICIAN_VISIT, Category.CLINICAL_FOLLOW_UP, Priority.SOON, 1, "See a clinician");
    def(b, MEDICATION_REVIEW, Category.CLINICAL_FOLLOW_UP, Priority.SOON, 2, "Medication review");
    def(
        b,
        ABNORMAL_LAB_FOLLOW_UP,
        Category.CLINICAL_FOLLOW_UP,
        Priority.SOON,
        3,
        "Follow up an abnormal laboratory result");
    def(
        b,
        ELECTROLYTE_TESTING,
        Category.CLINICAL_FOLLOW_UP,
        Priority.ROUTINE,
        4,
        "Electrolyte testing");
    def(
        b,
        UNDERLYING_CONDITION_REVIEW,
        Category.CLINICAL_FOLLOW_UP,
        Priority.ROUTINE,
        5,
        "Review of an underlying condition");
    def(
        b,
        DISCUSS_FLUID_TARGETS,
        Category.CLINICAL_FOLLOW_UP,
        Priority.ROUTINE,
        6,
        "Discuss fluid targets with a clinician");
    def(b, STRETCH, Category.IMMEDIATE_RELIEF, Priority.ROUTINE, 1, "Stretch the affected muscle");
    def(b, MASSAGE, Category.IMMEDIATE_RELIEF, Priority.ROUTINE, 2, "Massage the affected muscle");
    def(b, WALK, Category.IMMEDIATE_RELIEF, Priority.ROUTINE, 3, "Walk and move");
    def(b, HEAT, Category.IMMEDIATE_RELIEF, Priority.ROUTINE, 4, "Apply heat");
    def(b, REGULAR_STRETCHING, Category.PREVENTION, Priority.ROUTINE, 1, "Regular stretching");
    def(b, HYDRATION, Category.PREVENTION, Priority.ROUTINE, 2, "Hydration");
    def(
        b,
        HAND_EXERCISES,
        Category.PREVENTION,
        Priority.ROUTINE,
        3,
        "Hand strengthening exercises");
    def(b, ACTIVITY_BREAKS, Category.PREVENTION, Priority.ROUTINE, 4, "Activity breaks");
    def(
        b,
        GRADUAL_EXERCISE,
        Category.PREVENTION,
        Priority.ROUTINE,
        5,
        "Gradual exercise progression");
    def(b, MOVE_AFTER_SITTING, Category.PREVENTION, Priority.ROUTINE, 6, "Move after sitting");
    def(b, KEEP_WARM, Category.PREVENTION, Priority.ROUTINE, 7, "Keep muscles warm");
    def(b, LIMIT_ALCOHOL, Category.PREVENTION, Priority.ROUTINE, 8, "Limit alcohol");
    def(
        b,
        DIETARY_MAGNESIUM,
        Category.PREVENTION,
        Priority.ROUTINE,
        9,
        "Dietary magnesium (food only)");
    b.defineCaution(new CautionDefinition(CAUTION_BURN_RISK, "Burn risk with heat"));

    // The red flags, raised before every other rule runs. A red-flag sign counts whether it was
    // written with a cramp or on its own; one whose site is not recorded counts toward a possible
    // DVT (when in doubt, refer).
    Set<BodySite> legs =
        EnumSet.of(BodySite.FOOT, BodySite.TOE, BodySite.CALF, BodySite.LOWER_LEG, BodySite.THIGH);
    Set<AssociatedSign> dvtSigns =
        ImmutableSet.of(AssociatedSign.SWELLING, AssociatedSign.REDNESS_WARMTH);
    b.add(
        new RedFlagRule(
            "raise-possible-deep-vein-thrombosis",
            1,
            RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS,
            anyOf(
                hasCondition(ConditionKind.DEEP_VEIN_THROMBOSIS),
                episodeSign(dvtSigns, EnumSet.of(BodySite.CALF, BodySite.LOWER_LEG), true),
                findingSign(dvtSigns, legs, true)),
            "A known deep vein thrombosis, or calf or lower-leg swelling or redness with a cramp,"
                + " can be deep vein thrombosis, a cramp mimic; a swollen, tender calf needs the"
                + " same-day DVT pathway.",
            NICE_CKS));
    Set<AssociatedSign> rhabdoSigns =
        ImmutableSet.of(AssociatedSign.MUSCLE_WEAKNESS, AssociatedSign.DARK_URINE);
    b.add(
        new RedFlagRule(
            "raise-possible-rhabdomyolysis",
            1,
            RedFlagKind.POSSIBLE_RHABDOMYOLYSIS,
            anyOf(
                allOf(
                    anyOf(
                        episodeSign(rhabdoSigns, Set.of(), true),
                        findingSign(rhabdoSigns, Set.of(), true)),
                    takes(MedicationClass.STATIN)),
                labCriticalHighWithoutRange(Analyte.CREATINE_KINASE),
                creatineKinaseFarAboveRange()),
            "Muscle weakness or dark urine in a statin user, or creatine kinase far above its range,"
                + " suggests rhabdomyolysis.",
            MAYO_STATIN_RHABDOMYOLYSIS));
    Set<AssociatedSign> neuromuscular =
        ImmutableSet.of(AssociatedSign.MUSCLE_WASTING, AssociatedSign.FASCICULATIONS);
    b.add(
        new RedFlagRule(
            "raise-possible-neuromuscular-disease",
            1,
            RedFlagKind.POSSIBLE_NEUROMUSCULAR_DISEASE,
            anyOf(
                episodeSign(neuromuscular, Set.of(), true),
                findingSign(neuromuscular, Set.of(), true)),
            "Muscle wasting and fasciculations suggest motor neurone or other lower-motor-neuron"
                + " disease.",
            NICE_CKS));
    Set<AssociatedSign> neurological =
        ImmutableSet.of(AssociatedSign.NUMBNESS_TINGLING, AssociatedSign.MUSCLE_WEAKNESS);
    b.add(
        new RedFlagRule(
            "raise-neurological-signs",
            1,
            RedFlagKind.NEUROLOGICAL_SIGNS,
            anyOf(
                episodeSign(neurological, Set.of(), true),
                findingSign(neurological, Set.of(), true)),
            "Numbness or weakness, loss of sensation or power with cramps needs examination for a"
                + " neurological cause.",
            NICE_CKS));
    Set<AssociatedSign> claudication =
        ImmutableSet.of(AssociatedSign.PAIN_ON_WALKING_EASES_WITH_REST);
    b.add(
        new RedFlagRule(
            "raise-possible-claudication",
            1,
            RedFlagKind.POSSIBLE_CLAUDICATION,
            anyOf(
                episodeSign(claudication, Set.of(), true),
                findingSign(claudication, Set.of(), true)),
            "Calf pain on walking that is relieved by rest suggests claudication from peripheral"
                + " artery disease.",
            NICE_CKS));

    // Safety rule 1: red flags rank first as urgent-medical-review.
    b.add(
        new RecommendRule(
            "red-flag-deep-vein-thrombosis",
            1,
            URGENT_MEDICAL_REVIEW,
            redFlag(RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS),
            "Calf or lower-leg swelling or redness with a cramp can be deep vein thrombosis, a cramp"
                + " mimic; a swollen, tender calf needs the same-day DVT pathway.",
            NICE_CKS,
            "urgent-medical-review.dvt"));
    b.add(
        new RecommendRule(
            "red-flag-rhabdomyolysis",
            1,
            URGENT_MEDICAL_REVIEW,
            redFlag(RedFlagKind.POSSIBLE_RHABDOMYOLYSIS),
            "Muscle weakness or dark urine in a statin user, or creatine kinase far above its range,"
                + " suggests rhabdomyolysis: seek care immediately.",
            MAYO_STATIN_RHABDOMYOLYSIS,
            "urgent-medical-review.rhabdomyolysis"));

    // Safety rule 2: clinician-visit.
    b.add(
        RecommendRule.of(
            "visit-wasting-or-fasciculations",
            CLINICIAN_VISIT,
            redFlag(RedFlagKind.POSSIBLE_NEUROMUSCULAR_DISEASE),
            "Muscle wasting and fasciculations suggest motor neurone or other lower-motor-neuron"
                + " disease.",
            NICE_CKS));
    b.add(
        RecommendRule.of(
            "visit-numbness-or-weakness",
            CLINICIAN_VISIT,
            redFlag(RedFlagKind.NEUROLOGICAL_SIGNS),
            "Numbness or weakness, loss of sensation or power with cramps needs examination for a"
                + " neurological cause.",
            NICE_CKS));
    b.add(
        RecommendRule.of(
            "visit-claudication",
            CLINICIAN_VISIT,
            redFlag(RedFlagKind.POSSIBLE_CLAUDICATION),
            "Calf pain on walking that is relieved by rest suggests claudication from peripheral"
                + " artery disease.",
            NICE_CKS));
    b.add(
        RecommendRule.of(
            "visit-frequent",
            CLINICIAN_VISIT,
            allOf(frequent(), not(pregnant())),
            "Frequent cramps should prompt a search for an underlying cause. No guideline gives a"
                + " frequency cut-off; the threshold is a configurable working definition.",
            AAN_2010));
    b.add(
        new RecommendRule(
            "visit-frequent-pregnancy",
            1,
            CLINICIAN_VISIT,
            allOf(frequent(), pregnant()),
            "Frequent cramps in pregnancy go to the maternity clinician: the AAN review did not cover"
                + " pregnancy and evidence for magnesium in pregnancy is of very low certainty"
                + " (Cochrane 2020).",
            CRAMPCARE_SAFETY,
            "clinician-visit.maternity"));
    b.add(
        RecommendRule.of(
            "visit-persistent-despite-magnesium",
            CLINICIAN_VISIT,
            allOf(anyEpisode(), takes(MedicationClass.MAGNESIUM_SUPPLEMENT), electrolytesNormal()),
            "Cramps persist despite magnesium intake with normal electrolytes; magnesium is unlikely"
                + " to give meaningful prophylaxis, so another cause should be sought.",
            COCHRANE_2020_MAGNESIUM));
    b.add(
        RecommendRule.of(
            "visit-disruptive",
            CLINICIAN_VISIT,
            disruptive(),
            "Cramps that disturb sleep or daily life (disabling or persistent) should prompt"
                + " investigation for an underlying condition.",
            AAN_2010));

    // Safety rules 3 and 4: medicines and labs.
    b.add(
        RecommendRule.of(
            "medication-review-nice-listed",
            MEDICATION_REVIEW,
            takes(
                MedicationClass.LOOP_DIURETIC,
                MedicationClass.THIAZIDE_DIURETIC,
                MedicationClass.BETA2_AGONIST,
                MedicationClass.DIHYDROPYRIDINE_CCB),
            "Diuretics, salbutamol and other beta-2 agonists, and nifedipine are cramp-associated"
                + " drugs.",
            NICE_CKS));
    b.add(
        RecommendRule.of(
            "medication-review-afp-listed",
            MEDICATION_REVIEW,
            takes(
                MedicationClass.RALOXIFENE,
                MedicationClass.CONJUGATED_ESTROGENS,
                MedicationClass.TERIPARATIDE,
                MedicationClass.NAPROXEN,
                MedicationClass.IV_IRON),
            "IV iron sucrose, conjugated estrogens, raloxifene, naproxen and teriparatide are strongly"
                + " associated with cramps.",
            AFP_2012));
    b.add(
        RecommendRule.of(
            "medication-review-statin",
            MEDICATION_REVIEW,
            takes(MedicationClass.STATIN),
            "Statins cause muscle symptoms including cramping; the dose and interacting drugs should"
                + " be reviewed.",
            MAYO_STATIN_RHABDOMYOLYSIS));
    b.add(
        RecommendRule.of(
            "medication-review-laxative",
            MEDICATION_REVIEW,
            takes(MedicationClass.LAXATIVE),
            "Laxatives may cause fluid and electrolyte loss (consumer source only; no guideline).",
            GENERAL_SELF_CARE));
    b.add(
        new RecommendRule(
            "medication-review-quinine",
            1,
            MEDICATION_REVIEW,
            takes(MedicationClass.QUININE),
            "Quinine should not be used for leg cramps: its risk of serious haematological reactions"
                + " outweighs any benefit (FDA boxed warning and REMS).",
            FDA_QUININE,
            "medication-review.quinine"));
    b.add(
        RecommendRule.of(
            "abnormal-lab-follow-up",
            ABNORMAL_LAB_FOLLOW_UP,
            abnormalLab(
                Analyte.POTASSIUM,
                Analyte.SODIUM,
                Analyte.CALCIUM_TOTAL,
                Analyte.CALCIUM_IONIZED,
                Analyte.MAGNESIUM,
                Analyte.CREATINE_KINASE,
                Analyte.TSH,
                Analyte.VITAMIN_D_25OH),
            "A current result outside its reference range may be a secondary cause of cramps"
                + " (electrolytes, calcium, magnesium, thyroid function, CK).",
            NICE_CKS));
    b.add(
        RecommendRule.of(
            "electrolyte-testing-risk-without-labs",
            ELECTROLYTE_TESTING,
            allOf(
                anyOf(
                    takes(
                        MedicationClass.LOOP_DIURETIC,
                        MedicationClass.THIAZIDE_DIURETIC,
                        MedicationClass.LAXATIVE),
                    riskFactor(
                        RiskFactorKind.ALCOHOL_MISUSE,
                        RiskFactorKind.CIRRHOSIS,
                        RiskFactorKind.CHRONIC_KIDNEY_DISEASE,
                        RiskFactorKind.DIALYSIS,
                        RiskFactorKind.ADVANCED_KIDNEY_DISEASE)),
                missingCurrentElectrolytes()),
            "A risk factor for electrolyte disturbance is present and there are no current results;"
                + " when a secondary cause is suspected, consider electrolytes, calcium and"
                + " magnesium.",
            NICE_CKS));
    b.add(
        RecommendRule.of(
            "underlying-condition-review",
            UNDERLYING_CONDITION_REVIEW,
            riskFactor(
                RiskFactorKind.HYPOTHYROIDISM,
                RiskFactorKind.HIGH_TSH,
                RiskFactorKind.DIABETES,
                RiskFactorKind.HIGH_HBA1C,
                RiskFactorKind.NEUROPATHY,
                RiskFactorKind.CHRONIC_KIDNEY_DISEASE,
                RiskFactorKind.DIALYSIS,
                RiskFactorKind.ADVANCED_KIDNEY_DISEASE,
                RiskFactorKind.CIRRHOSIS,
                RiskFactorKind.PERIPHERAL_ARTERY_DISEASE,
                RiskFactorKind.ALCOHOL_MISUSE),
            "Cramps are associated with vascular disease, cirrhosis and haemodialysis (AFP 2012) and"
                + " with thyroid disease and other underlying conditions (NICE CKS); the condition's"
                + " control should be reviewed.",
            NICE_CKS));

    // Immediate relief.
    b.add(
        RecommendRule.of(
            "relief-stretch",
            STRETCH,
            anyEpisode(),
            "Stretching the affected muscle is advised self-care (NICE CKS); trial data are"
                + " insufficient (AAN Level U).",
            NICE_CKS));
    b.add(
        RecommendRule.of(
            "relief-massage",
            MASSAGE,
            anyEpisode(),
            "Massaging the affected muscle is advised self-care (NICE CKS).",
            NICE_CKS));
    b.add(
        RecommendRule.of(
            "relief-walk",
            WALK,
            episodeInRegion(BodySite.Region.LEG),
            "Walking about or moving the leg after a leg cramp is general self-care.",
            GENERAL_SELF_CARE));
    b.add(
        RecommendRule.of(
            "relief-heat",
            HEAT,
            anyEpisode(),
            "Heat is consumer self-care advice without cramp-specific evidence.",
            GENERAL_SELF_CARE));

    // Prevention.
    b.add(
        RecommendRule.of(
            "prevent-regular-stretching",
            REGULAR_STRETCHING,
            anyEpisode(),
            "Regular stretching has limited, mixed evidence (AFP 2012, SOR C) and is low-risk.",
            AFP_2012));
    b.add(
        RecommendRule.of(
            "prevent-hydration",
            HYDRATION,
            anyOf(
                riskFactor(RiskFactorKind.LOW_FLUID_INTAKE),
                episodeInSetting(Setting.DURING_EXERCISE, Setting.AFTER_EXERCISE)),
            "Adequate fluid intake is general self-care; hydration targets are not cramp-specific"
                + " evidence.",
            GENERAL_SELF_CARE));
    b.add(
        RecommendRule.of(
            "prevent-hand-exercises",
            HAND_EXERCISES,
            anyOf(
                episodeInRegion(BodySite.Region.HAND),
                riskFactor(RiskFactorKind.REPETITIVE_HAND_WORK)),
            "Gentle hand exercises are general self-care for hand cramps; no trial supports them.",
            GENERAL_SELF_CARE));
    b.add(
        RecommendRule.of(
            "prevent-activity-breaks",
            ACTIVITY_BREAKS,
            riskFactor(RiskFactorKind.REPETITIVE_HAND_WORK),
            "Breaks from repetitive hand work are general self-care.",
            GENERAL_SELF_CARE));
    b.add(
        RecommendRule.of(
            "prevent-gradual-exercise",
            GRADUAL_EXERCISE,
            riskFactor(RiskFactorKind.OVERUSE),
            "Muscle fatigue is a probable cause of cramps (AFP 2012); gradual progression is general"
                + " self-care.",
            GENERAL_SELF_CARE));
    b.add(
        RecommendRule.of(
            "prevent-move-after-sitting",
            MOVE_AFTER_SITTING,
            riskFactor(RiskFactorKind.PROLONGED_SITTING, RiskFactorKind.INACTIVITY),
            "Moving after long sitting is general self-care.",
            GENERAL_SELF_CARE));
    b.add(
        RecommendRule.of(
            "prevent-keep-warm",
            KEEP_WARM,
            riskFactor(RiskFactorKind.COLD_EXPOSURE),
            "Cold as a cause of cramps is a consumer claim without guideline support; keeping warm is"
                + " general self-care.",
            GENERAL_SELF_CARE));
    b.add(
        RecommendRule.of(
            "prevent-limit-alcohol",
            LIMIT_ALCOHOL,
            riskFactor(RiskFactorKind.ALCOHOL_INTAKE, RiskFactorKind.ALCOHOL_MISUSE),
            "Alcohol misuse is a recorded cramp risk factor; cutting down is general self-care.",
            GENERAL_SELF_CARE));
    b.add(
        RecommendRule.of(
            "prevent-dietary-magnesium",
            DIETARY_MAGNESIUM,
            anyOf(
                riskFactor(
                    RiskFactorKind.LOW_MAGNESIUM,
                    RiskFactorKind.ALCOHOL_MISUSE,
                    RiskFactorKind.ALCOHOL_INTAKE),
                takes(
                    MedicationClass.LOOP_DIURETIC,
                    MedicationClass.THIAZIDE_DIURETIC,
                    MedicationClass.LAXATIVE)),
            "Where magnesium may be low or lost, meeting the dietary reference intake from food is"
                + " reasonable; supplements are not recommended as cramp treatment (Cochrane 2020).",
            NIH_ODS_MAGNESIUM));

    // Safety rules 5, 6, 9 and extra: suppressions.
    b.add(
        SuppressRule.replacing(
            "suppress-hydration-heart-failure",
            HYDRATION,
            DISCUSS_FLUID_TARGETS,
            riskFactor(RiskFactorKind.HEART_FAILURE),
            "Fluid advice is suppressed in heart failure: fluid intake may need to be restricted, so"
                + " targets are for the clinician to set.",
            CRAMPCARE_SAFETY));
    b.add(
        SuppressRule.replacing(
            "suppress-hydration-advanced-kidney-disease",
            HYDRATION,
            DISCUSS_FLUID_TARGETS,
            riskFactor(RiskFactorKind.ADVANCED_KIDNEY_DISEASE, RiskFactorKind.DIALYSIS),
            "Fluid advice is suppressed in advanced kidney disease or dialysis: fluid intake may need"
                + " to be restricted, so targets are for the clinician to set.",
            CRAMPCARE_SAFETY));
    b.add(
        SuppressRule.of(
            "suppress-dietary-magnesium-advanced-kidney-disease",
            DIETARY_MAGNESIUM,
            riskFactor(RiskFactorKind.ADVANCED_KIDNEY_DISEASE, RiskFactorKind.DIALYSIS),
            "Magnesium advice is suppressed in advanced kidney disease or dialysis: magnesium"
                + " accumulates in renal impairment.",
            NIH_ODS_MAGNESIUM));
    b.add(
        new SuppressRule(
            "suppress-medication-review-pregnancy",
            1,
            MEDICATION_REVIEW,
            pregnant(),
            "No medication advice in pregnancy: medicines are for the maternity clinician to review.",
            CRAMPCARE_SAFETY,
            Optional.of(CLINICIAN_VISIT),
            Optional.of("clinician-visit.maternity")));
    b.add(
        SuppressRule.of(
            "suppress-massage-possible-dvt",
            MASSAGE,
            redFlag(RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS),
            "Massage is withheld while a deep vein thrombosis has not been ruled out.",
            CRAMPCARE_SAFETY));
    b.add(
        SuppressRule.of(
            "suppress-heat-possible-dvt",
            HEAT,
            redFlag(RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS),
            "Heat is withheld while a deep vein thrombosis has not been ruled out.",
            CRAMPCARE_SAFETY));

    // Safety rule 7: cautions.
    b.add(
        new CautionRule(
            "caution-heat-reduced-sensation",
            1,
            HEAT,
            CAUTION_BURN_RISK,
            anyOf(
                riskFactor(RiskFactorKind.DIABETES, RiskFactorKind.NEUROPATHY),
                episodeWithSign(AssociatedSign.NUMBNESS_TINGLING)),
            "Reduced sensation from diabetes, neuropathy or numbness raises the risk of burns from"
                + " heat.",
            CRAMPCARE_SAFETY));
    return b.build();
  }

  private static void def(
      RuleBook.Builder b,
      String code,
      Category category,
      Priority priority,
      int rank,
      String display) {
    b.define(new RecommendationDefinition(code, category, priority, rank, display));
  }
}
