package org.crampcare.patient;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.LabResult;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about the patient that bears on cramps.
 *
 * @param id the patient's identifier (a FHIR Patient id, for example), when known
 * @param birthDate date of birth; age is computed at an explicit "as of" date
 * @param sex administrative sex
 * @param pregnant whether the patient is pregnant
 * @param conditions active conditions, in the order given
 * @param medications active medications, in the order given
 * @param labs laboratory results, in the order given
 * @param lifestyle lifestyle facts
 * @param findings signs recorded on their own (examination findings, problem-list entries), in the
 *     order given; the assessor weighs those in the window, and every ongoing one
 */
public record PatientContext(
    Optional<String> id,
    LocalDate birthDate,
    Sex sex,
    boolean pregnant,
    List<Condition> conditions,
    List<Medication> medications,
    List<LabResult> labs,
    Lifestyle lifestyle,
    List<SignFinding> findings) {

  /** Copies the lists and checks that ids are unique within each list. */
  public PatientContext {
    conditions = ImmutableList.copyOf(conditions);
    medications = ImmutableList.copyOf(medications);
    labs = ImmutableList.copyOf(labs);
    findings = ImmutableList.copyOf(findings);
    unique(
        "conditions", conditions.stream().map(c -> c.id() + " (" + c.kind().code() + ")").toList());
    unique(
        "medications",
        medications.stream().map(m -> m.id() + " (" + m.medicationClass().code() + ")").toList());
    unique("labs", labs.stream().map(LabResult::id).toList());
  }

  private static void unique(String field, List<String> ids) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      checkArgument(seen.add(id), "patient.%s: id '%s' appears more than once", field, id);
    }
  }

  /**
   * Returns the age in whole years on the given date.
   *
   * @throws IllegalArgumentException if the date is before the birth date
   */
  public int ageOn(LocalDate date) {
    checkArgument(
        !date.isBefore(birthDate),
        "patient.birthDate %s is after the assessment date %s; expected a birth date in the past",
        birthDate,
        date);
    return Period.between(birthDate, date).getYears();
  }

  /** Returns whether the patient has an active condition of the given kind. */
  public boolean has(ConditionKind kind) {
    return conditions.stream().anyMatch(c -> c.kind() == kind);
  }

  /** Returns whether the patient takes a medication of the given class. */
  public boolean takes(MedicationClass medicationClass) {
    return medications.stream().anyMatch(m -> m.medicationClass() == medicationClass);
  }

  /** Starts a builder. */
  public static Builder builder(LocalDate birthDate, Sex sex) {
    return new Builder(birthDate, sex);
  }

  /** A mutable builder of {@link PatientContext}; not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private final LocalDate birthDate;
    private final Sex sex;
    private boolean pregnant;
    private final List<Condition> conditions = new ArrayList<>();
    private final List<Medication> medications = new ArrayList<>();
    private final List<LabResult> labs = new ArrayList<>();
    private Lifestyle lifestyle = Lifestyle.unknown();
    private final List<SignFinding> findings = new ArrayList<>();

    private Builder(LocalDate birthDate, Sex sex) {
      this.birthDate = birthDate;
      this.sex = sex;
    }

    /** Sets the patient id. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets pregnancy. */
    public Builder pregnant(boolean pregnant) {
      this.pregnant = pregnant;
      return this;
    }

    /** Adds a condition. */
    public Builder condition(Condition condition) {
      conditions.add(condition);
      return this;
    }

    /** Adds a condition without a stage. */
    public Builder condition(String id, ConditionKind kind) {
      return condition(Condition.of(id, kind));
    }

    /** Adds a medication. */
    public Builder medication(String id, MedicationClass medicationClass, String name) {
      medications.add(new Medication(id, medicationClass, name));
      return this;
    }

    /** Adds a laboratory result. */
    public Builder lab(LabResult lab) {
      labs.add(lab);
      return this;
    }

    /** Adds a sign recorded on its own. */
    public Builder finding(SignFinding finding) {
      findings.add(finding);
      return this;
    }

    /** Sets the lifestyle. */
    public Builder lifestyle(Lifestyle lifestyle) {
      this.lifestyle = lifestyle;
      return this;
    }

    /** Builds the context. */
    public PatientContext build() {
      return new PatientContext(
          Optional.ofNullable(id),
          birthDate,
          sex,
          pregnant,
          conditions,
          medications,
          labs,
          lifestyle,
          findings);
    }
  }
}
