package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Setting;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.recommendation.RuleBookDocument;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CrampCareFhirTest {
  private static final Instant AS_OF = Instant.parse("2026-11-21T10:00:00Z");
  private static final CrampCareFhir FHIR = CrampCareFhir.create();

  private static Bundle patientWithOneNightCramp() {
    Patient patient = new Patient();
    patient.setId("pat-1");
    patient.setBirthDate(java.sql.Date.valueOf(LocalDate.of(1960, 5, 1)));
    patient.setGender(AdministrativeGender.FEMALE);
    CrampEpisode episode =
        CrampEpisode.builder("ep-1", Instant.parse("2026-11-20T02:00:00Z"), BodySite.CALF)
            .severity(6)
            .setting(Setting.DURING_SLEEP)
            .build();
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    bundle.addEntry().setFullUrl("Patient/pat-1").setResource(patient);
    Resource observation = EpisodeObservations.toObservation(episode, "Patient/pat-1");
    observation.setId("obs-1");
    bundle.addEntry().setFullUrl("Observation/obs-1").setResource(observation);
    return bundle;
  }

  @Nested
  class Assess {
    @Test
    void assess_patientBundle_givesTransactionWithCarePlanForThatPatient() {
      CrampCareFhir.Result result = FHIR.assess(patientWithOneNightCramp(), AS_OF);

      assertThat(result.imported().episodes()).hasSize(1);
      assertThat(result.assessment().recommendationCodes()).contains("stretch-affected-muscle");
      assertThat(result.transaction().getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
      List<CarePlan> carePlans =
          result.transaction().getEntry().stream()
              .map(Bundle.BundleEntryComponent::getResource)
              .filter(CarePlan.class::isInstance)
              .map(CarePlan.class::cast)
              .toList();
      assertThat(carePlans)
          .singleElement()
          .satisfies(cp -> assertThat(cp.getSubject().getReference()).isEqualTo("Patient/pat-1"));
    }

    @Test
    void assess_carePlanNarrative_saysWhatBecameOfTheCrampRecords() {
      Bundle bundle = patientWithOneNightCramp();
      org.hl7.fhir.r4.model.Observation undated = new org.hl7.fhir.r4.model.Observation();
      undated.setId("obs-2");
      undated.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
      undated.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("55300003");
      bundle.addEntry().setFullUrl("Observation/obs-2").setResource(undated);

      CrampCareFhir.Result result = FHIR.assess(bundle, AS_OF);

      CarePlan plan =
          result.transaction().getEntry().stream()
              .map(Bundle.BundleEntryComponent::getResource)
              .filter(CarePlan.class::isInstance)
              .map(CarePlan.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(plan.getText().getDivAsString())
          .contains("Cramp records: 2 cramp records found: 1 used, 0 merged as duplicates, 1 not")
          .contains("does not mean there were no cramps or no red flags");
      assertThat(FHIR.validator().validate(result.transaction()).errors()).isEmpty();
    }

    @Test
    void assess_importerUsesTheRuleBooksLabAgeLimit() {
      RuleBook strict =
          RuleBook.builtIn().toBuilder()
              .thresholds(
                  org.crampcare.risk.Thresholds.defaults()
                      .withLabMaxAge(java.time.Period.ofMonths(1)))
              .build();
      Bundle bundle = patientWithOneNightCramp();
      org.hl7.fhir.r4.model.Observation potassium = new org.hl7.fhir.r4.model.Observation();
      potassium.setId("k1");
      potassium.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
      potassium.getCode().addCoding().setSystem("http://loinc.org").setCode("2823-3");
      potassium.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-09-01"));
      potassium.setValue(new org.hl7.fhir.r4.model.Quantity(4.1).setCode("mmol/L"));
      bundle.addEntry().setFullUrl("Observation/k1").setResource(potassium);

      ImportResult imported =
          CrampCareFhir.create(FhirContext.forR4Cached(), strict).assess(bundle, AS_OF).imported();

      assertThat(imported.diagnostics())
          .contains(
              "Observation/k1: dated more than P1M before 2026-11-21: passed on, and the assessment"
                  + " lists it as unused (not current evidence)");
    }

    @Test
    void assess_isDeterministic() {
      String first =
          FHIR.context()
              .newJsonParser()
              .encodeResourceToString(FHIR.assess(patientWithOneNightCramp(), AS_OF).transaction());
      String second =
          FHIR.context()
              .newJsonParser()
              .encodeResourceToString(FHIR.assess(patientWithOneNightCramp(), AS_OF).transaction());
      assertThat(first).isEqualTo(second);
    }
  }

  @Nested
  class Validator {
    @Test
    void validator_isCreatedOnceAndNotStartedUntilUsed() {
      CrampCareFhir fhir = CrampCareFhir.create();
      assertThat(fhir.validator()).isSameAs(fhir.validator());
      assertThat(fhir.validator().isStarted()).isFalse();
    }
  }

  @Nested
  class FactsInFhir {
    @Test
    void aFactsReference_carriesItsTextAndItsStructure_andTheOutputValidates() {
      CrampCareFhir.Result result = FHIR.assess(patientWithOneNightCramp(), AS_OF);

      ca.uhn.fhir.util.FhirTerser terser = FhirContext.forR4Cached().newTerser();
      List<org.hl7.fhir.r4.model.Reference> structured =
          result.transaction().getEntry().stream()
              .map(Bundle.BundleEntryComponent::getResource)
              .flatMap(
                  r ->
                      terser
                          .getAllPopulatedChildElementsOfType(
                              r, org.hl7.fhir.r4.model.Reference.class)
                          .stream())
              .filter(ref -> ref.hasExtension(FhirUrls.EXT_FACT))
              .toList();
      assertThat(structured).isNotEmpty();
      org.hl7.fhir.r4.model.Reference episode =
          structured.stream()
              .filter(ref -> ref.getDisplay().startsWith("calf cramp on 2026-11-20T02:00:00Z"))
              .findFirst()
              .orElseThrow();
      org.hl7.fhir.r4.model.Extension fact = episode.getExtensionByUrl(FhirUrls.EXT_FACT);
      assertThat(fact.getExtensionString("template")).isNotBlank();
      assertThat(fact.getExtensionsByUrl("value"))
          .extracting(e -> e.getValue().primitiveValue())
          .contains("calf", "2026-11-20T02:00:00Z");
      assertThat(FHIR.validator().validate(result.transaction()).errors()).isEmpty();
    }
  }

  @Nested
  class ARuleBooksOwnCodes {
    /** The clinic's rule book of docs/rule-book.md, in short: one code of its own. */
    private final RuleBook clinic =
        RuleBookDocument.read(
            "acme.json",
            ("{'schema':'crampcare/rule-book/1','extends':'crampcare-builtin/1',"
                    + "'version':'acme-clinic/1',"
                    + "'evidence':[{'id':'acme','citation':'ACME policy','strength':'local"
                    + " policy'}],"
                    + "'recommendations':[{'code':'keep-a-cramp-diary','category':'prevention',"
                    + "'priority':'routine','rank':20,'display':'Keep a cramp diary'}],"
                    + "'rules':[{'id':'acme-diary','version':1,'recommend':'keep-a-cramp-diary',"
                    + "'when':{'setting':['during-sleep']},'rationale':'A diary helps.',"
                    + "'evidence':'acme'}],"
                    + "'texts':{'language':'en','entries':{'keep-a-cramp-diary':'Write it"
                    + " down.'}}}")
                .replace('\'', '"'));

    @Test
    void export_shipsTheBooksCodeSystem_andCodesItsAdviceInIt_soTheOutputValidates() {
      CrampCareFhir fhir = CrampCareFhir.create(FhirContext.forR4Cached(), clinic);

      CrampCareFhir.Result result = fhir.assess(patientWithOneNightCramp(), AS_OF);

      String system = "https://crampcare.org/fhir/CodeSystem/rule-book-acme-clinic-1";
      CodeSystem shipped =
          result.transaction().getEntry().stream()
              .map(Bundle.BundleEntryComponent::getResource)
              .filter(CodeSystem.class::isInstance)
              .map(CodeSystem.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(shipped.getUrl()).isEqualTo(system);
      assertThat(shipped.getVersion()).isEqualTo("acme-clinic/1");
      assertThat(shipped.getConcept())
          .extracting(c -> c.getCode() + "=" + c.getDisplay())
          .containsExactly("keep-a-cramp-diary=Keep a cramp diary");
      assertThat(result.transaction().getEntryFirstRep().getRequest().getIfNoneExist())
          .isEqualTo("url=" + system + "&version=acme-clinic/1");
      List<String> codings =
          result.transaction().getEntry().stream()
              .map(Bundle.BundleEntryComponent::getResource)
              .filter(CommunicationRequest.class::isInstance)
              .map(r -> ((CommunicationRequest) r).getCategoryFirstRep().getCodingFirstRep())
              .map(c -> c.getSystem() + "|" + c.getCode())
              .toList();
      assertThat(codings)
          .contains(system + "|keep-a-cramp-diary")
          .contains("https://crampcare.org/fhir/CodeSystem/recommendation|stretch-affected-muscle");
      ValidationReport report = fhir.validator().validate(result.transaction());
      assertThat(report.errors()).isEmpty();
    }

    @Test
    void builtInBook_shipsNoCodeSystem() {
      CrampCareFhir.Result result = FHIR.assess(patientWithOneNightCramp(), AS_OF);

      assertThat(result.transaction().getEntry())
          .noneMatch(e -> e.getResource() instanceof CodeSystem);
    }
  }

  @Test
  void create_withNonR4Context_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CrampCareFhir.create(FhirContext.forR5(), RuleBook.builtIn()))
        .withMessage("FhirContext is for FHIR R5; expected an R4 context (FhirContext.forR4())");
  }
}
