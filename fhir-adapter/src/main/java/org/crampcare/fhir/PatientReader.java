package org.crampcare.fhir;

import java.time.LocalDate;
import java.util.Optional;
import org.crampcare.patient.Sex;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;

/** Maps the Patient: birth date (required) and administrative gender. */
final class PatientReader {
  private PatientReader() {}

  /**
   * What the core model takes from the Patient.
   *
   * @param id the bare Patient id (or the entry's urn when the resource has no id)
   * @param birthDate the birth date, the first day of the year or month for partial dates
   * @param sex the administrative sex, {@link Sex#UNKNOWN} when not given
   */
  record Facts(Optional<String> id, LocalDate birthDate, Sex sex) {}

  static Facts read(ImportRun run, InboundEntry entry) {
    Patient patient = (Patient) entry.resource();
    entry.disposition(InboundEntry.Disposition.MAPPED);
    String plain = InboundIndex.plainId(patient);
    Optional<String> id = Optional.ofNullable(plain != null ? plain : entry.key());

    if (!patient.hasBirthDateElement()
        || patient.getBirthDateElement().getValueAsString() == null) {
      throw new FhirMappingException(
          entry.label()
              + ": birthDate is missing; it is required to compute the patient's age (the advice is"
              + " for adults only)");
    }
    InboundDates.FhirTime birth =
        InboundDates.read(patient.getBirthDateElement())
            .orElseThrow(
                () ->
                    new FhirMappingException(
                        entry.label()
                            + ": birthDate is not a valid FHIR date; expected YYYY-MM-DD"));
    if (birth.date().isAfter(run.asOfDate)) {
      throw new FhirMappingException(
          entry.label()
              + ": birthDate is after the import date "
              + run.asOfDate
              + "; expected a birth date in the past");
    }
    if (!birth.atLeastDay()) {
      run.report.note(
          entry,
          IssueType.INCOMPLETE,
          "birthDate",
          "birthDate has "
              + birth.precision().name().toLowerCase(java.util.Locale.ROOT)
              + " precision; taken as the first day of that "
              + birth.precision().name().toLowerCase(java.util.Locale.ROOT)
              + ", so the age may be up to a year too high");
    }

    Sex sex = Sex.UNKNOWN;
    AdministrativeGender gender = patient.getGender();
    if (gender == null || gender == AdministrativeGender.NULL) {
      run.report.note(
          entry, IssueType.INCOMPLETE, "gender", "gender is missing; sex taken as unknown");
    } else {
      switch (gender) {
        case FEMALE:
          sex = Sex.FEMALE;
          break;
        case MALE:
          sex = Sex.MALE;
          break;
        case OTHER:
          sex = Sex.OTHER;
          break;
        default:
          sex = Sex.UNKNOWN;
          break;
      }
    }
    return new Facts(id, birth.date(), sex);
  }
}
