package org.crampcare.fhir.population;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a Bulk Data export of N fictional patients as NDJSON, one file per type, the way an EHR's
 * {@code $export} does: Patients; cramp records as charts hold them (a SNOMED CT cramp finding with
 * a date, some with a calf site, some only a date); potassium results, some low, with their
 * reference range; Conditions in ICD-10-CM (heart failure I50.9); MedicationRequests that reference
 * a Medication by id (hydrochlorothiazide RxNorm 310798, simvastatin 198211, furosemide 4603);
 * Organizations that name no patient. Codes are the knowledge base's, as the samples use them. The
 * same seed gives the same files.
 */
public final class BulkExportGenerator {
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 21);

  private final Random random;
  private final Map<String, Integer> expected = new HashMap<>();

  public BulkExportGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** Counts the generator knows to expect, for example "thiazide-diuretic + low-potassium". */
  public Map<String, Integer> expected() {
    return expected;
  }

  /**
   * Writes the export.
   *
   * @param gzip writes {@code .ndjson.gz} files instead of {@code .ndjson}
   */
  public void write(Path dir, int patients, boolean gzip) throws IOException {
    write(dir, patients, gzip, 0);
  }

  /**
   * Writes the export, each patient with a lab history as well: a sodium and a potassium result
   * every month for {@code labMonths} months before the assessment (normal values), as a chart of a
   * patient followed for years holds them; {@code labMonths} 48 gives about 100 resources a
   * patient.
   */
  public void write(Path dir, int patients, boolean gzip, int labMonths) throws IOException {
    Files.createDirectories(dir);
    try (Writer pt = writer(dir, "Patient", gzip);
        Writer obs = writer(dir, "Observation", gzip);
        Writer cond = writer(dir, "Condition", gzip);
        Writer med = writer(dir, "Medication", gzip);
        Writer req = writer(dir, "MedicationRequest", gzip);
        Writer org = writer(dir, "Organization", gzip)) {
      med.write(medication("med-hctz", "310798", "Hydrochlorothiazide 25 MG Oral Tablet"));
      med.write(medication("med-simva", "198211", "Simvastatin 40 MG Oral Tablet"));
      med.write(medication("med-furo", "4603", "furosemide"));
      org.write("{\"resourceType\":\"Organization\",\"id\":\"org-1\",\"name\":\"Clinic\"}\n");
      for (int i = 0; i < patients; i++) {
        String id = "p" + i;
        int birthYear = 1940 + random.nextInt(60);
        pt.write(
            "{\"resourceType\":\"Patient\",\"id\":\""
                + id
                + "\",\"gender\":\""
                + (random.nextBoolean() ? "female" : "male")
                + "\",\"birthDate\":\""
                + birthYear
                + "-0"
                + (1 + random.nextInt(9))
                + "-1"
                + random.nextInt(10)
                + "\"}\n");
        int cramps = random.nextInt(7);
        for (int c = 0; c < cramps; c++) {
          LocalDate day = AS_OF.minusDays(random.nextInt(40));
          String site =
              random.nextInt(3) == 0
                  ? ""
                  : ",\"bodySite\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                      + "\"code\":\"53840002\",\"display\":\"Calf of leg\"}]}";
          obs.write(
              "{\"resourceType\":\"Observation\",\"id\":\""
                  + id
                  + "-cramp-"
                  + c
                  + "\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
                  + "\"http://snomed.info/sct\",\"code\":\"55300003\",\"display\":\"Cramp\"}]},"
                  + "\"subject\":{\"reference\":\"Patient/"
                  + id
                  + "\"},\"effectiveDateTime\":\""
                  + day
                  + "T0"
                  + random.nextInt(10)
                  + ":15:00Z\""
                  + site
                  + "}\n");
        }
        for (int m = 1; m <= labMonths; m++) {
          obs.write(lab(id + "-na-" + m, "2951-2", "140", "135", "145", AS_OF.minusMonths(m)));
          obs.write(lab(id + "-kh-" + m, "2823-3", "4.3", "3.5", "5.1", AS_OF.minusMonths(m)));
        }
        boolean lowPotassium = random.nextInt(4) == 0;
        if (lowPotassium || random.nextBoolean()) {
          obs.write(
              "{\"resourceType\":\"Observation\",\"id\":\""
                  + id
                  + "-k\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                  + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":"
                  + "\"laboratory\"}]}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                  + "\"code\":\"2823-3\"}]},\"subject\":{\"reference\":\"Patient/"
                  + id
                  + "\"},\"effectiveDateTime\":\""
                  + AS_OF.minusDays(10)
                  + "\",\"valueQuantity\":{\"value\":"
                  + (lowPotassium ? "3.1" : "4.2")
                  + ",\"unit\":\"mmol/L\",\"system\":\"http://unitsofmeasure.org\",\"code\":"
                  + "\"mmol/L\"},\"referenceRange\":[{\"low\":{\"value\":3.5,\"unit\":\"mmol/L\","
                  + "\"system\":\"http://unitsofmeasure.org\",\"code\":\"mmol/L\"},\"high\":"
                  + "{\"value\":5.1,\"unit\":\"mmol/L\",\"system\":\"http://unitsofmeasure.org\","
                  + "\"code\":\"mmol/L\"}}]}\n");
        }
        boolean thiazide = random.nextInt(3) == 0;
        if (thiazide) {
          req.write(request(id, "hctz", "med-hctz"));
          if (lowPotassium) {
            expected.merge("thiazide-diuretic + low-potassium", 1, Integer::sum);
          }
        }
        if (random.nextInt(5) == 0) {
          req.write(request(id, "simva", "med-simva"));
        }
        if (random.nextInt(8) == 0) {
          cond.write(
              "{\"resourceType\":\"Condition\",\"id\":\""
                  + id
                  + "-hf\",\"clinicalStatus\":{\"coding\":[{\"system\":"
                  + "\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":"
                  + "\"active\"}]},\"code\":{\"coding\":[{\"system\":"
                  + "\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"I50.9\"}]},\"subject\":"
                  + "{\"reference\":\"Patient/"
                  + id
                  + "\"}}\n");
          req.write(request(id, "furo", "med-furo"));
        }
      }
      // A record of a patient the export has no Patient for, and a line that is not FHIR.
      obs.write(
          "{\"resourceType\":\"Observation\",\"id\":\"orphan-cramp\",\"status\":\"final\","
              + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":"
              + "\"55300003\"}]},\"subject\":{\"reference\":\"Patient/nobody\"},"
              + "\"effectiveDateTime\":\"2026-11-20T02:00:00Z\"}\n");
      org.write("not json at all\n");
    }
  }

  private static String lab(
      String id, String loinc, String value, String low, String high, LocalDate day) {
    String unit =
        ",\"unit\":\"mmol/L\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mmol/L\"";
    return "{\"resourceType\":\"Observation\",\"id\":\""
        + id
        + "\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
        + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":"
        + "\"laboratory\"}]}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\""
        + loinc
        + "\"}]},\"subject\":{\"reference\":\"Patient/"
        + id.substring(0, id.indexOf('-'))
        + "\"},\"effectiveDateTime\":\""
        + day
        + "\",\"valueQuantity\":{\"value\":"
        + value
        + unit
        + "},\"referenceRange\":[{\"low\":{\"value\":"
        + low
        + unit
        + "},\"high\":{\"value\":"
        + high
        + unit
        + "}}]}\n";
  }

  /** A Medication line coded in RxNorm, as the export writes it. */
  static String medication(String id, String rxnorm, String display) {
    return "{\"resourceType\":\"Medication\",\"id\":\""
        + id
        + "\",\"code\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\","
        + "\"code\":\""
        + rxnorm
        + "\",\"display\":\""
        + display
        + "\"}]}}\n";
  }

  private static String request(String patient, String what, String medication) {
    return "{\"resourceType\":\"MedicationRequest\",\"id\":\""
        + patient
        + "-"
        + what
        + "\",\"status\":\"active\",\"intent\":\"order\",\"medicationReference\":{\"reference\":"
        + "\"Medication/"
        + medication
        + "\"},\"subject\":{\"reference\":\"Patient/"
        + patient
        + "\"},\"authoredOn\":\"2025-06-01\"}\n";
  }

  private static Writer writer(Path dir, String type, boolean gzip) throws IOException {
    Path file = dir.resolve(type + (gzip ? ".ndjson.gz" : ".ndjson"));
    OutputStream out = Files.newOutputStream(file);
    if (gzip) {
      out = new GZIPOutputStream(out);
    }
    return new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
  }
}
