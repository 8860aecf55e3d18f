package org.crampcare.fhir;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * What {@link FhirImporter} made of an EHR's data: the core model, and a report of everything that
 * could not be used.
 *
 * <p>Ids of mapped items are typed references to the resources they came from ({@code
 * Condition/abc}, {@code MedicationRequest/x}, {@code Observation/123}), or the entry's {@code
 * urn:uuid:} fullUrl when the resource has no id. {@code patient().id()} is the bare Patient id.
 *
 * <p>Every resource read is counted in exactly one of {@link #resourcesMapped()}, {@link
 * #resourcesNotUsed()} and {@link #resourcesIrrelevant()}. A lab older than the lab age limit is
 * mapped (the assessment lists it as unused evidence) and carries an information issue; it is not
 * counted as not used.
 *
 * @param patient the patient, with conditions, medications and labs
 * @param episodes the cramp episodes, by onset then id, with the associated signs attached
 * @param report the mapping report: one issue per relevant resource that could not be used (and
 *     information issues on caveats), then one information issue with the counts; a copy is
 *     returned on each call
 * @param medicationMatches how each mapped medication was recognised, in input order
 * @param resourcesRead how many resources were read (bundle entries with a resource)
 * @param resourcesMapped how many reached the core model
 * @param resourcesNotUsed how many were relevant to cramps but not used (each is in the report)
 * @param resourcesIrrelevant how many have nothing to do with cramps (counted, not listed)
 * @param crampRecords how many cramp records were found, used, merged and not usable
 */
public record ImportResult(
    PatientContext patient,
    List<CrampEpisode> episodes,
    OperationOutcome report,
    List<MedicationMatch> medicationMatches,
    int resourcesRead,
    int resourcesMapped,
    int resourcesNotUsed,
    int resourcesIrrelevant,
    CrampRecords crampRecords) {

  /**
   * What became of the cramp records (Observations and Conditions) in the input, so that no output
   * claims "no episodes" when records were found but not used.
   *
   * @param found every cramp record seen
   * @param used those that became an episode
   * @param merged those that were the same cramp as another record, counted once
   * @param notUsable those that could not be used; each is in the report with its reason
   */
  public record CrampRecords(int found, int used, int merged, int notUsable) {
    /** Returns a sentence such as "4 cramp records found: 2 used, 1 merged as duplicates...". */
    public String describe() {
      return found
          + " cramp record"
          + (found == 1 ? "" : "s")
          + " found: "
          + used
          + " used, "
          + merged
          + " merged as duplicates, "
          + notUsable
          + " not usable"
          + (notUsable > 0 ? " (reasons in the mapping report)" : "");
    }
  }

  /** How a medication was recognised, in the order the importer tries them. */
  public enum MatchMethod {
    /** An RxNorm ingredient RXCUI (knowledge base A5). */
    RXNORM_INGREDIENT,
    /** An RxNorm clinical-drug code from the curated table (knowledge base E). */
    RXNORM_CLINICAL_DRUG,
    /** An ATC code under one of the class's prefixes. */
    ATC_CLASS,
    /** An ingredient name in the text, as a whole word, ignoring case. */
    INGREDIENT_NAME,
    /** A brand name in the text (knowledge base F), as a whole word, ignoring case. */
    BRAND_NAME
  }

  /**
   * How one medication was recognised.
   *
   * @param medicationId the id of the mapped medication ({@code MedicationRequest/x} or {@code
   *     MedicationStatement/y})
   * @param medicationClass the class it was put in
   * @param method how it was recognised
   * @param matched what matched: the RxNorm or ATC code, or the ingredient name
   */
  public record MedicationMatch(
      String medicationId, MedicationClass medicationClass, MatchMethod method, String matched) {}

  /** Copies the lists and the report and checks that the counts add up. */
  public ImportResult {
    episodes = ImmutableList.copyOf(episodes);
    medicationMatches = ImmutableList.copyOf(medicationMatches);
    report = report.copy();
    checkArgument(
        resourcesMapped >= 0 && resourcesNotUsed >= 0 && resourcesIrrelevant >= 0,
        "resource counts must not be negative");
    checkArgument(
        resourcesRead == resourcesMapped + resourcesNotUsed + resourcesIrrelevant,
        "resourcesRead %s must equal mapped %s + not used %s + irrelevant %s",
        resourcesRead,
        resourcesMapped,
        resourcesNotUsed,
        resourcesIrrelevant);
  }

  /** Returns a copy of the mapping report (OperationOutcome is mutable). */
  @Override
  public OperationOutcome report() {
    return report.copy();
  }

  /** Returns the diagnostics of the report's issues, in order, the counts last. */
  public ImmutableList<String> diagnostics() {
    return report.getIssue().stream()
        .map(OperationOutcomeIssueComponent::getDiagnostics)
        .collect(ImmutableList.toImmutableList());
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ImportResult)) {
      return false;
    }
    ImportResult that = (ImportResult) other;
    return patient.equals(that.patient)
        && episodes.equals(that.episodes)
        && report.equalsDeep(that.report)
        && medicationMatches.equals(that.medicationMatches)
        && resourcesRead == that.resourcesRead
        && resourcesMapped == that.resourcesMapped
        && resourcesNotUsed == that.resourcesNotUsed
        && resourcesIrrelevant == that.resourcesIrrelevant
        && crampRecords.equals(that.crampRecords);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        patient,
        episodes,
        diagnostics(),
        medicationMatches,
        resourcesRead,
        resourcesMapped,
        resourcesNotUsed,
        resourcesIrrelevant,
        crampRecords);
  }
}
