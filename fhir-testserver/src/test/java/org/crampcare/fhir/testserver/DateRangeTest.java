package org.crampcare.fhir.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateRangeTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2026, 2026-01-01T00:00:00Z, 2027-01-01T00:00:00Z",
    "2026-02, 2026-02-01T00:00:00Z, 2026-03-01T00:00:00Z",
    "2026-11-01, 2026-11-01T00:00:00Z, 2026-11-02T00:00:00Z",
    "2026-11-01T10:00, 2026-11-01T10:00:00Z, 2026-11-01T10:01:00Z",
    "2026-11-01T10:00:30Z, 2026-11-01T10:00:30Z, 2026-11-01T10:00:31Z",
    "2026-11-01T10:00:30+05:30, 2026-11-01T04:30:30Z, 2026-11-01T04:30:31Z",
    "2026-11-01T10:00:30.250Z, 2026-11-01T10:00:30.250Z, 2026-11-01T10:00:30.251Z",
  })
  void parse_spansThePrecision_inUtcWhateverTheMachineZone(
      String text, Instant start, Instant end) {
    assertThat(DateRange.parse(text)).isEqualTo(new DateRange(start, end));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "eq, 2026-11-01, true",
    "eq, 2026-11, true",
    "eq, 2026-11-02, false",
    "ne, 2026-11-02, true",
    "ge, 2026-11-01, true",
    "ge, 2026-11-02, false",
    "le, 2026-11-01, true",
    "le, 2026-10-31, false",
    "gt, 2026-10-31, true",
    "gt, 2026-11-01, false",
    "lt, 2026-11-02, true",
    "lt, 2026-11-01, false",
    "sa, 2026-10-31, true",
    "eb, 2026-11-02, true",
  })
  void matches_aDayLongValue_followsTheFhirRangeRules(String prefix, String search, boolean want) {
    DateRange value = DateRange.parse("2026-11-01");

    assertThat(value.matches(DateRange.prefix(prefix + search), DateRange.parse(search)))
        .isEqualTo(want);
  }

  @ParameterizedTest
  @CsvSource({"2026-13", "yesterday", "2026-11-01T25:00Z"})
  void parse_notADate_namesTheValue(String text) {
    assertThatThrownBy(() -> DateRange.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'" + text + "' is not a FHIR date or dateTime; expected for example 2026-11-01");
  }

  @ParameterizedTest
  @CsvSource({"ap", "xx"})
  void unsupportedPrefix_isRejected(String prefix) {
    DateRange day = DateRange.parse("2026-11-01");

    assertThatThrownBy(() -> day.matches(DateRange.prefix(prefix + "2026-11-01"), day))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "date prefix '"
                + prefix
                + "' is not supported; expected eq, ne, gt, lt, ge, le, sa or eb");
  }
}
