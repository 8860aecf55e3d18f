package org.crampcare.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns the exporter's transaction Bundle into one self-contained CarePlan for a CDS Hooks {@code
 * create} action.
 *
 * <p>A create action carries one resource, and the EHR assigns its id, so the Bundle's {@code
 * urn:uuid} references would dangle. Every resource the CarePlan reaches through such references
 * (its activity requests, the risk assessments they address, the episode Observations, the
 * authoring Device) is copied into {@code CarePlan.contained} and referenced as {@code #id};
 * references to resources the EHR already holds ({@code Patient/123}) are kept. The Provenance,
 * which nothing in the CarePlan references, is left out.
 */
final class CarePlanProposal {
  private CarePlanProposal() {}

  /**
   * Returns the self-contained CarePlan.
   *
   * @throws IllegalArgumentException if the bundle has no CarePlan, or a reference matches no entry
   */
  static CarePlan from(FhirContext ctx, Bundle transaction) {
    Map<String, Resource> byFullUrl = new HashMap<>();
    CarePlan carePlan = null;
    String carePlanUrl = "";
    for (BundleEntryComponent e : transaction.getEntry()) {
      if (e.hasFullUrl() && e.hasResource()) {
        byFullUrl.put(e.getFullUrl(), e.getResource());
      }
      if (e.getResource() instanceof CarePlan) {
        carePlan = ((CarePlan) e.getResource()).copy();
        carePlanUrl = e.getFullUrl();
      }
    }
    if (carePlan == null) {
      throw new IllegalArgumentException("the transaction has no CarePlan to propose");
    }
    carePlan.setId((String) null);
    FhirTerser terser = ctx.newTerser();
    Map<String, String> localIds = new LinkedHashMap<>();
    Map<String, Integer> counters = new HashMap<>();
    Deque<Resource> pending = new ArrayDeque<>();
    pending.add(carePlan);
    while (!pending.isEmpty()) {
      Resource current = pending.poll();
      for (Reference ref : terser.getAllPopulatedChildElementsOfType(current, Reference.class)) {
        String target = ref.getReference();
        if (target == null || !target.startsWith("urn:")) {
          continue;
        }
        if (target.equals(carePlanUrl)) {
          // A contained resource refers to its container as "#".
          ref.setReference("#");
          continue;
        }
        String localId = localIds.get(target);
        if (localId == null) {
          Resource resource =
              Optional.ofNullable(byFullUrl.get(target))
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "reference " + target + " matches no entry of the transaction"));
          Resource copy = resource.copy();
          String prefix = copy.fhirType().toLowerCase(Locale.ROOT);
          int n = counters.merge(prefix, 1, Integer::sum);
          localId = prefix + "-" + n;
          localIds.put(target, localId);
          copy.setId(localId);
          carePlan.addContained(copy);
          pending.add(copy);
        }
        ref.setReference("#" + localId);
      }
    }
    return carePlan;
  }
}
