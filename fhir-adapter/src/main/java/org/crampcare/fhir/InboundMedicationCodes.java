package org.crampcare.fhir;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.crampcare.patient.MedicationClass;

/**
 * The inbound medication tables, in the order the knowledge base (section E) says to match: RxNorm
 * ingredient RXCUIs (A5), a curated table of RxNorm clinical-drug codes seen in real data (E), ATC
 * class prefixes ({@link MedicationClass#atcPrefixes()}), then ingredient names in the text.
 *
 * <p>Classes are matched by every member of their ATC group (knowledge base F): by ATC code, and by
 * the member's name from the eHDSI active-ingredient list, or a brand name. Spironolactone (RXCUI
 * 9997) is neither a loop nor a thiazide diuretic and stays out. RxNorm codes are matched only
 * where a verified source lists them; otherwise the name step matches (Synthea's 316049
 * "Hydrochlorothiazide 25 MG", for example).
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

  /**
   * A name and its class, matched as a whole word, ignoring case.
   *
   * @param name the name as matched (an ingredient, or a brand)
   * @param medicationClass the class
   * @param pattern the compiled whole-word pattern
   * @param brand whether the name is a brand (knowledge base F) rather than an ingredient
   */
  record Name(String name, MedicationClass medicationClass, Pattern pattern, boolean brand) {
    static Name of(String name, MedicationClass medicationClass) {
      return of(name, medicationClass, false);
    }

    static Name of(String name, MedicationClass medicationClass, boolean brand) {
      return new Name(
          name,
          medicationClass,
          Pattern.compile(
              "(?<![a-z])" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "(?![a-z])"),
          brand);
    }
  }

  /** Spellings the ATC list does not use (USAN and common usage), and the knowledge base's own. */
  private static final ImmutableList<Name> OTHER_SPELLINGS =
      ImmutableList.of(
          Name.of("torsemide", MedicationClass.LOOP_DIURETIC),
          Name.of("chlorthalidone", MedicationClass.THIAZIDE_DIURETIC),
          Name.of("albuterol", MedicationClass.BETA2_AGONIST),
          Name.of("conjugated estrogens", MedicationClass.CONJUGATED_ESTROGENS),
          Name.of("iron sucrose", MedicationClass.IV_IRON));

  /**
   * Ingredient names: every substance of each class's ATC group in the eHDSI active-ingredient list
   * (resource {@code inbound/atc-substances.tsv}), other spellings, then brands ({@code
   * inbound/brand-names.tsv}). Magnesium salts are not here: see {@link #magnesium}.
   */
  private static final ImmutableList<Name> NAMES = loadNames();

  private static ImmutableList<Name> loadNames() {
    Map<String, MedicationClass> byIngredient = new LinkedHashMap<>();
    for (String[] row : rows("inbound/atc-substances.tsv")) {
      String name = row[1];
      if (name.startsWith("magnesium")) {
        continue;
      }
      atc(row[0]).ifPresent(c -> byIngredient.putIfAbsent(name, c));
    }
    ImmutableList.Builder<Name> names = ImmutableList.builder();
    byIngredient.forEach((name, c) -> names.add(Name.of(name, c)));
    names.addAll(OTHER_SPELLINGS);
    for (Name other : OTHER_SPELLINGS) {
      byIngredient.putIfAbsent(other.name(), other.medicationClass());
    }
    for (String[] row : rows("inbound/brand-names.tsv")) {
      MedicationClass c = byIngredient.get(row[1]);
      if (c == null) {
        throw new IllegalStateException("brand " + row[0] + ": unknown ingredient " + row[1]);
      }
      names.add(Name.of(row[0], c, true));
    }
    names.add(Name.of("quinine", MedicationClass.QUININE));
    return names.build();
  }

  private static List<String[]> rows(String resource) {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = InboundMedicationCodes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      for (String line :
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        rows.add(line.split("\t"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** What a medication text says about magnesium. */
  enum Magnesium {
    /** No magnesium named. */
    NONE,
    /** A magnesium supplement (A12CC): the word "supplement", or a salt only A12CC lists. */
    SUPPLEMENT,
    /** A laxative or antacid with magnesium (A06AD, A02AA): not a supplement. */
    LAXATIVE_OR_ANTACID,
    /** Magnesium named, but the record does not say whether supplement, laxative or antacid. */
    UNCLEAR
  }

  private static final Pattern MAGNESIUM = Pattern.compile("magnesi(um|a)");
  private static final Pattern LAXATIVE_WORDS =
      Pattern.compile(
          "milk of magnesia|laxative|antacid|bowel|constipation|hydroxide|trisilicate|silicate");
  private static final Pattern SUPPLEMENT_WORDS =
      Pattern.compile(
          "supplement|chloride|gluconate|aspartate|lactate|levulinate|pidolate|orotate|glycinate");

  /** Classifies the magnesium in a medication text (knowledge base F). */
  static Magnesium magnesium(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!MAGNESIUM.matcher(lower).find()) {
      return Magnesium.NONE;
    }
    if (LAXATIVE_WORDS.matcher(lower).find()) {
      return Magnesium.LAXATIVE_OR_ANTACID;
    }
    if (SUPPLEMENT_WORDS.matcher(lower).find()) {
      return Magnesium.SUPPLEMENT;
    }
    return Magnesium.UNCLEAR;
  }

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

  /** Returns the first known ingredient or brand named in the text. */
  static Optional<Name> name(String text) {
    List<Name> all = names(text);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /**
   * Returns every known ingredient or brand named in the text, one per class, in list order: a
   * combination product ("amlodipine and atorvastatin") gives each of its classes.
   */
  static List<Name> names(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<Name> found = new ArrayList<>();
    Set<MedicationClass> classes = EnumSet.noneOf(MedicationClass.class);
    for (Name name : NAMES) {
      if (!classes.contains(name.medicationClass()) && name.pattern().matcher(lower).find()) {
        found.add(name);
        classes.add(name.medicationClass());
      }
    }
    return found;
  }
}
