package org.crampcare.fhir;

/** The canonical URLs and identifier systems CrampCare publishes, in one place. */
final class FhirUrls {
  /** The base of every CrampCare FHIR URL. */
  static final String BASE = "https://crampcare.org/fhir/";

  /** Profile of a cramp episode Observation. */
  static final String PROFILE_CRAMP_EPISODE = BASE + "StructureDefinition/cramp-episode";

  /** Profile of a risk factor or red flag RiskAssessment. */
  static final String PROFILE_FINDING = BASE + "StructureDefinition/crampcare-finding";

  /** Profile of the CrampCare CarePlan. */
  static final String PROFILE_CARE_PLAN = BASE + "StructureDefinition/crampcare-care-plan";

  /** Profile of patient advice as a CommunicationRequest. */
  static final String PROFILE_ADVICE = BASE + "StructureDefinition/crampcare-advice";

  /** Profile of a clinical follow-up or urgent review as a ServiceRequest. */
  static final String PROFILE_SERVICE_REQUEST =
      BASE + "StructureDefinition/crampcare-service-request";

  /** Extension: the side of a body site. */
  static final String EXT_LATERALITY = BASE + "StructureDefinition/laterality";

  /** Extension: a caution attached to a recommendation. */
  static final String EXT_CAUTION = BASE + "StructureDefinition/caution";

  static final String EXT_FACT = BASE + "StructureDefinition/fact";

  /** Identifier system of a cramp episode; the value is the episode id, unique per patient. */
  static final String ID_CRAMP_EPISODE = BASE + "identifier/cramp-episode";

  /** Identifier system of a finding (risk factor or red flag) of one assessment. */
  static final String ID_FINDING = BASE + "identifier/finding";

  /** Identifier system of a recommendation request of one assessment. */
  static final String ID_RECOMMENDATION = BASE + "identifier/recommendation";

  /** Identifier system of a CrampCare CarePlan. */
  static final String ID_CARE_PLAN = BASE + "identifier/care-plan";

  /** Identifier system of the CrampCare Device (software and rule book version). */
  static final String ID_DEVICE = BASE + "identifier/device";

  /** FHIR observation categories. */
  static final String OBSERVATION_CATEGORY =
      "http://terminology.hl7.org/CodeSystem/observation-category";

  /** LOINC 75325-1 Symptom. */
  static final String LOINC_SYMPTOM = "75325-1";

  /** LOINC 72514-3 Pain severity - 0-10 verbal numeric rating [Score] - Reported. */
  static final String LOINC_PAIN_SEVERITY = "72514-3";

  private FhirUrls() {}
}
