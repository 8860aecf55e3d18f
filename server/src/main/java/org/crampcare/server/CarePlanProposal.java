package org.crampcare.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crampcare.fhir.References;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns the exporter's transaction Bundle into one self-contained CarePlan for a CDS Hooks {@code
 * create} action.
 *
 * <p>A create action carries one resource, and the EHR assigns its id, so the Bundle's {@code
 * urn:uuid} references would dangle. Every resource the CarePlan reaches through such references
 * (its activity requests, the risk assessments they point at, episode Observations CrampCare made,
 * the authoring Device) moves into {@code CarePlan.contained} and is referenced as {@code #id}; a
 * reference back to the CarePlan becomes {@code #}. References to resources the EHR already holds
 * ({@code Patient/123}) are kept. Contained resources lose their narrative (FHIR dom-1) and with it
 * their CrampCare profile claims (the profiles require a narrative), and their own contained
 * resources move up beside them (dom-2). The Provenance, which nothing in the CarePlan references,
 * is left out.
 *
 * <p>The Bundle is consumed: its resources are moved, not copied.
 */
final class CarePlanProposal {
  private CarePlanProposal() {}

  /**
   * Returns the self-contained CarePlan, taken out of the bundle.
   *
   * @throws IllegalArgumentException if the bundle has no CarePlan, or a reference matches no entry
   */
  static CarePlan from(Bundle transaction) {
    Map<String, Resource> byFullUrl = new HashMap<>();
    CarePlan carePlan = null;
    String carePlanUrl = "";
    for (BundleEntryComponent e : transaction.getEntry()) {
      if (e.hasFullUrl() && e.hasResource()) {
        byFullUrl.put(e.getFullUrl(), e.getResource());
      }
      if (e.getResource() instanceof CarePlan) {
        carePlan = (CarePlan) e.getResource();
        carePlanUrl = e.getFullUrl();
      }
    }
    if (carePlan == null) {
      throw new IllegalArgumentException("the transaction has no CarePlan to propose");
    }
    carePlan.setId((String) null);
    Map<String, String> localIds = new HashMap<>();
    Map<String, Integer> counters = new HashMap<>();
    Deque<Resource> pending = new ArrayDeque<>();
    pending.add(carePlan);
    while (!pending.isEmpty()) {
      Resource current = pending.poll();
      List<Resource> nested = hoist(current, carePlan, counters);
      for (Reference ref : References.in(current)) {
        String target = ref.getReference();
        if (target == null || !target.startsWith("urn:")) {
          continue;
        }
        if (target.equals(carePlanUrl)) {
          ref.setReference("#");
          continue;
        }
        String localId = localIds.get(target);
        if (localId == null) {
          Resource resource = byFullUrl.get(target);
          if (resource == null) {
            throw new IllegalArgumentException(
                "reference " + target + " matches no entry of the transaction");
          }
          localId = nextId(resource, counters);
          localIds.put(target, localId);
          resource.setId(localId);
          asContained(resource);
          carePlan.addContained(resource);
          pending.add(resource);
        }
        ref.setReference("#" + localId);
      }
      pending.addAll(nested);
    }
    return carePlan;
  }

  /** Moves a contained resource's own contained resources up to the CarePlan, renaming them. */
  private static List<Resource> hoist(
      Resource resource, CarePlan carePlan, Map<String, Integer> counters) {
    if (resource == carePlan || !(resource instanceof DomainResource)) {
      return List.of();
    }
    DomainResource domain = (DomainResource) resource;
    if (!domain.hasContained()) {
      return List.of();
    }
    List<Resource> moved = new ArrayList<>();
    Map<String, String> renamed = new HashMap<>();
    for (Resource inner : domain.getContained()) {
      String old = "#" + inner.getIdElement().getIdPart();
      String localId = nextId(inner, counters);
      renamed.put(old, "#" + localId);
      inner.setId(localId);
      asContained(inner);
      carePlan.addContained(inner);
      moved.add(inner);
    }
    domain.getContained().clear();
    List<Resource> scope = new ArrayList<>(moved);
    scope.add(domain);
    for (Resource r : scope) {
      for (Reference ref : References.in(r)) {
        String target = renamed.get(ref.getReference());
        if (target != null) {
          ref.setReference(target);
        }
      }
    }
    return moved;
  }

  /**
   * Prepares a resource to be contained: FHIR dom-1 forbids its narrative, and CrampCare's profiles
   * require one, so it drops both (it is validated against the base R4 definition).
   */
  private static void asContained(Resource resource) {
    if (resource instanceof DomainResource) {
      ((DomainResource) resource).setText(null);
    }
    resource.getMeta().setProfile(new ArrayList<>());
    if (resource.getMeta().isEmpty()) {
      resource.setMeta(null);
    }
  }

  private static String nextId(Resource resource, Map<String, Integer> counters) {
    String prefix = resource.fhirType().toLowerCase(Locale.ROOT);
    int n = counters.merge(prefix, 1, Integer::sum);
    return prefix + "-" + n;
  }
}
