package org.crampcare.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.crampcare.terminology.CodeSystems;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LabTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 21);
  private static final Period YEAR = Period.ofMonths(12);

  private static LabResult result(Analyte analyte, double value, String unit) {
    return LabResult.of("l1", analyte, value, unit, AS_OF.minusDays(5));
  }

  private static LabInterpretation interpret(LabResult result) {
    return LabInterpreter.interpret(result, AS_OF, YEAR);
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  @Nested
  class UnitConversion {

    @ParameterizedTest(name = "{0} {1} {2} = {3} in the canonical unit")
    @CsvSource({
      "CALCIUM_TOTAL, 10, mg/dL, 2.495",
      "CALCIUM_IONIZED, 4.8, mg/dL, 1.19760",
      "CALCIUM_TOTAL, 4.8, mEq/L, 2.4",
      "CALCIUM_TOTAL, 2.3, mmol/L, 2.3",
      "MAGNESIUM, 2, mg/dL, 0.8228",
      "MAGNESIUM, 1.6, meq/L, 0.8",
      "MAGNESIUM, 1.6, MEQ/L, 0.8",
      "POTASSIUM, 4.1, mEq/L, 4.1",
      "POTASSIUM, 10, mg/dL, 2.558",
      "SODIUM, 140, mEq/L, 140",
      "SODIUM, 100, mg/dL, 43.5",
      "VITAMIN_D_25OH, 75, nmol/L, 30.045",
      "VITAMIN_D_25OH, 30, ng/mL, 30",
      "EGFR, 42, mL/min, 42",
      "TSH, 2.5, u[IU]/mL, 2.5",
    })
    void canonicalValue_usesTheKnowledgeBaseFactor(
        Analyte analyte, double value, String unit, double canonical) {
      assertThat(result(analyte, value, unit).canonicalValue()).isCloseTo(canonical, within(1e-9));
    }

    @Test
    void unit_isMatchedIgnoringCaseAndStoredInItsUcumSpelling() {
      assertThat(result(Analyte.POTASSIUM, 4.0, "mEq/L").unit()).isEqualTo("meq/L");
      assertThat(result(Analyte.POTASSIUM, 4.0, "MMOL/L").unit()).isEqualTo("mmol/L");
      assertThat(Analyte.MAGNESIUM.knownUnit("MG/DL")).contains("mg/dL");
      assertThat(Analyte.MAGNESIUM.knownUnit("mg")).isEmpty();
    }

    @Test
    void unknownUnit_isAnErrorForThatResultNamingWhatIsAllowed() {
      assertThatThrownBy(() -> result(Analyte.POTASSIUM, 4.0, "mg"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "lab l1 (potassium): unit 'mg' is not a unit of potassium; expected one of mmol/L,"
                  + " meq/L, mg/dL");
      assertThatThrownBy(() -> result(Analyte.CREATINE_KINASE, 4.0, "mmol/L"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "lab l1 (creatine-kinase): unit 'mmol/L' is not a unit of creatine kinase; expected"
                  + " one of U/L");
    }

    @Test
    void factorToCanonical_unknownUnit_isRejected() {
      assertThatThrownBy(() -> Analyte.MAGNESIUM.factorToCanonical("g/L"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("'g/L' is not a unit of magnesium; expected one of mmol/L, meq/L, mg/dL");
      assertThat(Analyte.MAGNESIUM.factorToCanonical("mg/dL")).isEqualTo(0.4114);
      assertThat(Analyte.CALCIUM_TOTAL.factorToCanonical("meq/L")).isEqualTo(0.5);
      assertThat(Analyte.VITAMIN_D_25OH.factorToCanonical("nmol/L")).isEqualTo(0.4006);
    }

    @Test
    void units_listTheCanonicalUnitFirst() {
      for (Analyte analyte : Analyte.values()) {
        assertThat(analyte.units()).first().isEqualTo(analyte.canonicalUnit());
      }
    }
  }

  @Nested
  class ResultValidation {

    @Test
    void negativeValue_isRejected() {
      assertThatThrownBy(() -> result(Analyte.SODIUM, -1, "mmol/L"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("lab l1 (sodium): value must not be negative, got -1.0");
    }

    @Test
    void zeroValue_isAccepted() {
      assertThat(result(Analyte.CREATINE_KINASE, 0, "U/L").value()).isEqualByComparingTo("0");
    }

    @Test
    void blankId_isRejected() {
      assertThatThrownBy(() -> LabResult.of(" ", Analyte.SODIUM, 140, "mmol/L", AS_OF))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("lab.id must not be blank");
    }

    @Test
    void referenceRange_lowAboveHigh_isRejected() {
      assertThatThrownBy(() -> ReferenceRange.of(5.1, 3.5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("referenceRange.low 5.1 must not be above referenceRange.high 3.5");
    }

    @Test
    void referenceRange_withoutBounds_isRejected() {
      assertThatThrownBy(() -> new ReferenceRange(Optional.empty(), Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("referenceRange must have a low or a high bound");
    }

    @Test
    void referenceRange_describesEachShape() {
      assertThat(ReferenceRange.of(dec("3.5"), dec("5.1")).describe()).isEqualTo("3.5-5.1");
      assertThat(ReferenceRange.of(4, 4).describe()).isEqualTo("4.0-4.0");
      assertThat(new ReferenceRange(Optional.of(dec("60")), Optional.empty()).describe())
          .isEqualTo(">= 60");
      assertThat(new ReferenceRange(Optional.empty(), Optional.of(dec("5.7"))).describe())
          .isEqualTo("<= 5.7");
    }
  }

  @Nested
  class Interpretations {

    @Test
    void labRange_isPreferredOverTheAdultDefault() {
      LabInterpretation i = interpret(result(Analyte.POTASSIUM, 3.4, "mmol/L").withRange(3.3, 5.1));

      assertThat(i.interpretation()).isEqualTo(Interpretation.NORMAL);
      assertThat(i.rangeSource()).isEqualTo(RangeSource.LAB);
      assertThat(i.range()).contains(ReferenceRange.of(3.3, 5.1));
      assertThat(interpret(result(Analyte.POTASSIUM, 3.4, "mmol/L")).interpretation())
          .isEqualTo(Interpretation.LOW);
    }

    @Test
    void adultDefault_isUsedWithoutALabRange() {
      LabInterpretation i = interpret(result(Analyte.POTASSIUM, 5.3, "mmol/L"));

      assertThat(i.interpretation()).isEqualTo(Interpretation.HIGH);
      assertThat(i.rangeSource()).isEqualTo(RangeSource.ADULT_DEFAULT);
      assertThat(i.range()).contains(ReferenceRange.of(3.5, 5.0));
      assertThat(i.describe())
          .isEqualTo("potassium 5.3 mmol/L on 2026-11-16, above 5.0 (adult default range 3.5-5.0)");
    }

    @ParameterizedTest(name = "{0} in {1}: default range {2}-{3}")
    @CsvSource({
      "CALCIUM_TOTAL, mg/dL, 8.497, 10.2204",
      "CALCIUM_TOTAL, meq/L, 4.24, 5.1",
      "CALCIUM_IONIZED, mg/dL, 4.6493, 5.2906",
      "MAGNESIUM, mg/dL, 1.7015, 2.212",
      "MAGNESIUM, meq/L, 1.4, 1.82",
      "POTASSIUM, mg/dL, 13.6826, 19.5465",
      "SODIUM, meq/L, 135, 145",
    })
    void adultDefault_isExpressedInTheResultsUnit(
        Analyte analyte, String unit, String low, String high) {
      LabInterpretation i = interpret(result(analyte, 1, unit));

      assertThat(i.range()).isPresent();
      assertThat(i.range().get().low())
          .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(low));
      assertThat(i.range().get().high())
          .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(high));
    }

    @Test
    void calciumInMgPerDl_isJudgedAgainstTheConvertedDefault() {
      assertThat(interpret(result(Analyte.CALCIUM_TOTAL, 8.4, "mg/dL")).interpretation())
          .isEqualTo(Interpretation.LOW);
      assertThat(interpret(result(Analyte.CALCIUM_TOTAL, 8.5, "mg/dL")).interpretation())
          .isEqualTo(Interpretation.NORMAL);
      assertThat(interpret(result(Analyte.CALCIUM_TOTAL, 10.3, "mg/dL")).interpretation())
          .isEqualTo(Interpretation.HIGH);
      assertThat(interpret(result(Analyte.CALCIUM_TOTAL, 8.4, "mg/dL")).describe())
          .isEqualTo(
              "total calcium 8.4 mg/dL on 2026-11-16, below 8.497 (adult default range"
                  + " 8.497-10.2204)");
    }

    @ParameterizedTest(name = "{0} against 3.5-5.1 is {1}")
    @CsvSource({"3.49, LOW", "3.5, NORMAL", "4.2, NORMAL", "5.1, NORMAL", "5.11, HIGH"})
    void bounds_areInclusive(double value, Interpretation expected) {
      LabInterpretation i =
          interpret(result(Analyte.POTASSIUM, value, "mmol/L").withRange(3.5, 5.1));

      assertThat(i.interpretation()).isEqualTo(expected);
    }

    @Test
    void oneSidedLabRange_judgesOnlyThatSide() {
      LabResult egfr =
          new LabResult(
              "l1",
              Analyte.EGFR,
              dec("45"),
              "mL/min/{1.73_m2}",
              AS_OF,
              Optional.of(new ReferenceRange(Optional.of(dec("60")), Optional.empty())));
      LabInterpretation low = interpret(egfr);

      assertThat(low.interpretation()).isEqualTo(Interpretation.LOW);
      assertThat(low.describe())
          .isEqualTo("eGFR 45 mL/min/{1.73_m2} on 2026-11-21, below 60 (lab range >= 60)");
      assertThat(low.multipleOfUpperLimit()).isEmpty();

      LabResult hba1c =
          new LabResult(
              "l2",
              Analyte.HBA1C,
              dec("4.0"),
              "%",
              AS_OF,
              Optional.of(new ReferenceRange(Optional.empty(), Optional.of(dec("5.7")))));
      assertThat(interpret(hba1c).interpretation()).isEqualTo(Interpretation.NORMAL);
      assertThat(interpret(hba1c).describe())
          .isEqualTo("HbA1c 4.0 % on 2026-11-21, within range (lab range <= 5.7)");
    }

    @Test
    void noRange_isUnknownAndSaysSo() {
      LabInterpretation i = interpret(result(Analyte.TSH, 7.0, "m[IU]/L"));

      assertThat(i.interpretation()).isEqualTo(Interpretation.UNKNOWN);
      assertThat(i.rangeSource()).isEqualTo(RangeSource.NONE);
      assertThat(i.range()).isEmpty();
      assertThat(i.isCurrentAndAbnormal()).isFalse();
      assertThat(i.multipleOfUpperLimit()).isEmpty();
      assertThat(i.describe()).isEqualTo("TSH 7.0 m[IU]/L on 2026-11-16, no reference range known");
    }

    @Test
    void multipleOfUpperLimit_dividesByTheHighBound() {
      LabInterpretation i =
          interpret(result(Analyte.CREATINE_KINASE, 1000, "U/L").withRange(30, 200));

      assertThat(i.multipleOfUpperLimit()).contains(5.0);
      assertThat(i.isCurrentAndAbnormal()).isTrue();
      assertThat(i.describe())
          .isEqualTo(
              "creatine kinase 1000.0 U/L on 2026-11-16, above 200.0 (lab range 30.0-200.0)");
    }

    @Test
    void multipleOfUpperLimit_zeroHighBound_isEmpty() {
      LabInterpretation i = interpret(result(Analyte.CREATINE_KINASE, 10, "U/L").withRange(0, 0));

      assertThat(i.multipleOfUpperLimit()).isEmpty();
    }
  }

  @Nested
  class Currency {

    @Test
    void exactlyTwelveMonthsOld_isStillCurrent() {
      LabResult r = LabResult.of("l1", Analyte.SODIUM, 130, "mmol/L", LocalDate.of(2025, 11, 21));

      assertThat(LabInterpreter.interpret(r, AS_OF, YEAR).current()).isTrue();
      assertThat(LabInterpreter.interpret(r, AS_OF, YEAR).isCurrentAndAbnormal()).isTrue();
    }

    @Test
    void oneDayOlderThanTwelveMonths_isStale() {
      LabResult r = LabResult.of("l1", Analyte.SODIUM, 130, "mmol/L", LocalDate.of(2025, 11, 20));

      LabInterpretation i = LabInterpreter.interpret(r, AS_OF, YEAR);

      assertThat(i.current()).isFalse();
      assertThat(i.interpretation()).isEqualTo(Interpretation.LOW);
      assertThat(i.isCurrentAndAbnormal()).isFalse();
    }

    @Test
    void maxAge_isConfigurable() {
      LabResult r = LabResult.of("l1", Analyte.SODIUM, 140, "mmol/L", LocalDate.of(2026, 8, 1));

      assertThat(LabInterpreter.interpret(r, AS_OF, Period.ofMonths(3)).current()).isFalse();
      assertThat(LabInterpreter.interpret(r, AS_OF, Period.ofMonths(4)).current()).isTrue();
    }

    @Test
    void futureDated_isNotCurrent() {
      LabResult r = LabResult.of("l1", Analyte.SODIUM, 140, "mmol/L", AS_OF.plusDays(1));

      assertThat(LabInterpreter.interpret(r, AS_OF, YEAR).current()).isFalse();
      assertThat(
              LabInterpreter.interpret(
                      LabResult.of("l2", Analyte.SODIUM, 140, "mmol/L", AS_OF), AS_OF, YEAR)
                  .current())
          .isTrue();
    }
  }

  @Nested
  class Analytes {

    @ParameterizedTest
    @CsvSource({
      "2823-3, POTASSIUM",
      "6298-4, POTASSIUM",
      "2947-0, SODIUM",
      "49765-1, CALCIUM_TOTAL",
      "1994-3, CALCIUM_IONIZED",
      "19123-9, MAGNESIUM",
      "2157-6, CREATINE_KINASE",
      "3016-3, TSH",
      "4548-4, HBA1C",
      "33914-3, EGFR",
      "98979-8, EGFR",
      "62292-8, VITAMIN_D_25OH",
    })
    void fromLoinc_findsTheAnalyte(String loinc, Analyte analyte) {
      assertThat(Analyte.fromLoinc(loinc)).contains(analyte);
    }

    @Test
    void fromLoinc_unknownCode_isEmpty() {
      assertThat(Analyte.fromLoinc("38483-4")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Analyte.class)
    void loincCodes_areInTheLoincSystem(Analyte analyte) {
      assertThat(analyte.loincCodes())
          .isNotEmpty()
          .allSatisfy(c -> assertThat(c.system()).isEqualTo(CodeSystems.LOINC));
      assertThat(analyte.isElectrolyte())
          .isEqualTo(
              analyte == Analyte.POTASSIUM
                  || analyte == Analyte.SODIUM
                  || analyte == Analyte.CALCIUM_TOTAL
                  || analyte == Analyte.CALCIUM_IONIZED
                  || analyte == Analyte.MAGNESIUM);
    }

    @Test
    void adultDefaults_existOnlyWhereTheKnowledgeBaseDocumentsThem() {
      assertThat(Analyte.MAGNESIUM.adultDefault()).contains(ReferenceRange.of(0.70, 0.91));
      assertThat(Analyte.CALCIUM_TOTAL.adultDefault()).contains(ReferenceRange.of(2.12, 2.55));
      assertThat(Analyte.CREATINE_KINASE.adultDefault()).isEmpty();
      assertThat(Analyte.TSH.adultDefault()).isEmpty();
      assertThat(Analyte.EGFR.adultDefault()).isEmpty();
      assertThat(Analyte.VITAMIN_D_25OH.display()).isEqualTo("25-OH vitamin D");
      assertThat(RangeSource.ADULT_DEFAULT.code()).isEqualTo("adult-default");
      assertThat(Interpretation.UNKNOWN.code()).isEqualTo("unknown");
    }
  }
}
