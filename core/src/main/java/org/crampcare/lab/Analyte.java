package org.crampcare.lab;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Locale;
import java.util.Optional;
import org.crampcare.terminology.CodeSystems;
import org.crampcare.terminology.Coded;
import org.crampcare.terminology.Coding;
import org.jspecify.annotations.Nullable;

/**
 * A laboratory analyte relevant to cramps, with the units it may be reported in, the factor that
 * converts each to the canonical unit, its LOINC codes and, where the knowledge base documents one,
 * a typical adult reference interval.
 *
 * <p>Conversion factors are the knowledge base's (A4, CIAAW 2021 atomic weights): calcium mg/dL x
 * 0.2495 = mmol/L; magnesium mg/dL x 0.4114 = mmol/L; potassium mg/dL x 0.2558; sodium mg/dL x
 * 0.4350; for calcium and magnesium mEq/L = 2 x mmol/L, for potassium and sodium mEq/L = mmol/L;
 * 25-OH vitamin D nmol/L x 0.4006 = ng/mL.
 */
public enum Analyte implements Coded {
  /** Potassium in serum, plasma or blood. */
  POTASSIUM(
      "potassium",
      "potassium",
      "mmol/L",
      ImmutableMap.of("mmol/L", 1.0, "meq/L", 1.0, "mg/dL", 0.2558),
      range(3.5, 5.0),
      loinc("2823-3", "Potassium [Moles/volume] in Serum or Plasma"),
      loinc("6298-4", "Potassium [Moles/volume] in Blood")),
  /** Sodium in serum, plasma or blood. */
  SODIUM(
      "sodium",
      "sodium",
      "mmol/L",
      ImmutableMap.of("mmol/L", 1.0, "meq/L", 1.0, "mg/dL", 0.4350),
      range(135, 145),
      loinc("2951-2", "Sodium [Moles/volume] in Serum or Plasma"),
      loinc("2947-0", "Sodium [Moles/volume] in Blood")),
  /** Total calcium. Adult default 8.5-10.2 mg/dL, i.e. 2.12-2.55 mmol/L. */
  CALCIUM_TOTAL(
      "calcium-total",
      "total calcium",
      "mmol/L",
      ImmutableMap.of("mmol/L", 1.0, "meq/L", 0.5, "mg/dL", 0.2495),
      range(2.12, 2.55),
      loinc("17861-6", "Calcium [Mass/volume] in Serum or Plasma"),
      loinc("2000-8", "Calcium [Moles/volume] in Serum or Plasma"),
      loinc("49765-1", "Calcium [Mass/volume] in Blood")),
  /** Ionized calcium. Adult default 1.16-1.32 mmol/L. */
  CALCIUM_IONIZED(
      "calcium-ionized",
      "ionized calcium",
      "mmol/L",
      ImmutableMap.of("mmol/L", 1.0, "meq/L", 0.5, "mg/dL", 0.2495),
      range(1.16, 1.32),
      loinc("1994-3", "Calcium.ionized [Moles/volume] in Blood"),
      loinc("1995-0", "Calcium.ionized [Moles/volume] in Serum or Plasma"),
      loinc("17863-2", "Calcium.ionized [Mass/volume] in Serum or Plasma")),
  /**
   * Magnesium. Adult default 1.7-2.2 mg/dL, i.e. 0.70-0.91 mmol/L (not the inconsistent 0.85-1.10
   * mmol/L of some pages, knowledge base problem 6).
   */
  MAGNESIUM(
      "magnesium",
      "magnesium",
      "mmol/L",
      ImmutableMap.of("mmol/L", 1.0, "meq/L", 0.5, "mg/dL", 0.4114),
      range(0.70, 0.91),
      loinc("19123-9", "Magnesium [Mass/volume] in Serum or Plasma"),
      loinc("2601-3", "Magnesium [Moles/volume] in Serum or Plasma"),
      loinc("2593-2", "Magnesium [Moles/volume] in Blood"),
      loinc("21377-7", "Magnesium [Mass/volume] in Blood")),
  /** Creatine kinase; no adult default, the lab's range is needed. */
  CREATINE_KINASE(
      "creatine-kinase",
      "creatine kinase",
      "U/L",
      ImmutableMap.of("U/L", 1.0),
      null,
      loinc("2157-6", "Creatine kinase [Enzymatic activity/volume] in Serum or Plasma")),
  /** Thyrotropin (TSH); no adult default, the lab's range is needed. */
  TSH(
      "tsh",
      "TSH",
      "m[IU]/L",
      ImmutableMap.of("m[IU]/L", 1.0, "u[IU]/mL", 1.0),
      null,
      loinc("3016-3", "Thyrotropin [Units/volume] in Serum or Plasma"),
      loinc(
          "11580-8",
          "Thyrotropin [Units/volume] in Serum or Plasma by Detection limit <= 0.005 mIU/L")),
  /** Haemoglobin A1c (NGSP %); no adult default, the lab's range is needed. */
  HBA1C(
      "hba1c",
      "HbA1c",
      "%",
      ImmutableMap.of("%", 1.0),
      null,
      loinc("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood")),
  /**
   * Estimated glomerular filtration rate. {@code mL/min} is accepted as the same quantity because
   * real data (Synthea) labels eGFR that way (knowledge base E).
   */
  EGFR(
      "egfr",
      "eGFR",
      "mL/min/{1.73_m2}",
      ImmutableMap.of("mL/min/{1.73_m2}", 1.0, "mL/min", 1.0),
      null,
      loinc(
          "98979-8",
          "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or"
              + " Blood by Creatinine-based formula (CKD-EPI 2021)"),
      loinc(
          "98980-6",
          "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or"
              + " Blood by Creatinine and Cystatin C-based formula (CKD-EPI 2021)"),
      loinc(
          "62238-1",
          "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or"
              + " Blood by Creatinine-based formula (CKD-EPI)"),
      loinc(
          "33914-3",
          "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by"
              + " Creatinine-based formula (MDRD)")),
  /** 25-hydroxyvitamin D (D2 + D3); no adult default, the lab's range is needed. */
  VITAMIN_D_25OH(
      "vitamin-d-25oh",
      "25-OH vitamin D",
      "ng/mL",
      ImmutableMap.of("ng/mL", 1.0, "nmol/L", 0.4006),
      null,
      loinc(
          "62292-8", "25-Hydroxyvitamin D3+25-Hydroxyvitamin D2 [Mass/volume] in Serum or Plasma"),
      loinc(
          "68438-1",
          "25-Hydroxyvitamin D3+25-Hydroxyvitamin D2 [Moles/volume] in Serum or Plasma"));

  private final String code;
  private final String display;
  private final String canonicalUnit;
  private final ImmutableMap<String, Double> toCanonical;
  private final @Nullable ReferenceRange adultDefault;
  // The adult default in each accepted unit, converted once (a result in mg/dL is judged against
  // the default in mg/dL); empty without a default.
  private final ImmutableMap<String, ReferenceRange> adultDefaultByUnit;
  private final ImmutableList<Coding> loincCodes;

  Analyte(
      String code,
      String display,
      String canonicalUnit,
      ImmutableMap<String, Double> toCanonical,
      @Nullable ReferenceRange adultDefault,
      Coding... loincCodes) {
    this.code = code;
    this.display = display;
    this.canonicalUnit = canonicalUnit;
    this.toCanonical = toCanonical;
    this.adultDefault = adultDefault;
    ImmutableMap.Builder<String, ReferenceRange> byUnit = ImmutableMap.builder();
    if (adultDefault != null) {
      toCanonical.forEach(
          (unit, factor) ->
              byUnit.put(unit, factor == 1.0 ? adultDefault : adultDefault.scaled(1.0 / factor)));
    }
    this.adultDefaultByUnit = byUnit.buildOrThrow();
    this.loincCodes = ImmutableList.copyOf(loincCodes);
  }

  private static ReferenceRange range(double low, double high) {
    return ReferenceRange.of(low, high);
  }

  private static Coding loinc(String code, String display) {
    return new Coding(CodeSystems.LOINC, code, display);
  }

  @Override
  public String code() {
    return code;
  }

  /** Returns the lower-case name used in texts, for example "potassium". */
  public String display() {
    return display;
  }

  /** Returns the UCUM unit that interpretation works in. */
  public String canonicalUnit() {
    return canonicalUnit;
  }

  /** Returns the accepted UCUM units, canonical first. */
  public ImmutableList<String> units() {
    return toCanonical.keySet().asList();
  }

  /**
   * Returns the accepted UCUM unit that equals {@code unit}, ignoring case (so {@code mEq/L} is
   * {@code meq/L}), or empty if the unit is not one of this analyte's.
   */
  public Optional<String> knownUnit(String unit) {
    if (toCanonical.containsKey(unit)) {
      return Optional.of(unit);
    }
    for (String known : toCanonical.keySet()) {
      if (known.toLowerCase(Locale.ROOT).equals(unit.toLowerCase(Locale.ROOT))) {
        return Optional.of(known);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the factor that converts a value in {@code unit} to the canonical unit.
   *
   * @throws IllegalArgumentException if {@code unit} is not one of this analyte's units
   */
  public double factorToCanonical(String unit) {
    Double exact = toCanonical.get(unit);
    if (exact != null) {
      return exact;
    }
    String known =
        knownUnit(unit)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        String.format(
                            "'%s' is not a unit of %s; expected one of %s",
                            unit, display, String.join(", ", units()))));
    Double factor = toCanonical.get(known);
    if (factor == null) {
      throw new AssertionError(known);
    }
    return factor;
  }

  /**
   * Returns the documented typical adult interval converted to one of this analyte's units (as
   * {@link #knownUnit} accepts it), if there is one.
   *
   * @throws IllegalArgumentException if {@code unit} is not one of this analyte's units
   */
  public Optional<ReferenceRange> adultDefaultIn(String unit) {
    if (adultDefault == null) {
      return Optional.empty();
    }
    ReferenceRange exact = adultDefaultByUnit.get(unit);
    if (exact != null) {
      return Optional.of(exact);
    }
    double factor = factorToCanonical(unit);
    return Optional.of(factor == 1.0 ? adultDefault : adultDefault.scaled(1.0 / factor));
  }

  /** Returns the documented typical adult interval in the canonical unit, if there is one. */
  public Optional<ReferenceRange> adultDefault() {
    return Optional.ofNullable(adultDefault);
  }

  /** Returns the LOINC codes that report this analyte. */
  public ImmutableList<Coding> loincCodes() {
    return loincCodes;
  }

  /** Returns the analyte reported by the given LOINC code, if it is one of ours. */
  public static Optional<Analyte> fromLoinc(String loincCode) {
    for (Analyte analyte : values()) {
      for (Coding coding : analyte.loincCodes) {
        if (coding.code().equals(loincCode)) {
          return Optional.of(analyte);
        }
      }
    }
    return Optional.empty();
  }

  /** Returns whether this analyte is an electrolyte (potassium, sodium, calcium, magnesium). */
  public boolean isElectrolyte() {
    return this == POTASSIUM
        || this == SODIUM
        || this == CALCIUM_TOTAL
        || this == CALCIUM_IONIZED
        || this == MAGNESIUM;
  }
}
