package org.crampcare.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.LabResult;
import org.crampcare.patient.Condition;
import org.crampcare.patient.Medication;
import org.crampcare.patient.PatientContext;
import org.crampcare.patient.Sex;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * One import: the indexed input, the report and what has been mapped so far. Created per call and
 * confined to it, so the importer itself holds no mutable state.
 */
final class ImportRun {
  final InboundIndex index;
  final InboundReport report = new InboundReport();
  final Instant asOf;
  final LocalDate asOfDate;
  final Period labMaxAge;

  final List<Condition> conditions = new ArrayList<>();
  final List<Medication> medications = new ArrayList<>();
  final List<LabResult> labs = new ArrayList<>();
  final List<CrampEpisode> episodes = new ArrayList<>();
  final List<ImportResult.MedicationMatch> medicationMatches = new ArrayList<>();
  final InboundSigns signs = new InboundSigns();
  boolean pregnant;
  final List<SignFinding> findings = new ArrayList<>();

  /** The records that said the patient is pregnant. */
  final List<InboundEntry> pregnancyRecords = new ArrayList<>();

  /** Cramp records seen (Observations and Conditions), however they turned out. */
  int crampRecordsFound;

  /** Cramp records that were the same cramp as one already counted. */
  int crampRecordsMerged;

  /** Cramp records that could not be used, each reported with the reason. */
  int crampRecordsNotUsable;

  /** Why the last {@link #sameCramp} matched, for the report. */
  String lastMergeReason = "";

  private final Map<String, String> episodeByIdentifier = new HashMap<>();
  private final Map<String, String> episodeByCodeSiteOnset = new HashMap<>();

  private final Set<String> usedIds = new HashSet<>();
  private @Nullable InboundEntry patientEntry;

  ImportRun(InboundIndex index, Instant asOf, Period labMaxAge) {
    this.index = index;
    this.asOf = asOf;
    this.asOfDate = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
    this.labMaxAge = labMaxAge;
  }

  /** Maps every resource and returns the result. */
  ImportResult run() {
    InboundEntry patient = findPatient();
    patientEntry = patient;
    PatientReader.Facts facts = PatientReader.read(this, patient);
    for (InboundEntry entry : index.entries()) {
      Resource resource = entry.resource();
      if (entry == patient) {
        continue;
      }
      String type = entry.type();
      // The types read here are FhirImporter.RESOURCE_TYPES_READ; keep the two in step
      // (ResourceTypesReadTest): callers leave every other type unparsed.
      if ("Observation".equals(type)) {
        ObservationReader.read(this, entry);
      } else if ("Condition".equals(type)) {
        ConditionReader.read(this, entry);
      } else if ("MedicationRequest".equals(type) || "MedicationStatement".equals(type)) {
        MedicationReader.read(this, entry);
      } else if ("QuestionnaireResponse".equals(type)) {
        DiaryReader.read(this, entry, (org.hl7.fhir.r4.model.QuestionnaireResponse) resource);
      } else if (resource instanceof Patient) {
        throw new AssertionError("a second Patient passed findPatient: " + entry.label());
      }
    }
    signs.attach(this);
    episodes.sort(Comparator.comparing(CrampEpisode::onset).thenComparing(CrampEpisode::id));

    if (pregnant && facts.sex() == Sex.MALE) {
      // A pregnancy code on a male record is a data error; read as pregnant, he would get no
      // medication review (safety rule 9), so the safe reading is not pregnant, reported.
      pregnant = false;
      for (InboundEntry record : pregnancyRecords) {
        record.disposition(InboundEntry.Disposition.NOT_USED);
        report.warning(
            record,
            IssueType.CONFLICT,
            "code",
            "a pregnancy code on a patient whose sex is male: not read as pregnant (the safe"
                + " reading keeps medication advice); check the record");
      }
    }
    PatientContext.Builder builder = PatientContext.builder(facts.birthDate(), facts.sex());
    facts.id().ifPresent(builder::id);
    builder.pregnant(pregnant);
    conditions.forEach(builder::condition);
    medications.forEach(m -> builder.medication(m.id(), m.medicationClass(), m.name()));
    labs.forEach(builder::lab);
    findings.forEach(builder::finding);

    int mapped = 0;
    int notUsed = 0;
    int irrelevant = 0;
    for (InboundEntry entry : index.entries()) {
      switch (entry.disposition()) {
        case MAPPED:
          mapped++;
          break;
        case NOT_USED:
          notUsed++;
          break;
        case IRRELEVANT:
          irrelevant++;
          break;
      }
    }
    int read = index.entries().size();
    OperationOutcome outcome = report.build(read, mapped, notUsed, irrelevant);
    ImportResult.CrampRecords records =
        new ImportResult.CrampRecords(
            crampRecordsFound, episodes.size(), crampRecordsMerged, crampRecordsNotUsable);
    return new ImportResult(
        builder.build(),
        episodes,
        outcome,
        medicationMatches,
        read,
        mapped,
        notUsed,
        irrelevant,
        records);
  }

  private InboundEntry findPatient() {
    List<InboundEntry> patients = new ArrayList<>();
    for (InboundEntry entry : index.entries()) {
      if (entry.resource() instanceof Patient) {
        patients.add(entry);
      }
    }
    if (patients.isEmpty()) {
      throw new FhirMappingException(
          "no Patient resource in the input; expected exactly one Patient (a patient's"
              + " $everything, a searchset, collection, transaction or batch bundle with the"
              + " Patient)");
    }
    if (patients.size() > 1) {
      List<String> labels = new ArrayList<>();
      patients.forEach(p -> labels.add(p.label()));
      throw new FhirMappingException(
          patients.size()
              + " Patient resources in the input ("
              + String.join(", ", labels)
              + "); expected exactly one: import one patient at a time");
    }
    return patients.get(0);
  }

  /**
   * Checks the reference to the patient a resource is about. A resource that names no subject is
   * taken to be about the input's patient; one that names another patient, or anything that is not
   * the input's Patient, is reported and not used.
   *
   * @return whether the resource may be used
   */
  boolean aboutPatient(InboundEntry entry, Reference subject, String element) {
    if (subject.isEmpty() || !subject.hasReference() && subject.getResource() == null) {
      return true;
    }
    InboundEntry patient = patientEntry;
    if (patient == null) {
      throw new AssertionError("aboutPatient before the Patient was found");
    }
    Optional<InboundIndex.Target> target = index.resolve(entry.resource(), subject);
    if (target.isPresent() && target.get().entry() == patient) {
      return true;
    }
    report.notUsed(
        entry,
        IssueType.BUSINESSRULE,
        element,
        element
            + " '"
            + describe(subject)
            + "' is not the input's "
            + patient.label()
            + "; only that patient's data is used");
    return false;
  }

  private static String describe(Reference reference) {
    String ref = reference.getReference();
    return ref == null ? "(contained resource)" : ref;
  }

  /** Reports a cramp record that could not be used, and counts it as found and not usable. */
  void crampRecordNotUsable(InboundEntry entry, IssueType type, String element, String why) {
    crampRecordsFound++;
    crampRecordNotUsableCounted(entry, type, element, why);
  }

  /** Reports a cramp record already counted as found that could not be used. */
  void crampRecordNotUsableCounted(InboundEntry entry, IssueType type, String element, String why) {
    crampRecordsNotUsable++;
    report.notUsed(entry, type, element, why);
  }

  /**
   * Returns the id of an episode already taken that is the same cramp (the same identifier, or the
   * same code, site and onset), and remembers this one otherwise.
   */
  Optional<String> sameCramp(CrampEpisode episode, List<String> identifiers, String code) {
    for (String identifier : identifiers) {
      String seen = episodeByIdentifier.get(identifier);
      if (seen != null) {
        lastMergeReason = "same identifier " + identifier;
        return Optional.of(seen);
      }
    }
    String key = code + "|" + episode.siteText() + "|" + episode.onset();
    String seen = episodeByCodeSiteOnset.get(key);
    if (seen != null) {
      lastMergeReason = "same code " + code + ", site and onset " + episode.onsetText();
      return Optional.of(seen);
    }
    identifiers.forEach(i -> episodeByIdentifier.putIfAbsent(i, episode.id()));
    episodeByCodeSiteOnset.put(key, episode.id());
    return Optional.empty();
  }

  /**
   * Claims an id for a mapped item; a second resource with the same id (a duplicate entry) is
   * reported and not used.
   *
   * @return whether the id was free
   */
  boolean claim(InboundEntry entry, String id) {
    if (usedIds.add(id)) {
      return true;
    }
    report.leftOut(
        entry,
        IssueType.DUPLICATE,
        "",
        "appears more than once in the input; the first occurrence is used");
    return false;
  }

  /**
   * Returns the id for items mapped from the entry, or reports that it has none.
   *
   * @return the key, or empty when the resource has neither an id nor a fullUrl
   */
  Optional<String> keyOf(InboundEntry entry) {
    String key = entry.key();
    if (key == null) {
      report.notUsed(
          entry,
          IssueType.REQUIRED,
          "id",
          "has neither an id nor an entry fullUrl, so nothing mapped from it could refer back to"
              + " it; give the resource an id");
      return Optional.empty();
    }
    return Optional.of(key);
  }
}
