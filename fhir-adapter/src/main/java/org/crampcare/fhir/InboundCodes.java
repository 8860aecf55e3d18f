package org.crampcare.fhir;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Locale;
import java.util.Optional;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.Setting;
import org.crampcare.patient.ConditionKind;
import org.crampcare.terminology.CodeSystems;
import org.jspecify.annotations.Nullable;

/**
 * The inbound terminology tables for findings and conditions: which SNOMED CT, ICD-10-CM and LOINC
 * codes an EHR may send and what each means in the core model. Every code is from the clinical
 * knowledge base (sections A1-A4, A7 and E); where the knowledge base marks a code UNVERIFIED the
 * entry says so and the mapping adds a note to the report. Medication codes are in {@link
 * InboundMedicationCodes}.
 */
final class InboundCodes {
  private InboundCodes() {}

  /** LOINC 75325-1 "Symptom": the code of a symptom Observation whose value is the finding. */
  static final String SYMPTOM = "75325-1";

  /** LOINC codes of a 0-10 severity component: 72514-3 pain NRS and 64750-3 symptom severity. */
  static final ImmutableSet<String> SEVERITY = ImmutableSet.of("72514-3", "64750-3");

  /**
   * LOINC 82810-3 "Pregnancy status". Seen in US Core data, but the knowledge base does not verify
   * it, so it is reported and not used (a gap to close with a terminologist).
   */
  static final String PREGNANCY_STATUS = "82810-3";

  /** SNOMED CT laterality attribute (272741003) used in post-coordinated body sites. */
  static final String LATERALITY_ATTRIBUTE = "272741003";

  /** A cramp finding and what it implies about the site and the setting. */
  enum CrampFinding {
    /** 55300003 Cramp: no site, no setting. */
    CRAMP("55300003", "Cramp", null, null),
    /** 449918009 Cramp in lower leg: the lower leg. */
    CRAMP_IN_LOWER_LEG("449918009", "Cramp in lower leg", BodySite.LOWER_LEG, null),
    /**
     * 102549009 Cramp in lower leg associated with rest: the lower leg, at rest (the concept names
     * rest, not sleep, so it is not taken to mean during sleep).
     */
    REST_CRAMP_IN_LOWER_LEG(
        "102549009",
        "Cramp in lower leg associated with rest",
        BodySite.LOWER_LEG,
        Setting.AT_REST),
    /**
     * 90392009 Nocturnal muscle spasm: during sleep, no site (the knowledge base does not verify it
     * as a synonym of nocturnal leg cramp, so no leg is implied).
     */
    NOCTURNAL_MUSCLE_SPASM("90392009", "Nocturnal muscle spasm", null, Setting.DURING_SLEEP);

    private final String code;
    private final String display;
    private final @Nullable BodySite impliedSite;
    private final @Nullable Setting impliedSetting;

    CrampFinding(
        String code,
        String display,
        @Nullable BodySite impliedSite,
        @Nullable Setting impliedSetting) {
      this.code = code;
      this.display = display;
      this.impliedSite = impliedSite;
      this.impliedSetting = impliedSetting;
    }

    String code() {
      return code;
    }

    String display() {
      return display;
    }

    Optional<BodySite> impliedSite() {
      return Optional.ofNullable(impliedSite);
    }

    Optional<Setting> impliedSetting() {
      return Optional.ofNullable(impliedSetting);
    }

    static Optional<CrampFinding> fromSnomed(String code) {
      for (CrampFinding finding : values()) {
        if (finding.code.equals(code)) {
          return Optional.of(finding);
        }
      }
      return Optional.empty();
    }
  }

  /** What a coded condition or finding means in the core model. */
  enum Meaning {
    /** A condition of the core model ({@link ConditionCode#kind()}). */
    CONDITION,
    /** Pregnancy, which sets {@code PatientContext.pregnant}. */
    PREGNANCY,
    /** A sign that accompanies cramps ({@link ConditionCode#sign()}). */
    SIGN,
    /** A cramp recorded as a condition: relevant, but not an episode. */
    CRAMP,
    /** Relevant to cramps in the knowledge base, but the core model has no place for it. */
    UNSUPPORTED
  }

  /**
   * One row of the condition table.
   *
   * @param display the display from the knowledge base, for reports
   * @param meaning what the code means
   * @param kind the condition, for {@link Meaning#CONDITION}
   * @param ckdStage the chronic kidney disease stage, when the code gives one
   * @param sign the sign, for {@link Meaning#SIGN}
   * @param note a caveat to put in the report when the code is used (an unverified code)
   */
  record ConditionCode(
      String display,
      Meaning meaning,
      @Nullable ConditionKind kind,
      Optional<Integer> ckdStage,
      @Nullable AssociatedSign sign,
      Optional<String> note,
      Optional<ConditionKind> alsoKind,
      Optional<BodySite> impliedSite,
      Optional<Setting> impliedSetting) {

    ConditionCode(
        String display,
        Meaning meaning,
        @Nullable ConditionKind kind,
        Optional<Integer> ckdStage,
        @Nullable AssociatedSign sign,
        Optional<String> note) {
      this(
          display,
          meaning,
          kind,
          ckdStage,
          sign,
          note,
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    static ConditionCode condition(String display, ConditionKind kind) {
      return new ConditionCode(
          display, Meaning.CONDITION, kind, Optional.empty(), null, Optional.empty());
    }

    /** Returns this code also meaning a second condition (diabetes with neuropathy). */
    ConditionCode and(ConditionKind second) {
      return new ConditionCode(
          display,
          meaning,
          kind,
          ckdStage,
          sign,
          note,
          Optional.of(second),
          impliedSite,
          impliedSetting);
    }

    /** Returns this cramp code with the site and setting its words name. */
    ConditionCode implying(@Nullable BodySite site, @Nullable Setting setting) {
      return new ConditionCode(
          display,
          meaning,
          kind,
          ckdStage,
          sign,
          note,
          alsoKind,
          Optional.ofNullable(site),
          Optional.ofNullable(setting));
    }

    static ConditionCode ckd(String display, int stage) {
      return new ConditionCode(
          display,
          Meaning.CONDITION,
          ConditionKind.CHRONIC_KIDNEY_DISEASE,
          Optional.of(stage),
          null,
          Optional.empty());
    }

    static ConditionCode sign(String display, AssociatedSign sign) {
      return new ConditionCode(
          display, Meaning.SIGN, null, Optional.empty(), sign, Optional.empty());
    }

    static ConditionCode of(String display, Meaning meaning) {
      return new ConditionCode(display, meaning, null, Optional.empty(), null, Optional.empty());
    }

    ConditionCode withNote(String note) {
      return new ConditionCode(
          display,
          meaning,
          kind,
          ckdStage,
          sign,
          Optional.of(note),
          alsoKind,
          impliedSite,
          impliedSetting);
    }
  }

  private static final String DIALYSIS_NOTE =
      "ICD-10-CM Z99.2 is UNVERIFIED in the knowledge base (section E); mapped to dialysis until a"
          + " terminologist checks it";

  private static final String N18_3_NOTE =
      "ICD-10-CM N18.3 has been sub-coded since FY2021 and the sub-codes are not verified in the"
          + " knowledge base (section A2); read as stage 3";

  private static final String M62_5_NOTE =
      "ICD-10-CM M62.5- (muscle wasting and atrophy) is read by its category";

  /** SNOMED CT codes. */
  private static final ImmutableMap<String, ConditionCode> SNOMED =
      ImmutableMap.<String, ConditionCode>builder()
          // A7 risk-factor conditions with a core kind
          .put("73211009", ConditionCode.condition("Diabetes mellitus", ConditionKind.DIABETES))
          .put(
              "44054006",
              ConditionCode.condition("Type 2 diabetes mellitus", ConditionKind.DIABETES))
          .put("386033004", ConditionCode.condition("Neuropathy", ConditionKind.NEUROPATHY))
          .put(
              "368581000119106",
              ConditionCode.condition(
                  "Neuropathy due to type 2 diabetes mellitus", ConditionKind.NEUROPATHY))
          .put("40930008", ConditionCode.condition("Hypothyroidism", ConditionKind.HYPOTHYROIDISM))
          .put(
              "83664006",
              ConditionCode.condition(
                  "Idiopathic atrophic hypothyroidism", ConditionKind.HYPOTHYROIDISM))
          .put(
              "709044004",
              ConditionCode.condition(
                  "Chronic kidney disease", ConditionKind.CHRONIC_KIDNEY_DISEASE))
          .put("431855005", ConditionCode.ckd("Chronic kidney disease stage 1", 1))
          .put("431856006", ConditionCode.ckd("Chronic kidney disease stage 2", 2))
          .put("433144002", ConditionCode.ckd("Chronic kidney disease stage 3", 3))
          .put("431857002", ConditionCode.ckd("Chronic kidney disease stage 4", 4))
          .put("46177005", ConditionCode.ckd("End-stage renal disease", 5))
          // E: "Disorder of kidney due to diabetes mellitus" names diabetes; the knowledge base
          // does not say it is chronic kidney disease, so it is not read as such.
          .put(
              "127013003",
              ConditionCode.condition(
                  "Disorder of kidney due to diabetes mellitus", ConditionKind.DIABETES))
          .put("84114007", ConditionCode.condition("Heart failure", ConditionKind.HEART_FAILURE))
          .put(
              "42343007",
              ConditionCode.condition("Congestive heart failure", ConditionKind.HEART_FAILURE))
          .put(
              "88805009",
              ConditionCode.condition(
                  "Chronic congestive heart failure", ConditionKind.HEART_FAILURE))
          .put(
              "399957001",
              ConditionCode.condition(
                  "Peripheral arterial occlusive disease", ConditionKind.PERIPHERAL_ARTERY_DISEASE))
          .put(
              "400047006",
              ConditionCode.condition(
                  "Peripheral vascular disease", ConditionKind.PERIPHERAL_ARTERY_DISEASE))
          .put(
              "69896004",
              ConditionCode.condition("Rheumatoid arthritis", ConditionKind.RHEUMATOID_ARTHRITIS))
          .put(
              "57406009",
              ConditionCode.condition(
                  "Carpal tunnel syndrome", ConditionKind.CARPAL_TUNNEL_SYNDROME))
          .put("19943007", ConditionCode.condition("Cirrhosis of liver", ConditionKind.CIRRHOSIS))
          .put("15167005", ConditionCode.condition("Alcohol abuse", ConditionKind.ALCOHOL_MISUSE))
          .put(
              "66590003",
              ConditionCode.condition("Alcohol dependence", ConditionKind.ALCOHOL_MISUSE))
          .put(
              "10939881000119105",
              ConditionCode.condition(
                  "Unhealthy alcohol drinking behavior", ConditionKind.ALCOHOL_MISUSE))
          // Pregnancy (A7, E)
          .put("77386006", ConditionCode.of("Pregnancy", Meaning.PREGNANCY))
          .put("72892002", ConditionCode.of("Normal pregnancy", Meaning.PREGNANCY))
          // Associated signs (A1)
          .put("26544005", ConditionCode.sign("Muscle weakness", AssociatedSign.MUSCLE_WEAKNESS))
          .put(
              "713514005",
              ConditionCode.sign("Muscle weakness of limb", AssociatedSign.MUSCLE_WEAKNESS))
          .put("88092000", ConditionCode.sign("Muscle atrophy", AssociatedSign.MUSCLE_WASTING))
          .put(
              "82470000", ConditionCode.sign("Muscle fasciculation", AssociatedSign.FASCICULATIONS))
          .put("80068009", ConditionCode.sign("Swelling of limb", AssociatedSign.SWELLING))
          .put("449707004", ConditionCode.sign("Edema of lower leg", AssociatedSign.SWELLING))
          .put("247441003", ConditionCode.sign("Erythema", AssociatedSign.REDNESS_WARMTH))
          .put(
              "309521004", ConditionCode.sign("Numbness of hand", AssociatedSign.NUMBNESS_TINGLING))
          .put(
              "309086004",
              ConditionCode.sign("Paresthesia of hand", AssociatedSign.NUMBNESS_TINGLING))
          .put(
              "63491006",
              ConditionCode.sign(
                  "Intermittent claudication", AssociatedSign.PAIN_ON_WALKING_EASES_WITH_REST))
          // Cramps recorded as conditions (A1)
          .put("55300003", ConditionCode.of("Cramp", Meaning.CRAMP))
          .put(
              "449918009",
              ConditionCode.of("Cramp in lower leg", Meaning.CRAMP)
                  .implying(BodySite.LOWER_LEG, null))
          .put(
              "102549009",
              ConditionCode.of("Cramp in lower leg associated with rest", Meaning.CRAMP)
                  .implying(BodySite.LOWER_LEG, Setting.AT_REST))
          .put(
              "90392009",
              ConditionCode.of("Nocturnal muscle spasm", Meaning.CRAMP)
                  .implying(null, Setting.DURING_SLEEP))
          .put("424647005", ConditionCode.of("Cramp in limb", Meaning.CRAMP))
          // Relevant in the knowledge base, no place in the core model (A1, A7)
          .put("34095006", ConditionCode.of("Dehydration", Meaning.UNSUPPORTED))
          .put("43339004", ConditionCode.of("Hypokalemia", Meaning.UNSUPPORTED))
          .put("190855004", ConditionCode.of("Hypomagnesemia", Meaning.UNSUPPORTED))
          .put("5291005", ConditionCode.of("Hypocalcemia", Meaning.UNSUPPORTED))
          .put("89627008", ConditionCode.of("Hyponatremia", Meaning.UNSUPPORTED))
          .put("34713006", ConditionCode.of("Vitamin D deficiency", Meaning.UNSUPPORTED))
          .put("788465007", ConditionCode.of("Repetitive motion disorder", Meaning.UNSUPPORTED))
          .put(
              "404223003",
              ConditionCode.condition(
                  "Deep venous thrombosis of lower extremity", ConditionKind.DEEP_VEIN_THROMBOSIS))
          .put("128196005", ConditionCode.of("Lumbar radiculopathy", Meaning.UNSUPPORTED))
          .put("32914008", ConditionCode.of("Restless legs", Meaning.UNSUPPORTED))
          .put("240131006", ConditionCode.of("Rhabdomyolysis", Meaning.UNSUPPORTED))
          .buildOrThrow();

  /**
   * ICD-10-CM codes matched exactly (A2, E); the N18.3 and M62.5 categories are in {@link #icd}.
   */
  private static final ImmutableMap<String, ConditionCode> ICD_10_CM =
      ImmutableMap.<String, ConditionCode>builder()
          .put(
              "I50.9",
              ConditionCode.condition("Heart failure, unspecified", ConditionKind.HEART_FAILURE))
          .put(
              "Z99.2",
              ConditionCode.condition("Dependence on renal dialysis", ConditionKind.DIALYSIS)
                  .withNote(DIALYSIS_NOTE))
          .put("N18.1", ConditionCode.ckd("Chronic kidney disease, stage 1", 1))
          .put("N18.2", ConditionCode.ckd("Chronic kidney disease, stage 2 (mild)", 2))
          .put("N18.4", ConditionCode.ckd("Chronic kidney disease, stage 4 (severe)", 4))
          .put("N18.5", ConditionCode.ckd("Chronic kidney disease, stage 5", 5))
          .put("N18.6", ConditionCode.ckd("End stage renal disease", 5))
          .put(
              "N18.9",
              ConditionCode.condition(
                  "Chronic kidney disease, unspecified", ConditionKind.CHRONIC_KIDNEY_DISEASE))
          .put(
              "I73.9",
              ConditionCode.condition(
                  "Peripheral vascular disease, unspecified",
                  ConditionKind.PERIPHERAL_ARTERY_DISEASE))
          .put(
              "E03.9",
              ConditionCode.condition("Hypothyroidism, unspecified", ConditionKind.HYPOTHYROIDISM))
          .put(
              "G56.00",
              ConditionCode.condition(
                  "Carpal tunnel syndrome, unspecified upper limb",
                  ConditionKind.CARPAL_TUNNEL_SYNDROME))
          .put(
              "G56.01",
              ConditionCode.condition(
                  "Carpal tunnel syndrome, right upper limb", ConditionKind.CARPAL_TUNNEL_SYNDROME))
          .put(
              "G56.02",
              ConditionCode.condition(
                  "Carpal tunnel syndrome, left upper limb", ConditionKind.CARPAL_TUNNEL_SYNDROME))
          .put(
              "G56.03",
              ConditionCode.condition(
                  "Carpal tunnel syndrome, bilateral upper limbs",
                  ConditionKind.CARPAL_TUNNEL_SYNDROME))
          .put(
              "F10.10",
              ConditionCode.condition("Alcohol abuse, uncomplicated", ConditionKind.ALCOHOL_MISUSE))
          .put("R25.3", ConditionCode.sign("Fasciculation", AssociatedSign.FASCICULATIONS))
          .put(
              "M62.81",
              ConditionCode.sign("Muscle weakness (generalized)", AssociatedSign.MUSCLE_WEAKNESS))
          .put("R25.2", ConditionCode.of("Cramp and spasm", Meaning.CRAMP))
          .put(
              "G47.62",
              ConditionCode.of("Sleep related leg cramps", Meaning.CRAMP)
                  .implying(null, Setting.DURING_SLEEP))
          .put(
              "M62.831",
              ConditionCode.of("Muscle spasm of calf", Meaning.CRAMP).implying(BodySite.CALF, null))
          .put("M62.838", ConditionCode.of("Other muscle spasm", Meaning.CRAMP))
          .put("M62.82", ConditionCode.of("Rhabdomyolysis", Meaning.UNSUPPORTED))
          .put("R29.0", ConditionCode.of("Tetany", Meaning.UNSUPPORTED))
          .put("E86.0", ConditionCode.of("Dehydration", Meaning.UNSUPPORTED))
          .put("E87.1", ConditionCode.of("Hypo-osmolality and hyponatremia", Meaning.UNSUPPORTED))
          .put("E87.6", ConditionCode.of("Hypokalemia", Meaning.UNSUPPORTED))
          .put("E83.42", ConditionCode.of("Hypomagnesemia", Meaning.UNSUPPORTED))
          .put("E83.51", ConditionCode.of("Hypocalcemia", Meaning.UNSUPPORTED))
          .put("E55.9", ConditionCode.of("Vitamin D deficiency, unspecified", Meaning.UNSUPPORTED))
          .put("G25.81", ConditionCode.of("Restless legs syndrome", Meaning.UNSUPPORTED))
          .buildOrThrow();

  /** Returns what a SNOMED CT code means, if it is one of ours. */
  static Optional<ConditionCode> snomed(String code) {
    return Optional.ofNullable(SNOMED.get(code));
  }

  /**
   * Returns what an ICD-10-CM code means, if it is one of ours. Besides the exact codes, N18.3 and
   * its sub-codes read as stage 3 and the M62.5- category as muscle wasting, each with a note.
   */
  static Optional<ConditionCode> icd(String given) {
    String code = normaliseIcd(given);
    ConditionCode exact = ICD_10_CM.get(code);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (IcdFamily family : ICD_FAMILIES) {
      if (family.matches(code)) {
        return Optional.of(
            family
                .meaning()
                .withNote(
                    "ICD-10-CM "
                        + code
                        + " read by its family "
                        + family.pattern()
                        + " ("
                        + family.meaning().display()
                        + "; family checked against "
                        + family.checkedIn()
                        + ")"));
      }
    }
    if (code.startsWith("N18.3")) {
      return Optional.of(
          ConditionCode.ckd("Chronic kidney disease, stage 3 (moderate)", 3).withNote(N18_3_NOTE));
    }
    if (code.startsWith("M62.5")) {
      return Optional.of(
          ConditionCode.sign("Muscle wasting and atrophy", AssociatedSign.MUSCLE_WASTING)
              .withNote(M62_5_NOTE));
    }
    return Optional.empty();
  }

  /**
   * Upper-cases an ICD-10-CM code and puts in the dot after the category when it was left out
   * ({@code i5022} is {@code I50.22}).
   */
  static String normaliseIcd(String code) {
    String c = code.trim().toUpperCase(Locale.ROOT);
    if (c.length() > 3 && c.indexOf('.') < 0) {
      c = c.substring(0, 3) + "." + c.substring(3);
    }
    return c;
  }

  /**
   * An ICD-10-CM family (knowledge base section F): the codes under a category or subcategory, read
   * by prefix.
   *
   * @param pattern how the family is written ({@code I50.*})
   * @param prefixes the code prefixes that belong to it
   * @param meaning what its members mean
   * @param checkedIn the file of medtrack-io/icd_code the family's members were checked against
   */
  record IcdFamily(
      String pattern, ImmutableList<String> prefixes, ConditionCode meaning, String checkedIn) {
    boolean matches(String code) {
      for (String prefix : prefixes) {
        // "I50." also takes the bare category "I50".
        if (code.startsWith(prefix)
            || prefix.endsWith(".") && code.equals(prefix.substring(0, prefix.length() - 1))) {
          return true;
        }
      }
      return false;
    }

    static IcdFamily of(
        String pattern, ConditionCode meaning, String checkedIn, String... prefixes) {
      return new IcdFamily(pattern, ImmutableList.copyOf(prefixes), meaning, checkedIn);
    }
  }

  private static final String MEDTRACK = "medtrack-io/icd_code lib/codes/codes_";

  /**
   * The families of section F, most specific first (a diabetes code with neurological complications
   * before diabetes; alcoholic cirrhosis before alcoholic liver disease). Each was checked against
   * the per-category file named, at commit 4c625733.
   */
  private static final ImmutableList<IcdFamily> ICD_FAMILIES =
      ImmutableList.of(
          IcdFamily.of(
              "I50.*",
              ConditionCode.condition("Heart failure", ConditionKind.HEART_FAILURE),
              MEDTRACK + "i50.ex",
              "I50."),
          IcdFamily.of(
              "I11.0, I13.0, I13.2",
              ConditionCode.condition(
                  "Hypertensive heart disease with heart failure", ConditionKind.HEART_FAILURE),
              MEDTRACK + "i11.ex, codes_i13.ex",
              "I11.0",
              "I13.0",
              "I13.2"),
          IcdFamily.of(
              "E08.4*-E13.4*",
              ConditionCode.condition(
                      "Diabetes mellitus with neurological complications", ConditionKind.DIABETES)
                  .and(ConditionKind.NEUROPATHY),
              MEDTRACK + "e08.ex ... codes_e13.ex",
              "E08.4",
              "E09.4",
              "E10.4",
              "E11.4",
              "E13.4"),
          IcdFamily.of(
              "E08.*-E13.*",
              ConditionCode.condition("Diabetes mellitus", ConditionKind.DIABETES),
              MEDTRACK + "e08.ex ... codes_e13.ex",
              "E08",
              "E09",
              "E10",
              "E11",
              "E13"),
          IcdFamily.of(
              "I82.4*, I82.5*",
              ConditionCode.condition(
                  "Deep vein thrombosis of lower extremity", ConditionKind.DEEP_VEIN_THROMBOSIS),
              MEDTRACK + "i82.ex",
              "I82.4",
              "I82.5"),
          IcdFamily.of(
              "O00-O9A, Z33.1, Z3A.*",
              ConditionCode.of("Pregnancy", Meaning.PREGNANCY),
              MEDTRACK + "o00.ex ..., codes_z33.ex, codes_z3a.ex",
              "O0",
              "O1",
              "O2",
              "O3",
              "O4",
              "O6",
              "O7",
              "O8",
              "O9",
              "Z33.1",
              "Z3A"),
          IcdFamily.of(
              "E03.*, E02, E89.0",
              ConditionCode.condition("Hypothyroidism", ConditionKind.HYPOTHYROIDISM),
              MEDTRACK + "e03.ex, codes_e02.ex, codes_e89.ex",
              "E03",
              "E02",
              "E89.0"),
          IcdFamily.of(
              "G56.0*",
              ConditionCode.condition(
                  "Carpal tunnel syndrome", ConditionKind.CARPAL_TUNNEL_SYNDROME),
              MEDTRACK + "g56.ex",
              "G56.0"),
          IcdFamily.of(
              "M05.*, M06.*",
              ConditionCode.condition("Rheumatoid arthritis", ConditionKind.RHEUMATOID_ARTHRITIS),
              MEDTRACK + "m05.ex, codes_m06.ex",
              "M05",
              "M06"),
          IcdFamily.of(
              "I70.2*, I73.9",
              ConditionCode.condition(
                  "Peripheral artery disease", ConditionKind.PERIPHERAL_ARTERY_DISEASE),
              MEDTRACK + "i70.ex, codes_i73.ex",
              "I70.2",
              "I73.9"),
          IcdFamily.of(
              "K70.3*",
              ConditionCode.condition("Alcoholic cirrhosis of liver", ConditionKind.CIRRHOSIS)
                  .and(ConditionKind.ALCOHOL_MISUSE),
              MEDTRACK + "k70.ex",
              "K70.3"),
          IcdFamily.of(
              "K74.6*",
              ConditionCode.condition("Other and unspecified cirrhosis", ConditionKind.CIRRHOSIS),
              MEDTRACK + "k74.ex",
              "K74.6"),
          IcdFamily.of(
              "F10.*, K70.*",
              ConditionCode.condition("Alcohol misuse", ConditionKind.ALCOHOL_MISUSE),
              MEDTRACK + "f10.ex, codes_k70.ex",
              "F10",
              "K70"));

  /** Returns what a coding means, by its system, if it is one of ours. */
  static Optional<ConditionCode> lookup(String system, String code) {
    if (CodeSystems.SNOMED_CT.equals(system)) {
      return snomed(code);
    }
    if (CodeSystems.ICD_10_CM.equals(system)) {
      return icd(code);
    }
    return Optional.empty();
  }

  /** Returns the body site with the given SNOMED CT body structure code. */
  static Optional<BodySite> bodySite(String snomedCode) {
    for (BodySite site : BodySite.values()) {
      if (site.snomed().code().equals(snomedCode)) {
        return Optional.of(site);
      }
    }
    return Optional.empty();
  }

  /** Returns the laterality with the given SNOMED CT qualifier code. */
  static Optional<Laterality> laterality(String snomedCode) {
    for (Laterality side : Laterality.values()) {
      if (side.snomed().code().equals(snomedCode)) {
        return Optional.of(side);
      }
    }
    return Optional.empty();
  }
}
