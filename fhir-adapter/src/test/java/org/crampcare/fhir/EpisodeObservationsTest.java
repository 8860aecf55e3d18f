package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.time.Instant;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.testing.Episodes;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EpisodeObservationsTest {
  private static final FhirContext CTX = OutboundTestSupport.CTX;
  private static final String PATIENT = "Patient/p1";

  private static CrampEpisode leftCalfAtNight() {
    return Episodes.anEpisode("e-1")
        .calf()
        .left()
        .atNight()
        .severity(7)
        .lasting(Duration.ofMinutes(3))
        .with(AssociatedSign.SWELLING)
        .with(AssociatedSign.DARK_URINE)
        .relief(ReliefMeasure.STRETCHING, true)
        .relief(ReliefMeasure.HEAT, false)
        .impact(Impact.DISTURBED_SLEEP)
        .build();
  }

  @Nested
  class ToObservation {
    @Test
    void toObservation_leftCalfCramp_isCodedAsSymptomWithLowerLegCrampFinding() {
      Observation o = EpisodeObservations.toObservation(leftCalfAtNight(), PATIENT);

      assertThat(o.getMeta().getProfile().get(0).getValue()).isEqualTo(EpisodeObservations.PROFILE);
      assertThat(o.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
      assertThat(o.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("survey");
      assertThat(o.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
      assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo("75325-1");
      assertThat(o.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("449918009");
      assertThat(o.getSubject().getReference()).isEqualTo(PATIENT);
      assertThat(o.getIdentifierFirstRep().getSystem())
          .isEqualTo("https://crampcare.org/fhir/identifier/cramp-episode");
      assertThat(o.getIdentifierFirstRep().getValue()).isEqualTo("e-1");
    }

    @Test
    void toObservation_handCramp_isGenericCramp() {
      Observation o =
          EpisodeObservations.toObservation(Episodes.anEpisode("e-2").hand().build(), PATIENT);

      assertThat(o.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("55300003");
      assertThat(o.getBodySite().getCodingFirstRep().getCode()).isEqualTo("85562004");
      assertThat(o.getBodySite().getExtension()).isEmpty();
    }

    @Test
    void toObservation_leftSide_isLateralityExtensionOnBodySite() {
      Observation o = EpisodeObservations.toObservation(leftCalfAtNight(), PATIENT);

      Extension side =
          o.getBodySite()
              .getExtensionByUrl("https://crampcare.org/fhir/StructureDefinition/laterality");
      assertThat(side).isNotNull();
      assertThat(((CodeableConcept) side.getValue()).getCodingFirstRep().getCode())
          .isEqualTo("7771000");
      assertThat(o.getBodySite().getCodingFirstRep().getCode()).isEqualTo("53840002");
    }

    @Test
    void toObservation_period_runsFromOnsetToOnsetPlusDuration() {
      Observation o = EpisodeObservations.toObservation(leftCalfAtNight(), PATIENT);

      assertThat(o.getEffectivePeriod().getStartElement().getValueAsString())
          .isEqualTo("2026-11-20T10:00:00Z");
      assertThat(o.getEffectivePeriod().getEndElement().getValueAsString())
          .isEqualTo("2026-11-20T10:03:00Z");
    }

    @Test
    void toObservation_components_severityFirstThenSettingsSignsReliefImpacts() {
      Observation o = EpisodeObservations.toObservation(leftCalfAtNight(), PATIENT);

      assertThat(o.getComponent())
          .extracting(c -> c.getCode().getCodingFirstRep().getCode())
          .containsExactly(
              "72514-3",
              "during-sleep",
              "swelling",
              "dark-urine",
              "stretching",
              "heat",
              "disturbed-sleep");
      assertThat(o.getComponent().get(0).getValueIntegerType().getValue()).isEqualTo(7);
      assertThat(o.getComponent().get(5).getValueBooleanType().getValue()).isFalse();
      assertThat(o.getComponent().get(2).getCode().getCoding())
          .extracting(Coding::getCode)
          .containsExactly("swelling", "80068009");
    }

    @Test
    void toObservation_componentCodes_neverRepeatObservationCode() {
      Observation o = EpisodeObservations.toObservation(leftCalfAtNight(), PATIENT);

      assertThat(o.getComponent())
          .allSatisfy(
              c ->
                  assertThat(c.getCode().getCoding())
                      .noneMatch(coding -> "75325-1".equals(coding.getCode())));
    }

    @Test
    void toObservation_narrative_describesTheEpisodeWithoutPatientReference() {
      Observation o = EpisodeObservations.toObservation(leftCalfAtNight(), PATIENT);

      assertThat(o.getText().getStatus().toCode()).isEqualTo("generated");
      assertThat(o.getText().getDivAsString())
          .contains(
              "Cramp: Structure of calf of leg, left side; severity 7/10; from 2026-11-20T10:00:00Z for 3 min")
          .contains("Stretching (helped)")
          .doesNotContain("p1");
    }

    @Test
    void toObservation_blankPatientReference_isRejected() {
      assertThatThrownBy(() -> EpisodeObservations.toObservation(leftCalfAtNight(), " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("patientReference must not be blank; expected for example Patient/123");
    }

    @Test
    void toObservation_onsetBeyondYear9999_isRejected() {
      CrampEpisode e =
          Episodes.anEpisode("far").onset(Instant.parse("+10000-01-01T00:00:00Z")).build();

      assertThatThrownBy(() -> EpisodeObservations.toObservation(e, PATIENT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "episode far: onset +10000-01-01T00:00:00Z is outside the years 1-9999 that a FHIR"
                  + " dateTime can carry");
    }
  }

  @Nested
  class FromObservation {
    private Observation valid() {
      return EpisodeObservations.toObservation(leftCalfAtNight(), PATIENT);
    }

    @Test
    void fromObservation_withoutIdentifier_usesTypedResourceId() {
      Observation o = valid();
      o.getIdentifier().clear();
      o.setId("Observation/42/_history/3");

      assertThat(EpisodeObservations.fromObservation(o).id()).isEqualTo("Observation/42");
    }

    @Test
    void fromObservation_withoutIdentifierOrId_isRejected() {
      Observation o = valid();
      o.getIdentifier().clear();

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Observation (no id): neither an identifier in"
                  + " https://crampcare.org/fhir/identifier/cramp-episode nor a resource id;"
                  + " expected one to identify the episode");
    }

    @Test
    void fromObservation_wrongCode_isRejected() {
      Observation o =
          valid().setCode(EpisodeObservations.concept("http://loinc.org", "8867-4", "x"));
      o.setId("42");

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Observation/42: code is not LOINC 75325-1; expected the Symptom code");
    }

    @Test
    void fromObservation_missingBodySite_isASiteNotRecorded() {
      Observation o = valid().setBodySite(null);
      o.setId("42");

      assertThat(EpisodeObservations.fromObservation(o).site()).isEmpty();
    }

    @Test
    void fromObservation_unknownBodySite_isRejected() {
      Observation o =
          valid().setBodySite(EpisodeObservations.concept("http://snomed.info/sct", "12345", "x"));
      o.setId("42");

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "Observation/42: bodySite http://snomed.info/sct|12345 is not a body structure"
                  + " CrampCare knows; expected one of 85562004, 7569003,");
    }

    @Test
    void fromObservation_severityOutOfRange_isRejected() {
      Observation o = valid();
      o.setId("42");
      o.getComponentFirstRep().setValue(new IntegerType(11));

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Observation/42: component[0].valueInteger 11 is out of range; expected 0-10");
    }

    @Test
    void fromObservation_severityAsWholeScoreQuantity_isAccepted() {
      Observation o = valid();
      o.getComponentFirstRep().setValue(new Quantity(6).setUnit("{score}"));

      assertThat(EpisodeObservations.fromObservation(o).severity()).contains(6);
    }

    @Test
    void fromObservation_severityAsString_isRejected() {
      Observation o = valid();
      o.setId("42");
      o.getComponentFirstRep().setValue(new StringType("7"));

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Observation/42: component[0] has no severity value; expected valueInteger 0-10");
    }

    @Test
    void fromObservation_noSeverity_isASeverityNotRecorded() {
      Observation o = valid();
      o.setId("42");
      o.getComponent().remove(0);

      assertThat(EpisodeObservations.fromObservation(o).severity()).isEmpty();
    }

    @Test
    void toObservation_unknownDurationSeverityAndSite_writesOnlyWhatIsKnown() {
      CrampEpisode episode =
          CrampEpisode.builder("e1", java.time.Instant.parse("2026-11-20T02:30:00Z"))
              .offset(java.time.ZoneOffset.ofHoursMinutes(5, 30))
              .build();

      Observation o = EpisodeObservations.toObservation(episode, "Patient/p1");

      assertThat(o.getEffectiveDateTimeType().getValueAsString())
          .isEqualTo("2026-11-20T08:00:00+05:30");
      assertThat(o.hasBodySite()).isFalse();
      assertThat(o.getComponent()).isEmpty();
      assertThat(EpisodeObservations.fromObservation(o)).isEqualTo(episode);
    }

    @Test
    void toObservation_onsetKnownOnlyToTheDay_writesADate() {
      CrampEpisode episode =
          CrampEpisode.onDay("e1", java.time.LocalDate.of(2026, 11, 20), java.time.ZoneOffset.UTC)
              .build();

      Observation o = EpisodeObservations.toObservation(episode, "Patient/p1");

      assertThat(o.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-11-20");
      assertThat(EpisodeObservations.fromObservation(o)).isEqualTo(episode);
    }

    @Test
    void fromObservation_unknownSettingCode_isRejected() {
      Observation o = valid();
      o.setId("42");
      o.getComponent().get(1).getCode().getCodingFirstRep().setCode("on-the-moon");

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Observation/42: component[1].code 'on-the-moon' is not a known Setting; expected one"
                  + " of at-rest, during-sleep, during-exercise, after-exercise, repetitive-task,"
                  + " after-prolonged-sitting, cold-exposure");
    }

    @Test
    void fromObservation_foreignComponent_isRejectedNotDropped() {
      Observation o = valid();
      o.setId("42");
      o.addComponent()
          .setCode(EpisodeObservations.concept("http://loinc.org", "8867-4", "Heart rate"))
          .setValue(new BooleanType(true));

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Observation/42: component[7].code has no LOINC 72514-3 or CrampCare coding; expected"
                  + " a code from https://crampcare.org/fhir/CodeSystem/setting,"
                  + " https://crampcare.org/fhir/CodeSystem/associated-sign or"
                  + " https://crampcare.org/fhir/CodeSystem/relief-measure");
    }

    @Test
    void fromObservation_periodWithoutEnd_isRejected() {
      Observation o = valid();
      o.setId("42");
      o.getEffectivePeriod().setEndElement(null);

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Observation/42: effective[x] is missing; expected effectivePeriod with start and"
                  + " end, or effectiveDateTime");
    }

    @Test
    void fromObservation_dateOnlyStart_isRejected() {
      Observation o = valid();
      o.setId("42");
      o.getEffectivePeriod().setStartElement(new DateTimeType("2026-11-20"));

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Observation/42: effectivePeriod.start '2026-11-20' is not a date-time with seconds"
                  + " and a time zone; expected for example 2026-11-20T03:10:00Z");
    }

    @Test
    void fromObservation_endBeforeStart_isRejected() {
      Observation o = valid();
      o.setId("42");
      o.getEffectivePeriod().setEndElement(new DateTimeType("2026-11-20T09:00:00Z"));

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Observation/42: effectivePeriod.end 2026-11-20T09:00:00Z is not after start"
                  + " 2026-11-20T10:00:00Z; expected a positive duration");
    }

    @Test
    void fromObservation_unknownSide_isRejected() {
      Observation o = valid();
      o.setId("42");
      o.getBodySite()
          .getExtensionByUrl("https://crampcare.org/fhir/StructureDefinition/laterality")
          .setValue(EpisodeObservations.concept("http://snomed.info/sct", "419161000", "x"));

      assertThatThrownBy(() -> EpisodeObservations.fromObservation(o))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Observation/42: bodySite.extension(https://crampcare.org/fhir/StructureDefinition/"
                  + "laterality) is not a side CrampCare knows; expected SNOMED CT 7771000,"
                  + " 24028007 or 51440002");
    }

    @Test
    void isCrampCareEpisode_ownObservation_isTrue_foreignIsFalse() {
      assertThat(EpisodeObservations.isCrampCareEpisode(valid())).isTrue();
      assertThat(EpisodeObservations.isCrampCareEpisode(new Observation())).isFalse();
    }
  }
}
