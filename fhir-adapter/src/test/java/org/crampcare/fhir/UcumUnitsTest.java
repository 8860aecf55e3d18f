package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.crampcare.lab.Analyte;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UcumUnitsTest {
  @ParameterizedTest(name = "{0} ''{1}'' is {2}")
  @CsvSource({
    "EGFR, mL/min/1.73 m2, mL/min/{1.73_m2}",
    "EGFR, mL/min/1.73m2, mL/min/{1.73_m2}",
    "EGFR, ml/min/1.73m^2, mL/min/{1.73_m2}",
    "POTASSIUM, mmol/l, mmol/L",
    "POTASSIUM, mEq/L, meq/L",
    "CREATINE_KINASE, U/l, U/L",
  })
  void normalise_unambiguousUnitText_givesTheAnalytesUcumUnit(
      Analyte analyte, String text, String unit) {
    assertThat(UcumUnits.normalise(analyte, text)).contains(unit);
  }

  @ParameterizedTest(name = "{0} ''{1}''")
  @CsvSource({
    "POTASSIUM, mg",
    "POTASSIUM, per litre",
    "EGFR, mL/min/m2",
    "CREATINE_KINASE, IU/L",
  })
  void normalise_otherDimensionOrNotUcum_isNotGuessed(Analyte analyte, String text) {
    assertThat(UcumUnits.normalise(analyte, text)).isEmpty();
  }
}
