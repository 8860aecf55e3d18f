package org.crampcare.fhir;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanStatus;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.jspecify.annotations.Nullable;

/**
 * The patient's earlier CrampCare CarePlans that are still open, with their open requests, and how
 * a new assessment supersedes them.
 *
 * <p>Without this, every assessment on a new day adds one more active CarePlan and one more set of
 * active requests for the same advice, and an EHR shows the patient a growing stack of plans. With
 * it, the new transaction also marks each earlier open CrampCare CarePlan {@code revoked}, and each
 * of its requests that is still open ({@code draft}, {@code active} or {@code on-hold}) {@code
 * revoked}, each with a note naming the assessment that replaced it, and the new CarePlan lists the
 * earlier ones in {@code replaces}. All of it is in the same transaction, so the server applies the
 * new plan and the retirement of the old ones together or not at all.
 *
 * <p>A plan with the new plan's own identifier (the same patient, assessment time and rule book, so
 * the same plan) is not superseded: running the same assessment twice writes nothing new. Requests
 * a clinician already acted on ({@code completed}, {@code revoked}, {@code entered-in-error}) are
 * left as they are. CrampCare's plans and requests are recognised by their identifier systems; an
 * earlier plan is addressed by its id ({@code PUT CarePlan/<id>}), so resources without an id (in a
 * file that was never on a server) cannot be superseded and are listed in {@link #withoutId()}.
 */
public final class PreviousPlans {
  private final ImmutableList<CarePlan> plans;
  private final Map<String, Resource> openRequests;
  private final ImmutableList<String> withoutId;

  private PreviousPlans(
      ImmutableList<CarePlan> plans,
      Map<String, Resource> openRequests,
      ImmutableList<String> withoutId) {
    this.plans = plans;
    this.openRequests = openRequests;
    this.withoutId = withoutId;
  }

  /** Returns previous plans that hold nothing. */
  public static PreviousPlans none() {
    return new PreviousPlans(ImmutableList.of(), Map.of(), ImmutableList.of());
  }

  /**
   * Finds, among resources read from a server or an EHR's export, CrampCare's open CarePlans and
   * their open requests; every other resource is ignored.
   *
   * @param resources any resources of one patient
   * @return the open plans and requests found
   */
  public static PreviousPlans in(Collection<? extends IBaseResource> resources) {
    ImmutableList.Builder<CarePlan> plans = ImmutableList.builder();
    Map<String, Resource> requests = new LinkedHashMap<>();
    ImmutableList.Builder<String> withoutId = ImmutableList.builder();
    for (IBaseResource r : resources) {
      if (r instanceof CarePlan) {
        CarePlan plan = (CarePlan) r;
        if (identifier(plan.getIdentifier(), FhirUrls.ID_CARE_PLAN).isPresent()
            && isOpen(plan.getStatus())) {
          if (hasId(plan)) {
            plans.add(plan);
          } else {
            withoutId.add(
                "CarePlan with identifier "
                    + identifier(plan.getIdentifier(), FhirUrls.ID_CARE_PLAN).get()
                    + ": has no id, so cannot be revoked");
          }
        }
      } else if (r instanceof ServiceRequest) {
        ServiceRequest s = (ServiceRequest) r;
        if (identifier(s.getIdentifier(), FhirUrls.ID_RECOMMENDATION).isPresent()
            && isOpen(s.getStatus())
            && hasId(s)) {
          requests.put(key(s), s);
        }
      } else if (r instanceof CommunicationRequest) {
        CommunicationRequest c = (CommunicationRequest) r;
        if (identifier(c.getIdentifier(), FhirUrls.ID_RECOMMENDATION).isPresent()
            && isOpen(c.getStatus())
            && hasId(c)) {
          requests.put(key(c), c);
        }
      }
    }
    return new PreviousPlans(plans.build(), requests, withoutId.build());
  }

  /** Returns the open CrampCare CarePlans found, in input order. */
  public ImmutableList<CarePlan> plans() {
    return plans;
  }

  /** Returns the open CrampCare CarePlans that have no id, so cannot be superseded, and why. */
  public ImmutableList<String> withoutId() {
    return withoutId;
  }

  /**
   * What {@link #supersede} added to a transaction.
   *
   * @param carePlans the earlier CarePlans revoked, as {@code CarePlan/id}
   * @param requests their open requests revoked, as {@code Type/id}
   * @param notSuperseded open CrampCare CarePlans that were left open, each with the reason (no id,
   *     or another patient's)
   */
  public record Superseded(
      ImmutableList<String> carePlans,
      ImmutableList<String> requests,
      ImmutableList<String> notSuperseded) {
    /** Returns the outcome when there were no earlier plans. */
    public static Superseded nothing() {
      return new Superseded(ImmutableList.of(), ImmutableList.of(), ImmutableList.of());
    }
  }

  /**
   * Adds to a CrampCare transaction the retirement of the earlier open plans: their CarePlans and
   * open requests are updated to {@code revoked} with a note, and the transaction's CarePlan lists
   * them in {@code replaces}. Plans with the transaction's own CarePlan identifier are left alone.
   * The resources found are not changed; copies are written.
   *
   * @param transaction a transaction from {@link FhirExporter#toTransaction}, changed in place
   * @return the references of the plans and requests revoked, as {@code Type/id}
   * @throws IllegalArgumentException if the transaction has no CrampCare CarePlan
   */
  public Superseded supersede(Bundle transaction) {
    CarePlan current = null;
    for (BundleEntryComponent e : transaction.getEntry()) {
      if (e.getResource() instanceof CarePlan
          && identifier(((CarePlan) e.getResource()).getIdentifier(), FhirUrls.ID_CARE_PLAN)
              .isPresent()) {
        current = (CarePlan) e.getResource();
      }
    }
    if (current == null) {
      throw new IllegalArgumentException(
          "transaction: has no CrampCare CarePlan (identifier system "
              + FhirUrls.ID_CARE_PLAN
              + "); expected a transaction from FhirExporter");
    }
    String currentId = identifier(current.getIdentifier(), FhirUrls.ID_CARE_PLAN).get();
    DateTimeType created = current.getCreatedElement();
    String note =
        "Replaced by the CrampCare assessment as of "
            + (created.hasValue() ? created.getValueAsString() : "a later time")
            + " (CarePlan identifier "
            + currentId
            + ").";
    String subject = unqualified(current.getSubject().getReference());
    List<String> revokedPlans = new ArrayList<>();
    List<String> revokedRequests = new ArrayList<>();
    List<String> notSuperseded = new ArrayList<>(withoutId);
    for (CarePlan plan : plans) {
      if (identifier(plan.getIdentifier(), FhirUrls.ID_CARE_PLAN).get().equals(currentId)) {
        continue;
      }
      String planKey = key(plan);
      String planSubject =
          plan.getSubject().hasReference() ? unqualified(plan.getSubject().getReference()) : "";
      if (!planSubject.equals(subject)) {
        notSuperseded.add(
            planKey
                + ": its subject is '"
                + planSubject
                + "', not '"
                + subject
                + "', so it is left open");
        continue;
      }
      current.addReplaces(new Reference(planKey));
      CarePlan revoked = plan.copy();
      revoked.setStatus(CarePlanStatus.REVOKED);
      revoked.addNote(new Annotation().setText(note));
      put(transaction, planKey, revoked);
      revokedPlans.add(planKey);
      for (CarePlan.CarePlanActivityComponent activity : plan.getActivity()) {
        if (!activity.hasReference() || !activity.getReference().hasReference()) {
          continue;
        }
        String target = unqualified(activity.getReference().getReference());
        Resource request = openRequests.get(target);
        if (request == null || revokedRequests.contains(target)) {
          continue;
        }
        put(transaction, target, revoke(request, note));
        revokedRequests.add(target);
      }
    }
    return new Superseded(
        ImmutableList.copyOf(revokedPlans),
        ImmutableList.copyOf(revokedRequests),
        ImmutableList.copyOf(notSuperseded));
  }

  private static Resource revoke(Resource request, String note) {
    if (request instanceof ServiceRequest) {
      ServiceRequest s = ((ServiceRequest) request).copy();
      s.setStatus(ServiceRequestStatus.REVOKED);
      s.addNote(new Annotation().setText(note));
      return s;
    }
    CommunicationRequest c = ((CommunicationRequest) request).copy();
    c.setStatus(CommunicationRequestStatus.REVOKED);
    c.addNote(new Annotation().setText(note));
    return c;
  }

  private static void put(Bundle transaction, String typeAndId, Resource resource) {
    // Where it was read from, if known (a resource parsed from a Bundle or a search carries its
    // absolute URL as its id); else a name-based urn:uuid, which a transaction allows for a PUT.
    IdType read = resource.getIdElement();
    String fullUrl =
        read.hasBaseUrl()
            ? read.getBaseUrl() + "/" + typeAndId
            : ExportRun.nameUrn("previous-plan", typeAndId);
    // The server assigns the new version; what was read is not sent back as if current.
    resource.setIdElement(new IdType(typeAndId));
    resource.getMeta().setVersionId(null).setLastUpdated(null);
    transaction
        .addEntry()
        .setFullUrl(fullUrl)
        .setResource(resource)
        .getRequest()
        .setMethod(HTTPVerb.PUT)
        .setUrl(typeAndId);
  }

  private static boolean isOpen(CarePlanStatus status) {
    return status == CarePlanStatus.ACTIVE
        || status == CarePlanStatus.DRAFT
        || status == CarePlanStatus.ONHOLD;
  }

  private static boolean isOpen(ServiceRequestStatus status) {
    return status == ServiceRequestStatus.ACTIVE
        || status == ServiceRequestStatus.DRAFT
        || status == ServiceRequestStatus.ONHOLD;
  }

  private static boolean isOpen(CommunicationRequestStatus status) {
    return status == CommunicationRequestStatus.ACTIVE
        || status == CommunicationRequestStatus.DRAFT
        || status == CommunicationRequestStatus.ONHOLD;
  }

  private static boolean hasId(Resource r) {
    return r.getIdElement().hasIdPart();
  }

  private static String key(Resource r) {
    return r.fhirType() + "/" + r.getIdElement().getIdPart();
  }

  private static String unqualified(@Nullable String reference) {
    if (reference == null) {
      return "";
    }
    IdType id = new IdType(reference);
    return id.hasResourceType() && id.hasIdPart()
        ? id.getResourceType() + "/" + id.getIdPart()
        : reference;
  }

  private static Optional<String> identifier(List<Identifier> identifiers, String system) {
    for (Identifier i : identifiers) {
      if (system.equals(i.getSystem()) && i.hasValue()) {
        return Optional.of(i.getValue());
      }
    }
    return Optional.empty();
  }
}
