package org.crampcare.recommendation;

import java.util.Optional;

/** The evidence cited by the built-in rules, from the knowledge base (sections B1-B7). */
public final class EvidenceCatalog {
  private EvidenceCatalog() {}

  /** NICE Clinical Knowledge Summaries, Leg cramps (red flags, investigations, stretching). */
  public static final Evidence NICE_CKS =
      new Evidence(
          "nice-cks-leg-cramps",
          "NICE Clinical Knowledge Summaries: Leg cramps",
          "national clinical guidance (evidence grade not stated)",
          Optional.of("http://cks.nice.org.uk/leg-cramps"));

  /** AAN 2010 assessment, reaffirmed 2016 and 2022 (knowledge base B1). */
  public static final Evidence AAN_2010 =
      new Evidence(
          "aan-2010-muscle-cramps",
          "Katzberg HD, Khan AH, So YT. Assessment: symptomatic treatment for muscle cramps."
              + " Neurology 2010;74(8):691-6 (reaffirmed 2022)",
          "calf stretching Level U (insufficient data); quinine Level A but avoid routine use",
          Optional.of("https://pubmed.ncbi.nlm.nih.gov/20177124/"));

  /** Allen and Kirby, AFP 2012 (knowledge base B2). */
  public static final Evidence AFP_2012 =
      new Evidence(
          "afp-2012-nocturnal-leg-cramps",
          "Allen RE, Kirby KA. Nocturnal leg cramps. Am Fam Physician 2012;86(4):350-355",
          "limited evidence (stretching: mixed results, SOR C)",
          Optional.of("https://pubmed.ncbi.nlm.nih.gov/22963024/"));

  /** Cochrane 2020, magnesium for muscle cramps (knowledge base B3). */
  public static final Evidence COCHRANE_2020_MAGNESIUM =
      new Evidence(
          "cochrane-2020-magnesium",
          "Garrison SR et al. Magnesium for skeletal muscle cramps. Cochrane Database Syst Rev"
              + " 2020;9:CD009402",
          "moderate to high certainty that magnesium supplements do not give meaningful"
              + " prophylaxis in older adults",
          Optional.of("https://doi.org/10.1002/14651858.CD009402.pub3"));

  /** FDA on quinine (knowledge base B4). */
  public static final Evidence FDA_QUININE =
      new Evidence(
          "fda-quinine-2010",
          "FDA Drug Safety Communication, 8 July 2010: Qualaquin (quinine) should not be used for"
              + " night time leg cramps; boxed warning 2009",
          "regulatory safety warning",
          Optional.of(
              "http://www.fda.gov/Drugs/DrugSafety/PostmarketDrugSafetyInformationforPatientsandProviders/ucm218202.htm"));

  /** Mayo Clinic on statins and rhabdomyolysis (knowledge base B6). */
  public static final Evidence MAYO_STATIN_RHABDOMYOLYSIS =
      new Evidence(
          "mayo-statin-rhabdomyolysis",
          "Mayo Clinic: Statins and rhabdomyolysis (expert answer)",
          "expert clinical guidance",
          Optional.of(
              "https://www.mayoclinic.org/diseases-conditions/high-blood-cholesterol/expert-answers/rhabdomyolysis/faq-20057817"));

  /** NIH ODS / IOM dietary reference intakes for magnesium (knowledge base B5). */
  public static final Evidence NIH_ODS_MAGNESIUM =
      new Evidence(
          "nih-ods-magnesium",
          "NIH Office of Dietary Supplements / IOM 1997 Dietary Reference Intakes: magnesium",
          "dietary reference values (not cramp treatment evidence)",
          Optional.of("https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"));

  /** Advice no trial supports (knowledge base B7). */
  public static final Evidence GENERAL_SELF_CARE =
      new Evidence(
          "general-self-care",
          "General self-care advice; no guideline or trial supports it for cramps (knowledge base"
              + " B7)",
          "general self-care advice",
          Optional.empty());

  /** A safety judgement of CrampCare's own, where no source gives one. */
  public static final Evidence CRAMPCARE_SAFETY =
      new Evidence(
          "crampcare-safety-policy",
          "CrampCare safety policy: when in doubt, refer to a clinician rather than advise",
          "safety policy (no trial evidence)",
          Optional.empty());
}
