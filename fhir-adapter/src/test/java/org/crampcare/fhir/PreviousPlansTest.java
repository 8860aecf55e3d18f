package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Setting;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

/**
 * A new assessment supersedes the patient's earlier CrampCare plan when the EHR's record holds it:
 * the earlier plan and its open requests are revoked in the same transaction, and the new plan
 * replaces it.
 */
class PreviousPlansTest {
  private static final Instant DAY_1 = Instant.parse("2026-11-21T23:59:59Z");
  private static final Instant DAY_2 = Instant.parse("2026-11-22T23:59:59Z");
  private static final CrampCareFhir FHIR = CrampCareFhir.create();

  /** A chart: the patient and two night cramps, as an EHR export with ids. */
  private static Bundle chart() {
    Patient patient = new Patient();
    patient.setId("pat-1");
    patient.setBirthDate(java.sql.Date.valueOf(LocalDate.of(1958, 3, 9)));
    patient.setGender(AdministrativeGender.MALE);
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    bundle.addEntry().setFullUrl("https://ehr.example/fhir/Patient/pat-1").setResource(patient);
    for (int i = 1; i <= 2; i++) {
      CrampEpisode e =
          CrampEpisode.builder(
                  "ep-" + i, Instant.parse("2026-11-1" + i + "T03:00:00Z"), BodySite.CALF)
              .severity(5)
              .setting(Setting.DURING_SLEEP)
              .build();
      Resource o = EpisodeObservations.toObservation(e, "Patient/pat-1");
      o.setId("obs-" + i);
      bundle.addEntry().setFullUrl("https://ehr.example/fhir/Observation/obs-" + i).setResource(o);
    }
    return bundle;
  }

  /**
   * What a server holds after a transaction: each resource with an id, references to other entries
   * rewritten to {@code Type/id}. Only the CarePlan and the requests are returned.
   */
  private static List<Resource> stored(Bundle transaction, String prefix) {
    Map<String, String> ids = new HashMap<>();
    int n = 0;
    for (BundleEntryComponent e : transaction.getEntry()) {
      ids.put(e.getFullUrl(), e.getResource().fhirType() + "/" + prefix + "-" + n++);
    }
    List<Resource> kept = new ArrayList<>();
    for (BundleEntryComponent e : transaction.getEntry()) {
      Resource r = e.getResource().copy();
      r.setId(ids.get(e.getFullUrl()));
      for (Reference ref :
          FHIR.context().newTerser().getAllPopulatedChildElementsOfType(r, Reference.class)) {
        if (ids.containsKey(ref.getReference())) {
          ref.setReference(ids.get(ref.getReference()));
        }
      }
      if (r instanceof CarePlan
          || r instanceof ServiceRequest
          || r instanceof CommunicationRequest) {
        kept.add(r);
      }
    }
    return kept;
  }

  private static Bundle withStored(Bundle chart, List<Resource> resources) {
    for (Resource r : resources) {
      chart
          .addEntry()
          .setFullUrl("https://ehr.example/fhir/" + r.getIdElement().getValue())
          .setResource(r);
    }
    return chart;
  }

  private static CarePlan newPlan(Bundle transaction) {
    return transaction.getEntry().stream()
        .filter(e -> e.getRequest().getMethod() == HTTPVerb.POST)
        .map(BundleEntryComponent::getResource)
        .filter(CarePlan.class::isInstance)
        .map(CarePlan.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static List<BundleEntryComponent> puts(Bundle transaction) {
    return transaction.getEntry().stream()
        .filter(e -> e.getRequest().getMethod() == HTTPVerb.PUT)
        .toList();
  }

  @Test
  void aNewDay_revokesTheEarlierPlanAndItsOpenRequests_andTheNewPlanReplacesIt_valid() {
    List<Resource> day1 = stored(FHIR.assess(chart(), DAY_1).transaction(), "d1");
    CarePlan earlier = (CarePlan) day1.get(day1.size() - 1);
    assertThat(earlier.getIdElement().getResourceType()).isEqualTo("CarePlan");
    int requests = earlier.getActivity().size();

    CrampCareFhir.Result result = FHIR.assess(withStored(chart(), day1), DAY_2);

    String earlierId = earlier.getIdElement().getValue();
    assertThat(newPlan(result.transaction()).getReplaces())
        .extracting(Reference::getReference)
        .containsExactly(earlierId);
    List<BundleEntryComponent> puts = puts(result.transaction());
    assertThat(puts).hasSize(1 + requests);
    assertThat(puts.get(0).getRequest().getUrl()).isEqualTo(earlierId);
    CarePlan revoked = (CarePlan) puts.get(0).getResource();
    assertThat(revoked.getStatus()).isEqualTo(CarePlan.CarePlanStatus.REVOKED);
    assertThat(revoked.getNote())
        .extracting(a -> a.getText())
        .containsExactly(
            "Replaced by the CrampCare assessment as of 2026-11-22T23:59:59Z (CarePlan"
                + " identifier "
                + newPlan(result.transaction()).getIdentifierFirstRep().getValue()
                + ").");
    for (BundleEntryComponent put : puts.subList(1, puts.size())) {
      Resource r = put.getResource();
      String status =
          r instanceof ServiceRequest
              ? ((ServiceRequest) r).getStatus().toCode()
              : ((CommunicationRequest) r).getStatus().toCode();
      assertThat(status).as(put.getRequest().getUrl()).isEqualTo("revoked");
      assertThat(put.getRequest().getUrl()).isEqualTo(r.getIdElement().getValue());
    }
    assertThat(result.superseded().carePlans()).containsExactly(earlierId);
    assertThat(result.superseded().requests()).hasSize(requests);
    assertThat(result.superseded().notSuperseded()).isEmpty();
    // The earlier resources themselves are not changed; copies are written.
    assertThat(earlier.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
    assertThat(FHIR.validator().validate(result.transaction()).errors()).isEmpty();
  }

  @Test
  void theSameAssessmentAgain_supersedesNothing() {
    List<Resource> day1 = stored(FHIR.assess(chart(), DAY_1).transaction(), "d1");

    CrampCareFhir.Result again = FHIR.assess(withStored(chart(), day1), DAY_1);

    assertThat(puts(again.transaction())).isEmpty();
    assertThat(newPlan(again.transaction()).getReplaces()).isEmpty();
    assertThat(again.superseded().carePlans()).isEmpty();
  }

  @Test
  void requestsAClinicianActedOn_areLeftAsTheyAre() {
    List<Resource> day1 = stored(FHIR.assess(chart(), DAY_1).transaction(), "d1");
    CommunicationRequest done =
        day1.stream()
            .filter(CommunicationRequest.class::isInstance)
            .map(CommunicationRequest.class::cast)
            .findFirst()
            .orElseThrow();
    done.setStatus(CommunicationRequest.CommunicationRequestStatus.COMPLETED);

    CrampCareFhir.Result result = FHIR.assess(withStored(chart(), day1), DAY_2);

    assertThat(result.superseded().requests())
        .isNotEmpty()
        .doesNotContain(done.getIdElement().getValue());
    assertThat(puts(result.transaction()))
        .extracting(e -> e.getRequest().getUrl())
        .doesNotContain(done.getIdElement().getValue());
  }

  @Test
  void aPlanWithoutAnId_orOfAnotherPatient_staysOpen_andIsNamedWithTheReason() {
    List<Resource> day1 = stored(FHIR.assess(chart(), DAY_1).transaction(), "d1");
    CarePlan noId = (CarePlan) day1.get(day1.size() - 1).copy();
    noId.setIdElement(null);
    noId.getIdentifierFirstRep().setValue("plan-from-a-file");
    CarePlan otherPatients = (CarePlan) day1.get(day1.size() - 1).copy();
    otherPatients.setId("CarePlan/other");
    otherPatients.getIdentifierFirstRep().setValue("plan-of-someone-else");
    otherPatients.setSubject(new Reference("Patient/pat-2"));

    PreviousPlans previous = PreviousPlans.in(List.of(noId, otherPatients));
    Bundle transaction = FHIR.assess(chart(), DAY_2).transaction();
    PreviousPlans.Superseded superseded = previous.supersede(transaction);

    assertThat(superseded.carePlans()).isEmpty();
    assertThat(superseded.notSuperseded())
        .containsExactly(
            "CarePlan with identifier plan-from-a-file: has no id, so cannot be revoked",
            "CarePlan/other: its subject is 'Patient/pat-2', not 'Patient/pat-1', so it is left"
                + " open");
    assertThat(puts(transaction)).isEmpty();
  }

  @Test
  void plansThatAreNotCrampCares_areNotTouched() {
    CarePlan someoneElses = new CarePlan();
    someoneElses.setId("CarePlan/diabetes");
    someoneElses.setStatus(CarePlan.CarePlanStatus.ACTIVE);
    someoneElses.setSubject(new Reference("Patient/pat-1"));
    someoneElses.addIdentifier().setSystem("https://ehr.example/care-plans").setValue("dm-1");

    CrampCareFhir.Result result =
        FHIR.assess(withStored(chart(), List.<Resource>of(someoneElses)), DAY_2);

    assertThat(puts(result.transaction())).isEmpty();
    assertThat(newPlan(result.transaction()).getReplaces()).isEmpty();
    assertThat(result.superseded().notSuperseded()).isEmpty();
  }
}
