package org.crampcare.fhir;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.crampcare.report.Audience;
import org.crampcare.report.RecordNote;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * The HTML report in FHIR: a {@code DocumentReference} in the assessment's transaction Bundle, and
 * the mapping report as the report's "not usable" notes.
 *
 * <p>The DocumentReference holds the page itself ({@code content.attachment}, {@code text/html},
 * with its language and title), is about the CarePlan's patient, dated and authored as the CarePlan
 * is, names the CarePlan in {@code context.related}, and is a target of the assessment's
 * Provenance. Its identifier ({@value #IDENTIFIER_SYSTEM}) is the CarePlan's with the audience and
 * language, and its entry is a conditional create on it like every other entry, so posting the
 * transaction again creates nothing new. The CarePlan's narrative is left as it is.
 */
public final class ReportDocuments {
  /** The identifier system of CrampCare's report documents. */
  public static final String IDENTIFIER_SYSTEM = FhirUrls.BASE + "identifier/report";

  private ReportDocuments() {}

  /**
   * Adds the report to a transaction made by {@link FhirExporter}.
   *
   * @param transaction the transaction, changed in place
   * @param html the report page
   * @param language the report's language
   * @param audience who it is for
   * @throws IllegalArgumentException if the transaction has no CarePlan
   */
  public static void attach(Bundle transaction, String html, Locale language, Audience audience) {
    BundleEntryComponent planEntry = null;
    Provenance provenance = null;
    for (BundleEntryComponent e : transaction.getEntry()) {
      if (e.getResource() instanceof CarePlan && planEntry == null) {
        planEntry = e;
      } else if (e.getResource() instanceof Provenance) {
        provenance = (Provenance) e.getResource();
      }
    }
    checkArgument(
        planEntry != null, "the transaction has no CarePlan for the report to be attached to");
    CarePlan plan = (CarePlan) planEntry.getResource();
    String tag = language.toLanguageTag();
    String planId = plan.getIdentifierFirstRep().getValue();
    Identifier identifier =
        new Identifier()
            .setSystem(IDENTIFIER_SYSTEM)
            .setValue(planId + "-" + audience.code() + "-" + tag);
    String title =
        audience == Audience.PATIENT
            ? "Muscle cramp report for the patient"
            : "Muscle cramp report for clinicians";

    DocumentReference doc = new DocumentReference();
    doc.setText(
        new Xhtml()
            .paragraph(
                "CrampCare report ("
                    + audience.code()
                    + ", language "
                    + tag
                    + ") of the assessment in CarePlan "
                    + planId
                    + ", as an HTML attachment.")
            .toNarrative());
    doc.addIdentifier(identifier);
    doc.setStatus(DocumentReferenceStatus.CURRENT);
    doc.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
    doc.setSubject(plan.getSubject().copy());
    doc.setDateElement(
        new org.hl7.fhir.r4.model.InstantType(plan.getCreatedElement().getValueAsString()));
    if (plan.hasAuthor()) {
      doc.addAuthor(plan.getAuthor().copy());
    }
    doc.setDescription(title);
    doc.addContent()
        .getAttachment()
        .setContentType("text/html")
        .setLanguage(tag)
        .setData(html.getBytes(StandardCharsets.UTF_8))
        .setTitle(title)
        .setCreationElement(plan.getCreatedElement().copy());
    doc.getContext().addRelated(new Reference(planEntry.getFullUrl()));

    String fullUrl =
        "urn:uuid:"
            + UUID.nameUUIDFromBytes(
                (IDENTIFIER_SYSTEM + "|" + identifier.getValue()).getBytes(StandardCharsets.UTF_8));
    transaction
        .addEntry()
        .setFullUrl(fullUrl)
        .setResource(doc)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("DocumentReference")
        .setIfNoneExist(ExportRun.ifNoneExist(identifier));
    if (provenance != null) {
      provenance.addTarget(new Reference(fullUrl));
    }
  }

  /**
   * Returns the issues of a mapping report as the report's notes on what was not usable: every
   * issue but the closing count, named by the resource it is about.
   *
   * @param mappingReport the importer's report ({@link ImportResult#report()})
   */
  public static ImmutableList<RecordNote> notes(OperationOutcome mappingReport) {
    List<OperationOutcomeIssueComponent> issues = mappingReport.getIssue();
    ImmutableList.Builder<RecordNote> notes = ImmutableList.builder();
    for (int i = 0; i < issues.size() - 1; i++) {
      String diagnostics = issues.get(i).getDiagnostics();
      if (diagnostics == null || diagnostics.isBlank()) {
        continue;
      }
      int colon = diagnostics.indexOf(": ");
      notes.add(
          colon > 0
              ? new RecordNote(diagnostics.substring(0, colon), diagnostics.substring(colon + 2))
              : new RecordNote("record", diagnostics));
    }
    return notes.build();
  }
}
