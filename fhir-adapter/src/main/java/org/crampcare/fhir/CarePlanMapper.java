package org.crampcare.fhir;

import java.util.ArrayList;
import java.util.List;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Notice;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.Suppression;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;

/**
 * The recommendations of one assessment as a proposed CarePlan in the {@value
 * FhirUrls#PROFILE_CARE_PLAN} profile: one activity per request, by reference only (R5 removed
 * {@code activity.detail}).
 */
final class CarePlanMapper {
  private CarePlanMapper() {}

  /**
   * Builds the CarePlan.
   *
   * @param addresses the Conditions the recommendations rest on
   * @param supportingInfo the episode Observations and findings
   * @param activities the requests, recommendations first, then suppressed ones
   */
  static CarePlan carePlan(
      ExportRun run,
      Identifier identifier,
      Assessment assessment,
      List<Reference> addresses,
      List<Reference> supportingInfo,
      List<Reference> activities) {
    CarePlan c = new CarePlan();
    c.getMeta().addProfile(FhirUrls.PROFILE_CARE_PLAN);
    c.setText(narrative(run, assessment));
    c.addIdentifier(identifier);
    c.setStatus(CarePlan.CarePlanStatus.ACTIVE);
    c.setIntent(CarePlan.CarePlanIntent.PROPOSAL);
    c.setTitle("CrampCare recommendations");
    c.setSubject(run.patient());
    c.setCreatedElement(run.asOfDateTime());
    c.setAuthor(run.device());
    addresses.forEach(c::addAddresses);
    supportingInfo.forEach(c::addSupportingInfo);
    for (Reference activity : activities) {
      c.addActivity().setReference(activity);
    }
    for (Notice notice : assessment.notices()) {
      c.addNote(new Annotation().setText(notice.text()));
    }
    return c;
  }

  private static Narrative narrative(ExportRun run, Assessment a) {
    Xhtml x = new Xhtml().paragraph("CrampCare recommendations as of " + run.asOf + ".");
    run.crampRecords.ifPresent(
        records -> {
          x.paragraph("Cramp records: " + records.describe() + ".");
          if (records.notUsable() > 0) {
            x.paragraph(
                "Some cramp records could not be read: this plan rests on what could be read and"
                    + " does not mean there were no cramps or no red flags.");
          }
        });
    List<String> items = new ArrayList<>();
    for (Recommendation r : a.recommendations()) {
      String display =
          run.ruleBook.definitions().containsKey(r.code())
              ? run.ruleBook.definitions().get(r.code()).display()
              : r.code();
      items.add(
          display
              + " ("
              + r.priority().code()
              + "): "
              + r.patientText()
              + " Why: "
              + r.rationale());
    }
    x.list(items);
    List<String> suppressed = new ArrayList<>();
    for (Suppression s : a.suppressed()) {
      suppressed.add("Not recommended: " + s.code() + ". " + s.reason());
    }
    x.list(suppressed);
    List<String> notices = new ArrayList<>();
    a.notices().forEach(n -> notices.add(n.text()));
    x.list(notices);
    if (items.isEmpty()) {
      x.paragraph("No recommendations.");
    }
    return x.toNarrative();
  }
}
