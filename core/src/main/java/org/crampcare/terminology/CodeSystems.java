package org.crampcare.terminology;

/** The code system URIs CrampCare uses, in one place. */
public final class CodeSystems {
  /** SNOMED CT. */
  public static final String SNOMED_CT = "http://snomed.info/sct";

  /** LOINC. */
  public static final String LOINC = "http://loinc.org";

  /** UCUM units of measure. */
  public static final String UCUM = "http://unitsofmeasure.org";

  /** WHO Anatomical Therapeutic Chemical classification. */
  public static final String ATC = "http://www.whocc.no/atc";

  /** RxNorm. */
  public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

  /** ICD-10-CM. */
  public static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";

  /** CrampCare's recommendation codes, published by the FHIR adapter as a CodeSystem. */
  public static final String CRAMPCARE_RECOMMENDATION =
      "https://crampcare.org/fhir/CodeSystem/recommendation";

  /** CrampCare's caution codes, published by the FHIR adapter as a CodeSystem. */
  public static final String CRAMPCARE_CAUTION = "https://crampcare.org/fhir/CodeSystem/caution";

  /** CrampCare's local codes for the setting in which a cramp happened. */
  public static final String CRAMPCARE_SETTING = "https://crampcare.org/fhir/CodeSystem/setting";

  /** CrampCare's local codes for signs that accompany a cramp. */
  public static final String CRAMPCARE_SIGN =
      "https://crampcare.org/fhir/CodeSystem/associated-sign";

  /** CrampCare's local codes for relief measures and impacts on daily life. */
  public static final String CRAMPCARE_RELIEF =
      "https://crampcare.org/fhir/CodeSystem/relief-measure";

  /** CrampCare's local codes for risk factors and red flags. */
  public static final String CRAMPCARE_FINDING = "https://crampcare.org/fhir/CodeSystem/finding";

  private CodeSystems() {}
}
