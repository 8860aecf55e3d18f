package org.crampcare.patient;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * An active medication, by class.
 *
 * @param id a stable identifier (a FHIR resource id, for example)
 * @param medicationClass the class it belongs to
 * @param name the product or ingredient name as recorded, for display
 */
public record Medication(String id, MedicationClass medicationClass, String name) {

  /** Checks the id and the name. */
  public Medication {
    checkArgument(!id.isBlank(), "medication.id must not be blank");
    checkArgument(!name.isBlank(), "medication %s: name must not be blank", id);
  }
}
