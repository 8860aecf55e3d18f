package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.fhir.OutboundTestSupport.CTX;
import static org.crampcare.fhir.OutboundTestSupport.EXPORTER;
import static org.crampcare.fhir.OutboundTestSupport.VALIDATOR;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.crampcare.fhir.OutboundTestSupport.Scenario;
import org.crampcare.fhir.ValidationReport.Issue;
import org.crampcare.fhir.ValidationReport.Severity;
import org.crampcare.testing.Episodes;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CrampCareValidatorTest {

  @Nested
  class Lifecycle {
    @Test
    void constructor_doesNotStartTheValidator() {
      CrampCareValidator validator = new CrampCareValidator(CTX);

      assertThat(validator.isStarted()).isFalse();
    }

    @Test
    void validate_startsTheValidatorOnce() {
      VALIDATOR.validate(new Observation());

      assertThat(VALIDATOR.isStarted()).isTrue();
      assertThat(VALIDATOR.engine()).isSameAs(VALIDATOR.engine());
    }

    @Test
    void constructor_nonR4Context_isRejected() {
      assertThatThrownBy(() -> new CrampCareValidator(FhirContext.forR5Cached()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("FhirContext is for FHIR R5; expected an R4 context (FhirContext.forR4())");
    }
  }

  @Nested
  class Reports {
    @Test
    void validate_validEpisode_isValidWithOnlyTerminologyWarnings() {
      Observation o =
          EpisodeObservations.toObservation(Episodes.anEpisode("e").build(), "Patient/p");

      ValidationReport report = VALIDATOR.validate(o);

      assertThat(report.isValid()).isTrue();
      assertThat(report.warnings())
          .isNotEmpty()
          .allSatisfy(w -> assertThat(w.message()).matches(OutboundTestSupport.EXPECTED_WARNING));
    }

    @Test
    void validate_episodeWithoutSubject_isInvalidNamingTheElement() {
      Observation o =
          EpisodeObservations.toObservation(Episodes.anEpisode("e").build(), "Patient/p");
      o.setSubject(null);

      ValidationReport report = VALIDATOR.validate(o);

      assertThat(report.isValid()).isFalse();
      assertThat(report.errors())
          .extracting(Issue::message)
          .containsExactly(
              "Observation.subject: minimum required = 1, but only found 0 (from"
                  + " https://crampcare.org/fhir/StructureDefinition/cramp-episode|0.1.0)");
    }

    @Test
    void report_errorsAreFatalAndError_warningsAreWarnings() {
      ValidationReport report =
          new ValidationReport(
              List.of(
                  new Issue(Severity.FATAL, "A", "fatal"),
                  new Issue(Severity.ERROR, "B", "error"),
                  new Issue(Severity.WARNING, "C", "warning"),
                  new Issue(Severity.INFORMATION, "D", "info")));

      assertThat(report.errors()).extracting(Issue::message).containsExactly("fatal", "error");
      assertThat(report.warnings()).extracting(Issue::message).containsExactly("warning");
      assertThat(report.isValid()).isFalse();
      assertThat(report.toString())
          .isEqualTo("FATAL A: fatal\nERROR B: error\nWARNING C: warning\nINFORMATION D: info");
    }
  }

  @Nested
  class Sharing {
    @Test
    void validate_fromManyThreads_givesTheSameReport() throws Exception {
      Scenario s = OutboundTestSupport.possibleDeepVeinThrombosis();
      Bundle bundle = EXPORTER.toTransaction(s.assessment(), s.patient(), s.episodes());
      String json = CTX.newJsonParser().encodeResourceToString(bundle);
      String expected = VALIDATOR.validate(bundle).toString();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<String>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          futures.add(
              pool.submit(
                  () ->
                      VALIDATOR
                          .validate(CTX.newJsonParser().parseResource(Bundle.class, json))
                          .toString()));
        }
        for (Future<String> f : futures) {
          assertThat(f.get(5, TimeUnit.MINUTES)).isEqualTo(expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
