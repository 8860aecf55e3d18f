package org.crampcare.fhir;

import java.util.Optional;
import org.crampcare.patient.ConditionKind;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;

/**
 * Maps Conditions coded in SNOMED CT or ICD-10-CM ({@link InboundCodes}): core conditions (with the
 * kidney disease stage), pregnancy, associated signs, and reports relevant codes the core model has
 * no place for.
 *
 * <p>Used only when {@code clinicalStatus} is active, recurrence or relapse, or absent (taken as
 * active, with a note: FHIR requires it except for entered-in-error records, but older systems omit
 * it), and {@code verificationStatus} is not refuted or entered-in-error.
 */
final class ConditionReader {
  private ConditionReader() {}

  static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical";
  static final String VERIFICATION_STATUS =
      "http://terminology.hl7.org/CodeSystem/condition-ver-status";

  /** A recognised coding and what it means. */
  record Match(String system, String code, InboundCodes.ConditionCode meaning) {
    String describe() {
      return code + " (" + meaning.display() + ")";
    }
  }

  /** Returns the first coding of the concept that the tables know. */
  static Optional<Match> match(CodeableConcept concept) {
    for (Coding coding : concept.getCoding()) {
      String system = coding.getSystem();
      String code = coding.getCode();
      if (system == null || code == null) {
        continue;
      }
      Optional<InboundCodes.ConditionCode> meaning = InboundCodes.lookup(system, code.trim());
      if (meaning.isPresent()) {
        return Optional.of(new Match(system, code.trim(), meaning.get()));
      }
    }
    return Optional.empty();
  }

  static void read(ImportRun run, InboundEntry entry) {
    Condition condition = (Condition) entry.resource();
    Optional<Match> found = match(condition.getCode());
    if (found.isEmpty()) {
      return;
    }
    Match match = found.get();
    boolean cramp = match.meaning().meaning() == InboundCodes.Meaning.CRAMP;
    if (!usableStatus(run, entry, condition, cramp)) {
      return;
    }
    if (!run.aboutPatient(entry, condition.getSubject(), "subject")) {
      return;
    }
    InboundCodes.ConditionCode meaning = match.meaning();
    switch (meaning.meaning()) {
      case CONDITION:
        readCondition(run, entry, match);
        break;
      case PREGNANCY:
        run.pregnant = true;
        run.pregnancyRecords.add(entry);
        entry.disposition(InboundEntry.Disposition.MAPPED);
        break;
      case SIGN:
        if (meaning.sign() == null) {
          throw new AssertionError(match.describe());
        }
        InboundSigns.readCondition(run, entry, condition, meaning.sign());
        break;
      case CRAMP:
        EpisodeReader.readCondition(run, entry, condition, match);
        break;
      case UNSUPPORTED:
        run.report.leftOut(
            entry,
            IssueType.NOTSUPPORTED,
            "code",
            "code "
                + match.describe()
                + " is relevant to cramps but the core model has no place for it yet");
        return;
      default:
        throw new AssertionError(meaning.meaning());
    }
    if (entry.disposition() == InboundEntry.Disposition.MAPPED) {
      meaning
          .note()
          .ifPresent(note -> run.report.note(entry, IssueType.INFORMATIONAL, "code", note));
    }
  }

  private static void readCondition(ImportRun run, InboundEntry entry, Match match) {
    ConditionKind kind = match.meaning().kind();
    if (kind == null) {
      throw new AssertionError(match.describe());
    }
    Optional<String> id = run.keyOf(entry);
    if (id.isEmpty() || !run.claim(entry, id.get())) {
      return;
    }
    run.conditions.add(
        new org.crampcare.patient.Condition(id.get(), kind, match.meaning().ckdStage()));
    match
        .meaning()
        .alsoKind()
        .ifPresent(
            second ->
                run.conditions.add(
                    new org.crampcare.patient.Condition(id.get(), second, Optional.empty())));
    entry.disposition(InboundEntry.Disposition.MAPPED);
  }

  /**
   * Checks the statuses. A cramp recorded as a Condition is an occurrence at its onset: resolved or
   * inactive, it still happened, so only its verification status can rule it out.
   */
  private static boolean usableStatus(
      ImportRun run, InboundEntry entry, Condition condition, boolean cramp) {
    String verification = statusCode(condition.getVerificationStatus(), VERIFICATION_STATUS);
    String clinical = statusCode(condition.getClinicalStatus(), CLINICAL_STATUS);
    boolean active =
        "active".equals(clinical) || "recurrence".equals(clinical) || "relapse".equals(clinical);
    if (!cramp && "refuted".equals(verification) && active) {
      // Contradictory: every condition CrampCare reads makes its advice more cautious, so the
      // safe reading is to count it, and say so.
      run.report.warning(
          entry,
          IssueType.CONFLICT,
          "verificationStatus",
          "clinicalStatus '"
              + clinical
              + "' conflicts with verificationStatus 'refuted': counted as active, the safe"
              + " reading (advice is only ever more cautious for it); check the record");
      return true;
    }
    if ("refuted".equals(verification) || "entered-in-error".equals(verification)) {
      run.report.leftOut(
          entry,
          IssueType.INFORMATIONAL,
          "verificationStatus",
          "verificationStatus '" + verification + "': ignored");
      return false;
    }
    if (cramp) {
      return true;
    }
    if (clinical == null) {
      run.report.note(
          entry,
          IssueType.INCOMPLETE,
          "clinicalStatus",
          "clinicalStatus is missing; taken as active");
      return true;
    }
    if (active) {
      return true;
    }
    run.report.leftOut(
        entry,
        IssueType.BUSINESSRULE,
        "clinicalStatus",
        "clinicalStatus '" + clinical + "' is not active; only active conditions are used");
    return false;
  }

  /** Returns the code in the given system (or without a system), or null when there is none. */
  private static @Nullable String statusCode(CodeableConcept concept, String system) {
    for (Coding coding : concept.getCoding()) {
      String code = coding.getCode();
      if (code != null
          && !code.isBlank()
          && (coding.getSystem() == null || system.equals(coding.getSystem()))) {
        return code.trim();
      }
    }
    return null;
  }
}
