package org.crampcare.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.crampcare.patient.Medication;
import org.crampcare.patient.MedicationClass;
import org.crampcare.terminology.CodeSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;

/**
 * Maps MedicationRequest and MedicationStatement (status {@code active}) to medications by class.
 * The medication is the request's {@code medicationCodeableConcept}, or the Medication its {@code
 * medicationReference} points at (contained, or in the input by fullUrl or {@code Type/id}); its
 * {@code code} and its ingredients' codes are matched as {@link InboundMedicationCodes} describes,
 * and the way each match was made is kept ({@link ImportResult#medicationMatches()}) and noted in
 * the report. Medications in no cramp-relevant class are irrelevant: counted, not listed.
 */
final class MedicationReader {
  private MedicationReader() {}

  /** What the medication is: the concepts to match and the Medication entry, if any. */
  private record Subject(List<CodeableConcept> concepts, @Nullable InboundEntry medicationEntry) {}

  /** A recognised medication. */
  private record Found(
      MedicationClass medicationClass, ImportResult.MatchMethod method, String matched) {}

  static void read(ImportRun run, InboundEntry entry) {
    String status;
    Type medication;
    Reference patient;
    if (entry.resource() instanceof MedicationRequest) {
      MedicationRequest request = (MedicationRequest) entry.resource();
      status = request.getStatusElement().getValueAsString();
      medication = request.getMedication();
      patient = request.getSubject();
    } else {
      MedicationStatement statement = (MedicationStatement) entry.resource();
      status = statement.getStatusElement().getValueAsString();
      medication = statement.getMedication();
      patient = statement.getSubject();
    }
    Optional<Subject> subject = subject(run, entry, medication);
    if (subject.isEmpty()) {
      return;
    }
    List<Found> all = match(subject.get().concepts());
    if (all.isEmpty()) {
      magnesiumNotASupplement(run, entry, subject.get().concepts());
      return;
    }
    Optional<Found> found = Optional.of(all.get(0));
    if (!usableStatus(run, entry, status, found.get())) {
      return;
    }
    if (!run.aboutPatient(entry, patient, "subject")) {
      return;
    }
    Optional<String> id = run.keyOf(entry);
    if (id.isEmpty() || !run.claim(entry, id.get())) {
      return;
    }
    for (Found match : all) {
      add(run, entry, medication, subject.get(), id.get(), match);
    }
  }

  private static void add(
      ImportRun run, InboundEntry entry, Type medication, Subject subject, String id, Found match) {
    run.medications.add(new Medication(id, match.medicationClass(), name(subject, match)));
    run.medicationMatches.add(
        new ImportResult.MedicationMatch(
            id, match.medicationClass(), match.method(), match.matched()));
    entry.disposition(InboundEntry.Disposition.MAPPED);
    InboundEntry medicationEntry = subject.medicationEntry();
    if (medicationEntry != null) {
      medicationEntry.disposition(InboundEntry.Disposition.MAPPED);
    }
    run.report.note(
        entry,
        IssueType.INFORMATIONAL,
        medication instanceof Reference ? "medicationReference" : "medicationCodeableConcept",
        "recognised as "
            + match.medicationClass().display()
            + " by "
            + describe(match.method())
            + " '"
            + match.matched()
            + "'");
  }

  private static String describe(ImportResult.MatchMethod method) {
    switch (method) {
      case RXNORM_INGREDIENT:
        return "RxNorm ingredient";
      case RXNORM_CLINICAL_DRUG:
        return "RxNorm clinical drug";
      case ATC_CLASS:
        return "ATC code";
      case BRAND_NAME:
        return "brand name";
      case INGREDIENT_NAME:
        return "ingredient name";
      default:
        throw new AssertionError(method);
    }
  }

  private static Optional<Subject> subject(
      ImportRun run, InboundEntry entry, @Nullable Type medication) {
    if (medication instanceof CodeableConcept) {
      return Optional.of(new Subject(List.of((CodeableConcept) medication), null));
    }
    if (medication instanceof Reference && !medication.isEmpty()) {
      Reference reference = (Reference) medication;
      Optional<InboundIndex.Target> target = run.index.resolve(entry.resource(), reference);
      if (target.isPresent()
          && target.get().resource() instanceof org.hl7.fhir.r4.model.Medication) {
        org.hl7.fhir.r4.model.Medication resolved =
            (org.hl7.fhir.r4.model.Medication) target.get().resource();
        List<CodeableConcept> concepts = new ArrayList<>();
        concepts.add(resolved.getCode());
        for (org.hl7.fhir.r4.model.Medication.MedicationIngredientComponent ingredient :
            resolved.getIngredient()) {
          if (ingredient.hasItemCodeableConcept()) {
            concepts.add(ingredient.getItemCodeableConcept());
          }
        }
        addDisplay(concepts, reference);
        return Optional.of(new Subject(concepts, target.get().entry()));
      }
      if (reference.hasDisplay()) {
        List<CodeableConcept> concepts = new ArrayList<>();
        addDisplay(concepts, reference);
        return Optional.of(new Subject(concepts, null));
      }
      run.report.notUsed(
          entry,
          IssueType.NOTFOUND,
          "medicationReference",
          "medicationReference '"
              + (reference.getReference() == null ? "" : reference.getReference())
              + "' does not resolve to a Medication in the input or contained in the resource;"
              + " what was prescribed cannot be told");
      return Optional.empty();
    }
    run.report.notUsed(
        entry,
        IssueType.REQUIRED,
        "medication[x]",
        "medication[x] is missing; what was prescribed cannot be told");
    return Optional.empty();
  }

  private static void addDisplay(List<CodeableConcept> concepts, Reference reference) {
    if (reference.hasDisplay()) {
      concepts.add(new CodeableConcept().setText(reference.getDisplay()));
    }
  }

  /**
   * Reports a magnesium product that is not read as a supplement: a laxative or antacid, or one
   * whose use the record does not say (knowledge base F: say so rather than guess).
   */
  private static void magnesiumNotASupplement(
      ImportRun run, InboundEntry entry, List<CodeableConcept> concepts) {
    for (CodeableConcept concept : concepts) {
      for (String text : texts(concept)) {
        InboundMedicationCodes.Magnesium magnesium = InboundMedicationCodes.magnesium(text);
        if (magnesium == InboundMedicationCodes.Magnesium.LAXATIVE_OR_ANTACID) {
          run.report.leftOut(
              entry,
              IssueType.INFORMATIONAL,
              "medication[x]",
              "'"
                  + text
                  + "' is a magnesium laxative or antacid (ATC A06AD, A02AA), not a magnesium"
                  + " supplement");
          return;
        }
        if (magnesium == InboundMedicationCodes.Magnesium.UNCLEAR) {
          run.report.notUsed(
              entry,
              IssueType.CODEINVALID,
              "medication[x]",
              "'"
                  + text
                  + "' names magnesium, but not whether it is a supplement (A12CC), a laxative"
                  + " (A06AD) or an antacid (A02AA): not guessed; an ATC code would settle it");
          return;
        }
      }
    }
  }

  /** Matches in the knowledge base's order: ingredient RXCUI, clinical drug, ATC, name. */
  private static List<Found> match(List<CodeableConcept> concepts) {
    Optional<Found> coded = matchCode(concepts);
    if (coded.isPresent()) {
      return List.of(coded.get());
    }
    List<Found> found = new ArrayList<>();
    for (CodeableConcept concept : concepts) {
      for (String text : texts(concept)) {
        for (InboundMedicationCodes.Name name : InboundMedicationCodes.names(text)) {
          if (found.stream().noneMatch(f -> f.medicationClass() == name.medicationClass())) {
            found.add(
                new Found(
                    name.medicationClass(),
                    name.brand()
                        ? ImportResult.MatchMethod.BRAND_NAME
                        : ImportResult.MatchMethod.INGREDIENT_NAME,
                    name.name()));
          }
        }
        if (InboundMedicationCodes.magnesium(text) == InboundMedicationCodes.Magnesium.SUPPLEMENT
            && found.stream()
                .noneMatch(f -> f.medicationClass() == MedicationClass.MAGNESIUM_SUPPLEMENT)) {
          found.add(
              new Found(
                  MedicationClass.MAGNESIUM_SUPPLEMENT,
                  ImportResult.MatchMethod.INGREDIENT_NAME,
                  "magnesium supplement"));
        }
      }
    }
    return found;
  }

  private static Optional<Found> matchCode(List<CodeableConcept> concepts) {
    for (CodeableConcept concept : concepts) {
      for (String code : ObservationReader.codes(concept, CodeSystems.RXNORM)) {
        Optional<MedicationClass> c = InboundMedicationCodes.rxnormIngredient(code.trim());
        if (c.isPresent()) {
          return Optional.of(
              new Found(c.get(), ImportResult.MatchMethod.RXNORM_INGREDIENT, code.trim()));
        }
      }
    }
    for (CodeableConcept concept : concepts) {
      for (String code : ObservationReader.codes(concept, CodeSystems.RXNORM)) {
        Optional<MedicationClass> c = InboundMedicationCodes.rxnormClinicalDrug(code.trim());
        if (c.isPresent()) {
          return Optional.of(
              new Found(c.get(), ImportResult.MatchMethod.RXNORM_CLINICAL_DRUG, code.trim()));
        }
      }
    }
    for (CodeableConcept concept : concepts) {
      for (String code : ObservationReader.codes(concept, CodeSystems.ATC)) {
        Optional<MedicationClass> c = InboundMedicationCodes.atc(code);
        if (c.isPresent()) {
          return Optional.of(new Found(c.get(), ImportResult.MatchMethod.ATC_CLASS, code.trim()));
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> texts(CodeableConcept concept) {
    List<String> texts = new ArrayList<>();
    if (concept.getText() != null) {
      texts.add(concept.getText());
    }
    for (Coding coding : concept.getCoding()) {
      if (coding.getDisplay() != null) {
        texts.add(coding.getDisplay());
      }
    }
    return texts;
  }

  /** Returns the name as recorded: the first text or display, else what matched. */
  private static String name(Subject subject, Found match) {
    for (CodeableConcept concept : subject.concepts()) {
      for (String text : texts(concept)) {
        if (!text.isBlank()) {
          return text.trim();
        }
      }
    }
    return match.matched();
  }

  private static boolean usableStatus(
      ImportRun run, InboundEntry entry, @Nullable String status, Found match) {
    if (status == null || status.isBlank()) {
      run.report.notUsed(
          entry,
          IssueType.REQUIRED,
          "status",
          "status is missing or not a valid code; expected active (a "
              + match.medicationClass().display()
              + ")");
      return false;
    }
    if ("active".equals(status)) {
      return true;
    }
    if ("entered-in-error".equals(status)) {
      run.report.leftOut(
          entry, IssueType.INFORMATIONAL, "status", "status 'entered-in-error': ignored");
      return false;
    }
    run.report.leftOut(
        entry,
        IssueType.BUSINESSRULE,
        "status",
        "status '"
            + status
            + "' is not active; only active medications are used ("
            + match.medicationClass().display()
            + ")");
    return false;
  }
}
