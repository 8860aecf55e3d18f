/**
 * Population scale: assessing every patient of a FHIR Bulk Data export on one machine, in memory
 * that does not grow with the number of patients.
 *
 * <p>{@link org.crampcare.fhir.population.BulkInput} finds the export's NDJSON files (a folder or a
 * manifest); {@link org.crampcare.fhir.population.PopulationRun} partitions their lines by patient
 * into shard files on disk, assesses shard by shard on every core, and writes CrampCare's resources
 * as NDJSON, one mapping report per patient, and a {@link
 * org.crampcare.fhir.population.PopulationSummary}.
 */
@NullMarked
package org.crampcare.fhir.population;

import org.jspecify.annotations.NullMarked;
