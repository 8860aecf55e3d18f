package org.crampcare.fhir;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.crampcare.patient.MedicationClass;

/**
 * The inbound medication tables, in the order the knowledge base (section E) says to match: RxNorm
 * ingredient RXCUIs (A5), a curated table of RxNorm clinical-drug codes seen in real data (E), ATC
 * class prefixes ({@link MedicationClass#atcPrefixes()}), then ingredient names in the text.
 *
 * <p>Only classes that exist in {@link MedicationClass} and only drugs the knowledge base lists
 * under them are here. Known gaps, left out on purpose: amlodipine (a dihydropyridine calcium
 * channel blocker, ATC C08CA01, not listed in the knowledge base), brand names such as Lasix,
 * spironolactone (RXCUI 9997 is listed, but it is neither a loop nor a thiazide diuretic), and the
 * RxNorm clinical-drug codes of products the knowledge base does not name (for example Synthea's
 * 316049 "Hydrochlorothiazide 25 MG", which the name step still matches).
 */
final class InboundMedicationCodes {
  private InboundMedicationCodes() {}

  /** RxNorm ingredient RXCUIs (knowledge base A5, CPIC drug table). */
  private static final ImmutableMap<String, MedicationClass> RXNORM_INGREDIENTS =
      ImmutableMap.<String, MedicationClass>builder()
          .put("4603", MedicationClass.LOOP_DIURETIC) // furosemide
          .put("5487", MedicationClass.THIAZIDE_DIURETIC) // hydrochlorothiazide
          .put("83367", MedicationClass.STATIN) // atorvastatin
          .put("36567", MedicationClass.STATIN) // simvastatin
          .put("301542", MedicationClass.STATIN) // rosuvastatin
          .put("42463", MedicationClass.STATIN) // pravastatin
          .put("435", MedicationClass.BETA2_AGONIST) // salbutamol (albuterol)
          .put("9071", MedicationClass.QUININE) // quinine
          .buildOrThrow();

  /** RxNorm clinical-drug codes met in real data (knowledge base E). */
  private static final ImmutableMap<String, MedicationClass> RXNORM_CLINICAL_DRUGS =
      ImmutableMap.<String, MedicationClass>builder()
          .put("310798", MedicationClass.THIAZIDE_DIURETIC) // Hydrochlorothiazide 25 MG Oral Tablet
          .put("314231", MedicationClass.STATIN) // Simvastatin 10 MG Oral Tablet
          .put("312961", MedicationClass.STATIN) // Simvastatin 20 MG Oral Tablet
          .put("198211", MedicationClass.STATIN) // simvastatin 40 MG Oral Tablet
          .put("617312", MedicationClass.STATIN) // atorvastatin 10 MG Oral Tablet
          .put("316672", MedicationClass.STATIN) // "Simvistatin 10 MG" (sic)
          .put("849574", MedicationClass.NAPROXEN) // Naproxen sodium 220 MG Oral Tablet
          .put("198014", MedicationClass.NAPROXEN) // Naproxen 500 MG Oral Tablet
          .put("351137", MedicationClass.BETA2_AGONIST) // albuterol ... Inhalation Solution
          .put("351136", MedicationClass.BETA2_AGONIST) // albuterol ... Inhalation Solution
          .buildOrThrow();

  /** An ingredient name and its class, matched as a whole word, ignoring case. */
  record Name(String name, MedicationClass medicationClass, Pattern pattern) {
    static Name of(String name, MedicationClass medicationClass) {
      return new Name(
          name, medicationClass, Pattern.compile("(?<![a-z])" + Pattern.quote(name) + "(?![a-z])"));
    }
  }

  /**
   * Ingredient names (knowledge base A5, B2 and B6; both spellings where the knowledge base or
   * common usage has two: salbutamol/albuterol, chlortalidone/chlorthalidone,
   * torasemide/torsemide). More specific names come first.
   */
  private static final ImmutableList<Name> NAMES =
      ImmutableList.of(
          Name.of("furosemide", MedicationClass.LOOP_DIURETIC),
          Name.of("bumetanide", MedicationClass.LOOP_DIURETIC),
          Name.of("torasemide", MedicationClass.LOOP_DIURETIC),
          Name.of("torsemide", MedicationClass.LOOP_DIURETIC),
          Name.of("hydrochlorothiazide", MedicationClass.THIAZIDE_DIURETIC),
          Name.of("chlortalidone", MedicationClass.THIAZIDE_DIURETIC),
          Name.of("chlorthalidone", MedicationClass.THIAZIDE_DIURETIC),
          Name.of("indapamide", MedicationClass.THIAZIDE_DIURETIC),
          Name.of("simvastatin", MedicationClass.STATIN),
          Name.of("atorvastatin", MedicationClass.STATIN),
          Name.of("rosuvastatin", MedicationClass.STATIN),
          Name.of("pravastatin", MedicationClass.STATIN),
          Name.of("albuterol", MedicationClass.BETA2_AGONIST),
          Name.of("salbutamol", MedicationClass.BETA2_AGONIST),
          Name.of("nifedipine", MedicationClass.DIHYDROPYRIDINE_CCB),
          Name.of("raloxifene", MedicationClass.RALOXIFENE),
          Name.of("conjugated estrogens", MedicationClass.CONJUGATED_ESTROGENS),
          Name.of("teriparatide", MedicationClass.TERIPARATIDE),
          Name.of("naproxen", MedicationClass.NAPROXEN),
          Name.of("iron sucrose", MedicationClass.IV_IRON),
          Name.of("bisacodyl", MedicationClass.LAXATIVE),
          Name.of("quinine", MedicationClass.QUININE),
          Name.of("magnesium", MedicationClass.MAGNESIUM_SUPPLEMENT));

  static Optional<MedicationClass> rxnormIngredient(String rxcui) {
    return Optional.ofNullable(RXNORM_INGREDIENTS.get(rxcui));
  }

  static Optional<MedicationClass> rxnormClinicalDrug(String rxcui) {
    return Optional.ofNullable(RXNORM_CLINICAL_DRUGS.get(rxcui));
  }

  /** Returns the class whose ATC prefix the code starts with (ignoring case and spaces). */
  static Optional<MedicationClass> atc(String code) {
    String normalised = code.replace(" ", "").toUpperCase(Locale.ROOT);
    if (normalised.isEmpty()) {
      return Optional.empty();
    }
    for (MedicationClass medicationClass : MedicationClass.values()) {
      for (String prefix : medicationClass.atcPrefixes()) {
        if (normalised.startsWith(prefix)) {
          return Optional.of(medicationClass);
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the first known ingredient named in the text, as a whole word, ignoring case. */
  static Optional<Name> name(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (Name name : NAMES) {
      if (name.pattern().matcher(lower).find()) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
