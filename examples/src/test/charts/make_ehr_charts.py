#!/usr/bin/env python3
"""Writes the EHR-shaped test charts and their expectations (cases.tsv).

Each chart is a FHIR R4 Bundle written the way EHRs and apps write records, not the way CrampCare's
exporter does: point-in-time symptom Observations from flowsheets and patient apps, problem-list
Conditions in ICD-10-CM, exam findings on other days and in local offsets, brand-name and
combination medicines as free text, labs with unit text, flags, censored values and text ranges.
Every code is from ../shared/clinical/knowledge-base.md (sections A, E and F).

Run from the repository root: python3 examples/src/test/charts/make_ehr_charts.py
"""
import json
import os

OUT = "examples/src/test/resources/org/crampcare/examples/ehr-charts"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
ICD = "http://hl7.org/fhir/sid/icd-10-cm"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
ATC = "http://www.whocc.no/atc"
UCUM = "http://unitsofmeasure.org"
OBS_CAT = "http://terminology.hl7.org/CodeSystem/observation-category"
COND_CLIN = "http://terminology.hl7.org/CodeSystem/condition-clinical"
COND_VER = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
COND_CAT = "http://terminology.hl7.org/CodeSystem/condition-category"
INTERP = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"


def cc(system, code, display=None, text=None):
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    c = {"coding": [coding]}
    if text:
        c["text"] = text
    return c


def patient(gender="female", birth="1955-03-02"):
    return {
        "resourceType": "Patient",
        "id": "pat1",
        "identifier": [{"system": "urn:oid:2.16.840.1.113883.19.5", "value": "MRN-48213"}],
        "name": [{"family": "Testpatient", "given": ["Chart"]}],
        "gender": gender,
        "birthDate": birth,
    }


SUBJECT = {"reference": "Patient/pat1"}


def cramp(rid, when, code="449918009", display="Cramp in lower leg", severity=None, end=None,
          site=None, identifier=None, category="survey", as_symptom=True, status="final"):
    """A cramp as a flowsheet row or a patient app writes it."""
    o = {
        "resourceType": "Observation",
        "id": rid,
        "status": status,
        "category": [cc(OBS_CAT, category, category.capitalize())],
        "subject": SUBJECT,
    }
    if identifier:
        o["identifier"] = [{"system": "urn:oid:1.2.3.4.5.6", "value": identifier}]
    if as_symptom:
        o["code"] = cc(LOINC, "75325-1", "Symptom")
        o["valueCodeableConcept"] = cc(SNOMED, code, display)
    else:
        o["code"] = cc(SNOMED, code, display, text=display)
    if when is not None:
        if end:
            o["effectivePeriod"] = {"start": when, "end": end}
        else:
            o["effectiveDateTime"] = when
    if site:
        o["bodySite"] = cc(SNOMED, site[0], site[1])
    if severity is not None:
        o["component"] = [
            {
                "code": cc(LOINC, "72514-3",
                           "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
                "valueInteger": severity,
            }
        ]
    return o


def condition(rid, system, code, display, onset=None, recorded=None, clinical="active",
              verification="confirmed", site=None, category="problem-list-item"):
    c = {
        "resourceType": "Condition",
        "id": rid,
        "category": [cc(COND_CAT, category)],
        "code": cc(system, code, display, text=display),
        "subject": SUBJECT,
    }
    if clinical:
        c["clinicalStatus"] = cc(COND_CLIN, clinical)
    if verification:
        c["verificationStatus"] = cc(COND_VER, verification)
    if onset:
        c["onsetDateTime"] = onset
    if recorded:
        c["recordedDate"] = recorded
    if site:
        c["bodySite"] = [cc(SNOMED, site[0], site[1])]
    return c


def med(rid, text, system=None, code=None, status="active", kind="MedicationRequest"):
    concept = {"text": text}
    if system:
        concept["coding"] = [{"system": system, "code": code, "display": text}]
    m = {
        "resourceType": kind,
        "id": rid,
        "status": status,
        "medicationCodeableConcept": concept,
        "subject": SUBJECT,
    }
    if kind == "MedicationRequest":
        m["intent"] = "order"
        m["authoredOn"] = "2026-06-01"
    return m


def lab(rid, loinc, display, value, unit, when, code=None, low=None, high=None, range_text=None,
        comparator=None, flag=None, status="final"):
    q = {"value": value, "unit": unit}
    if code:
        q["system"] = UCUM
        q["code"] = code
    if comparator:
        q["comparator"] = comparator
    o = {
        "resourceType": "Observation",
        "id": rid,
        "status": status,
        "category": [cc(OBS_CAT, "laboratory", "Laboratory")],
        "code": cc(LOINC, loinc, display),
        "subject": SUBJECT,
        "effectiveDateTime": when,
        "valueQuantity": q,
    }
    rr = {}
    if low is not None:
        rr["low"] = {"value": low, "unit": unit}
    if high is not None:
        rr["high"] = {"value": high, "unit": unit}
    if range_text:
        rr["text"] = range_text
    if rr:
        o["referenceRange"] = [rr]
    if flag:
        o["interpretation"] = [cc(INTERP, flag)]
    return o


def finding(rid, code, display, when, site=None):
    """An examination finding recorded on its own."""
    o = {
        "resourceType": "Observation",
        "id": rid,
        "status": "final",
        "category": [cc(OBS_CAT, "exam", "Exam")],
        "code": cc(SNOMED, code, display, text=display),
        "subject": SUBJECT,
        "effectiveDateTime": when,
        "valueBoolean": True,
    }
    if site:
        o["bodySite"] = cc(SNOMED, site[0], site[1])
    return o


def own_episode(rid, start, end, setting):
    """A cramp from a patient app that writes CrampCare's own episode profile."""
    return {
        "resourceType": "Observation",
        "id": rid,
        "meta": {"profile": ["https://crampcare.org/fhir/StructureDefinition/cramp-episode"]},
        "identifier": [{"system": "https://crampcare.org/fhir/id/episode", "value": rid}],
        "status": "final",
        "category": [cc(OBS_CAT, "survey", "Survey")],
        "code": cc(LOINC, "75325-1", "Symptom"),
        "subject": SUBJECT,
        "effectivePeriod": {"start": start, "end": end},
        "valueCodeableConcept": cc(SNOMED, "449918009", "Cramp in lower leg"),
        "bodySite": cc(SNOMED, "53840002", "Structure of calf of leg"),
        "component": [
            {"code": cc(LOINC, "72514-3"), "valueInteger": 6},
            {"code": cc("https://crampcare.org/fhir/CodeSystem/setting", setting), "valueBoolean": True},
        ],
    }


CALF = ("53840002", "Structure of calf of leg")
HAND = ("85562004", "Hand structure")
UNKNOWN_SITE = ("113345001", "Abdominal structure")


def bundle(resources, kind="searchset"):
    b = {"resourceType": "Bundle", "type": kind, "entry": []}
    for r in resources:
        e = {"fullUrl": "urn:uuid:" + r["resourceType"].lower() + "-" + r["id"], "resource": r}
        if kind == "searchset":
            e = {"fullUrl": "https://ehr.example.org/fhir/" + r["resourceType"] + "/" + r["id"],
                 "resource": r, "search": {"mode": "match"}}
        if kind == "transaction":
            e["request"] = {"method": "PUT", "url": r["resourceType"] + "/" + r["id"]}
        b["entry"].append(e)
    return b


CASES = []


def case(name, resources, expect=(), forbid=(), says=(), why="", kind="searchset", gender="female",
         birth="1955-03-02"):
    CASES.append((name, bundle([patient(gender, birth)] + resources, kind), expect, forbid, says, why))


K = ("2823-3", "Potassium [Moles/volume] in Serum or Plasma")
CK = ("2157-6", "Creatine kinase [Enzymatic activity/volume] in Serum or Plasma")

# --- cramps as EHRs record them ---
case("01-point-in-time-cramp-no-severity",
     [cramp("c1", "2026-11-18T02:40:00-05:00")],
     ["stretch-affected-muscle", "regular-stretching"], ["urgent-medical-review"],
     ["1 cramp record found: 1 used", "severity not recorded", "severity recorded for 0 of 1",
      "duration recorded for 0 of 1"],
     "a flowsheet cramp with only a timestamp counts")
case("02-cramp-known-only-to-the-day",
     [cramp("c1", "2026-11-18", severity=5)],
     ["stretch-affected-muscle"], [], ["(time not recorded)"],
     "a date-only onset counts, and says nothing about the time of day")
case("03-cramp-as-icd-condition",
     [condition("p1", ICD, "R25.2", "Cramp and spasm", onset="2026-11-15", category="encounter-diagnosis")],
     ["stretch-affected-muscle"], [], ["1 cramp record found: 1 used"],
     "R25.2 with an onset is a cramp record")
case("04-sleep-related-leg-cramps-recorded-date",
     [condition("p1", ICD, "G47.62", "Sleep related leg cramps", recorded="2026-11-10T09:12:00-06:00")],
     ["stretch-affected-muscle", "regular-stretching"], [], ["100% during sleep"],
     "G47.62 dated by recordedDate; it names sleep")
case("05-frequent-flowsheet-cramps",
     [cramp("c%d" % i, "2026-11-%02dT03:%02d:00-05:00" % (i // 1 + 2, i)) for i in range(1, 16)],
     ["clinician-visit", "stretch-affected-muscle"], [], ["15 cramp records found: 15 used"],
     "fifteen point-in-time cramps in 28 days are frequent")
case("06-cramp-code-as-observation-code",
     [cramp("c1", "2026-11-19T21:05:00+01:00", code="55300003", display="Cramp", as_symptom=False,
            category="exam")],
     ["stretch-affected-muscle"], ["walk-and-move"], ["site not recorded"],
     "a generic cramp with no site is used, the site not guessed")
# --- red flags never lost ---
case("07-statin-brand-weakness-on-another-day",
     [cramp("c1", "2026-11-17T06:10:00-05:00"), med("m1", "Lipitor 40 mg tablet"),
      finding("f1", "26544005", "Muscle weakness", "2026-11-19T14:00:00-05:00")],
     ["urgent-medical-review", "medication-review"], [], ["Possible rhabdomyolysis"],
     "statin by brand plus weakness found at an exam two days later")
case("08-statin-ck-censored-no-end-time",
     [cramp("c1", "2026-11-18T07:00:00-05:00"), med("m1", "atorvastatin 20 MG Oral Tablet", RXNORM, "617312"),
      lab("l1", CK[0], CK[1], 20000, "U/L", "2026-11-19T08:00:00-05:00", code="U/L", low=30, high=200,
          comparator=">")],
     ["urgent-medical-review"], [], ["Possible rhabdomyolysis"],
     "CK >20000 U/L is at least that high")
case("09-ck-critical-flag-range-as-text",
     [cramp("c1", "2026-11-18T07:00:00-05:00"), med("m1", "Zocor 20mg"),
      lab("l1", CK[0], CK[1], 15400, "U/L", "2026-11-19", code="U/L", range_text="30-200 U/L",
          flag="HH")],
     ["urgent-medical-review"], [], ["flagged HH by the lab"],
     "a critical flag with the range only as text")
case("10-ck-critical-no-cramp-record",
     [med("m1", "simvastatin 40 MG Oral Tablet", RXNORM, "198211"),
      lab("l1", CK[0], CK[1], 18000, "U/L", "2026-11-20", code="U/L", flag="HH")],
     ["urgent-medical-review"], ["stretch-affected-muscle", "regular-stretching", "massage-affected-muscle"],
     ["red flags and the advice they call for still stand"],
     "red flags show without a cramp; no self-care plan")
case("11-calf-swelling-at-exam-another-day",
     [cramp("c1", "2026-11-16T23:00:00-05:00", severity=7),
      finding("f1", "80068009", "Swelling of limb", "2026-11-18T10:30:00-05:00", site=CALF)],
     ["urgent-medical-review"], ["massage-affected-muscle", "apply-heat"], ["Possible deep vein thrombosis"],
     "possible DVT found at an exam on another day")
case("12-redness-same-local-morning-other-utc-day",
     [cramp("c1", "2026-11-19T23:30:00-05:00"),
      finding("f1", "247441003", "Erythema", "2026-11-20T07:15:00+05:30", site=CALF)],
     ["urgent-medical-review"], ["massage-affected-muscle", "apply-heat"], [],
     "redness on the calf recorded in another offset")
case("13-known-active-dvt-icd",
     [cramp("c1", "2026-11-18T05:00:00-05:00"),
      condition("p1", ICD, "I82.401", "Acute embolism and thrombosis of unspecified deep veins of right lower extremity",
                onset="2026-11-02")],
     ["urgent-medical-review"], ["massage-affected-muscle", "apply-heat"], ["deep vein thrombosis"],
     "a known active DVT withholds massage and heat")
case("14-known-dvt-snomed-no-cramp",
     [condition("p1", SNOMED, "404223003", "Deep venous thrombosis of lower extremity", onset="2026-11-12")],
     ["urgent-medical-review"], ["massage-affected-muscle", "apply-heat", "stretch-affected-muscle"], [],
     "a known DVT without any cramp record")
case("15-swelling-site-not-recorded",
     [cramp("c1", "2026-11-18T05:00:00-05:00", code="55300003", display="Cramp", site=UNKNOWN_SITE),
      finding("f1", "80068009", "Swelling of limb", "2026-11-18T12:00:00-05:00")],
     ["urgent-medical-review"], ["massage-affected-muscle", "apply-heat"], [],
     "when the site is not recorded, refer rather than reassure")
case("16-unusable-cramp-weakness-statin",
     [cramp("c1", None), med("m1", "Crestor 10 MG"),
      finding("f1", "26544005", "Muscle weakness", "2026-11-19T14:00:00-05:00")],
     ["urgent-medical-review"], ["stretch-affected-muscle"],
     ["1 cramp record found: 0 used, 0 merged as duplicates, 1 not usable",
      "none usable in the window, though cramp records were found"],
     "a cramp with no date is not usable, and the red flag still shows")
case("17-fasciculation-condition",
     [cramp("c1", "2026-11-18T05:00:00-05:00"),
      condition("p1", ICD, "R25.3", "Fasciculation", onset="2026-10-01")],
     ["clinician-visit"], [], ["Possible neuromuscular disease"],
     "fasciculations on the problem list")
case("18-numbness-hand-cramps-diabetes",
     [cramp("c1", "2026-11-18T15:00:00-05:00", code="55300003", display="Cramp", site=HAND),
      finding("f1", "309521004", "Numbness of hand", "2026-11-19T09:00:00-05:00"),
      condition("p1", ICD, "E11.9", "Type 2 diabetes mellitus without complications", onset="2015-04-01")],
     ["clinician-visit", "underlying-condition-review", "apply-heat"], [], ["caution-burn-risk"],
     "numbness found at an exam; heat comes with the burn caution")
case("19-claudication-finding",
     [cramp("c1", "2026-11-18T15:00:00-05:00"),
      finding("f1", "63491006", "Intermittent claudication", "2026-11-12T09:00:00-05:00")],
     ["clinician-visit"], [], ["Possible claudication"], "pain on walking that eases with rest")
# --- condition families ---
case("20-heart-failure-icd-family-app-cramp-after-exercise",
     [own_episode("e1", "2026-11-18T18:00:00Z", "2026-11-18T18:04:00Z", "after-exercise"),
      condition("p1", ICD, "I50.22", "Chronic systolic (congestive) heart failure", onset="2021-01-01")],
     ["discuss-fluid-targets"], ["hydration"], [], "I50.22 is heart failure: no fluid advice")
case("21-hypertensive-heart-disease-with-heart-failure",
     [own_episode("e1", "2026-11-18T18:00:00Z", "2026-11-18T18:04:00Z", "after-exercise"),
      condition("p1", ICD, "I11.0", "Hypertensive heart disease with heart failure")],
     ["discuss-fluid-targets"], ["hydration"], [], "I11.0 counts as heart failure")
case("22-diabetes-neuropathy-icd-e11-40",
     [cramp("c1", "2026-11-18T15:00:00-05:00"),
      condition("p1", ICD, "E11.40", "Type 2 diabetes mellitus with diabetic neuropathy, unspecified")],
     ["underlying-condition-review", "apply-heat"], [], ["caution-burn-risk"],
     "E11.4x is diabetes with neuropathy")
case("23-pregnancy-z33-1-thiazide-brand",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "Microzide 12.5 mg capsule"),
      condition("p1", ICD, "Z33.1", "Pregnant state, incidental")],
     [], ["medication-review"], ["maternity"], "pregnancy by Z33.1: no medication advice",
     birth="1994-07-12")
case("24-pregnancy-o-chapter",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "Lasix 20 mg"),
      condition("p1", ICD, "O26.893", "Other specified pregnancy related conditions, third trimester")],
     [], ["medication-review"], [], "the O chapter is pregnancy", birth="1994-07-12")
case("25-male-with-pregnancy-code",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "furosemide 40 mg tablet"),
      condition("p1", ICD, "Z33.1", "Pregnant state, incidental")],
     ["medication-review"], [], ["a pregnancy code on a patient whose sex is male"],
     "a conflict is reported and the safe reading wins", gender="male")
case("26-hypothyroidism-family",
     [cramp("c1", "2026-11-18T03:00:00-05:00"),
      condition("p1", ICD, "E03.8", "Other specified hypothyroidism")],
     ["underlying-condition-review"], [], [], "E03.* is hypothyroidism")
case("27-ckd-stage-4-loop-diuretic",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "Bumex 1 mg"),
      condition("p1", ICD, "N18.4", "Chronic kidney disease, stage 4 (severe)")],
     ["underlying-condition-review", "medication-review"], ["dietary-magnesium", "hydration"], [],
     "advanced kidney disease: no magnesium food advice")
case("28-alcohol-use-disorder-family",
     [cramp("c1", "2026-11-18T03:00:00-05:00"),
      condition("p1", ICD, "F10.20", "Alcohol dependence, uncomplicated")],
     ["underlying-condition-review", "limit-alcohol"], [], [], "F10.* is alcohol misuse")
case("29-cirrhosis-family",
     [cramp("c1", "2026-11-18T03:00:00-05:00"),
      condition("p1", ICD, "K74.60", "Unspecified cirrhosis of liver")],
     ["underlying-condition-review"], [], [], "K74.6* is cirrhosis")
case("30-active-and-refuted-heart-failure",
     [own_episode("e1", "2026-11-18T18:00:00Z", "2026-11-18T18:04:00Z", "after-exercise"),
      condition("p1", SNOMED, "84114007", "Heart failure", verification="refuted")],
     ["discuss-fluid-targets"], ["hydration"], ["conflicts with verificationStatus 'refuted'"],
     "contradictory statuses: reported, and the safe reading counts it")
# --- medicines by family, brand and combination ---
case("31-amlodipine-synthea-text",
     [cramp("c1", "2026-11-18T03:00:00-05:00"),
      med("m1", "amlodipine 2.5 MG Oral Tablet", kind="MedicationStatement")],
     ["medication-review"], [], ["dihydropyridine calcium channel blocker"],
     "amlodipine is a C08CA member")
case("32-lasix-brand",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "Lasix 40 mg tablet")],
     ["medication-review", "electrolyte-testing", "dietary-magnesium"], [], [],
     "Lasix is furosemide")
case("33-combination-amlodipine-atorvastatin",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "Amlodipine 5 MG / Atorvastatin 10 MG Oral Tablet")],
     ["medication-review"], [], ["statin", "dihydropyridine calcium channel blocker"],
     "every ingredient of a combination counts")
case("34-aleve-naproxen",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "Aleve 220 mg", kind="MedicationStatement")],
     ["medication-review"], [], ["naproxen"], "Aleve is naproxen")
case("35-ventolin",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "Ventolin HFA 90 mcg/actuation inhaler")],
     ["medication-review"], [], ["beta-2 agonist"], "Ventolin is salbutamol")
case("36-felodipine-atc-member",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "Felodipine ER 5 mg", ATC, "C08CA02")],
     ["medication-review"], [], [], "felodipine by ATC code")
case("37-milk-of-magnesia-not-a-supplement",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "Milk of Magnesia 400 mg/5 mL suspension"),
      lab("k1", K[0], K[1], 4.2, "mmol/L", "2026-11-10", code="mmol/L", low=3.5, high=5.1),
      lab("na1", "2951-2", "Sodium", 140, "mmol/L", "2026-11-10", code="mmol/L", low=135, high=145),
      lab("ca1", "17861-6", "Calcium", 9.4, "mg/dL", "2026-11-10", code="mg/dL", low=8.6, high=10.3),
      lab("mg1", "19123-9", "Magnesium", 2.0, "mg/dL", "2026-11-10", code="mg/dL", low=1.7, high=2.2)],
     [], ["clinician-visit"], ["not a magnesium supplement"],
     "milk of magnesia is not taken for a magnesium supplement")
case("38-magnesium-supplement-normal-electrolytes",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "Magnesium glycinate 200 mg supplement"),
      lab("k1", K[0], K[1], 4.2, "mmol/L", "2026-11-10", code="mmol/L", low=3.5, high=5.1),
      lab("na1", "2951-2", "Sodium", 140, "mmol/L", "2026-11-10", code="mmol/L", low=135, high=145),
      lab("ca1", "17861-6", "Calcium", 9.4, "mg/dL", "2026-11-10", code="mg/dL", low=8.6, high=10.3),
      lab("mg1", "19123-9", "Magnesium", 2.0, "mg/dL", "2026-11-10", code="mg/dL", low=1.7, high=2.2)],
     ["clinician-visit"], [], [], "cramps despite a magnesium supplement with normal electrolytes")
# --- labs as labs report them ---
case("39-egfr-unit-text-normalised",
     [cramp("c1", "2026-11-18T03:00:00-05:00"), med("m1", "furosemide 40 mg"),
      lab("g1", "98979-8", "eGFR (CKD-EPI 2021)", 11, "mL/min/1.73 m2", "2026-11-12")],
     ["underlying-condition-review"], ["dietary-magnesium", "hydration"], ["normalised to the UCUM unit"],
     "eGFR 11 with its unit as text")
case("40-old-low-potassium-newer-normal",
     [cramp("c1", "2026-11-18T03:00:00-05:00"),
      lab("k0", K[0], K[1], 3.0, "mmol/L", "2026-04-02", code="mmol/L", low=3.5, high=5.1, flag="L"),
      lab("k1", K[0], K[1], 4.3, "mmol/L", "2026-11-12", code="mmol/L", low=3.5, high=5.1, flag="N")],
     [], ["abnormal-lab-follow-up"], ["superseded by the newer potassium result"],
     "the newest result per analyte decides")
case("41-low-potassium-flag-only-unit-text",
     [cramp("c1", "2026-11-18T03:00:00-05:00"),
      lab("k1", K[0], K[1], 3.1, "mmol/l", "2026-11-12", flag="L")],
     ["abnormal-lab-follow-up"], [], [], "a flag with no range, and lower-case unit text")
case("42-impossible-potassium",
     [cramp("c1", "2026-11-18T03:00:00-05:00"),
      lab("k1", K[0], K[1], 31, "mmol/L", "2026-11-12", code="mmol/L", low=3.5, high=5.1, flag="HH")],
     [], ["abnormal-lab-follow-up"], ["is not a possible result"],
     "potassium 31 mmol/L is reported as a conflict and not used")
case("43-entered-in-error-low-potassium",
     [cramp("c1", "2026-11-18T03:00:00-05:00"),
      lab("k1", K[0], K[1], 2.8, "mmol/L", "2026-11-12", code="mmol/L", low=3.5, high=5.1,
          status="entered-in-error")],
     [], ["abnormal-lab-follow-up"], [], "an entered-in-error result does not exist")
# --- duplicates and the rest ---
case("44-same-cramp-sent-twice-same-identifier",
     [cramp("c1", "2026-11-18T03:00:00-05:00", identifier="FS-7781"),
      cramp("c1-resent", "2026-11-18T03:00:00-05:00", identifier="FS-7781", severity=6)],
     ["stretch-affected-muscle"], [],
     ["2 cramp records found: 1 used, 1 merged as duplicates, 0 not usable"],
     "the same cramp twice counts once", kind="collection")
case("45-same-cramp-twice-same-code-site-onset",
     [cramp("c1", "2026-11-18T03:00:00-05:00", site=CALF),
      cramp("c2", "2026-11-18T03:00:00-05:00", site=CALF)],
     ["stretch-affected-muscle"], [], ["1 merged as duplicates"], "", kind="transaction")
case("46-under-18",
     [cramp("c1", "2026-11-18T03:00:00-05:00")],
     [], ["stretch-affected-muscle"], ["adults"], "no plan under 18", birth="2012-01-15")
case("47-entered-in-error-cramp-only",
     [cramp("c1", "2026-11-18T03:00:00-05:00", status="entered-in-error")],
     [], ["stretch-affected-muscle"], [], "an entered-in-error cramp does not exist")
case("48-cramp-before-the-window",
     [condition("p1", ICD, "R25.2", "Cramp and spasm", onset="2026-09-20")],
     [], ["stretch-affected-muscle"], ["started before the 28-day window"],
     "a cramp 2 months ago makes no self-care plan")


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = ["# file\texpected advice\tforbidden advice\tthe summary says\twhy"]
    for name, b, expect, forbid, says, why in CASES:
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(b, f, indent=2)
            f.write("\n")
        rows.append("\t".join([name + ".json", " ".join(expect), " ".join(forbid), " | ".join(says), why]))
    with open(os.path.join(OUT, "cases.tsv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    print(len(CASES), "charts written to", OUT)


if __name__ == "__main__":
    main()
