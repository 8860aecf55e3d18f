package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.fhir.OutboundTestSupport.CTX;
import static org.crampcare.fhir.OutboundTestSupport.VALIDATOR;

import ca.uhn.fhir.context.FhirContext;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.Setting;
import org.crampcare.recommendation.CautionDefinition;
import org.crampcare.recommendation.RecommendationDefinition;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConformanceTest {
  private static final List<Resource> RESOURCES = Conformance.resources(CTX);

  private static <T extends MetadataResource> T byUrl(Class<T> type, String url) {
    return RESOURCES.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(r -> r.getUrl().equals(url))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + url));
  }

  /** Code to display, in order. */
  private static Map<String, String> concepts(CodeSystem cs) {
    Map<String, String> result = new LinkedHashMap<>();
    cs.getConcept().forEach(c -> result.put(c.getCode(), c.getDisplay()));
    return result;
  }

  private static Map<String, String> concepts(ValueSet vs) {
    Map<String, String> result = new LinkedHashMap<>();
    vs.getCompose()
        .getIncludeFirstRep()
        .getConcept()
        .forEach(c -> result.put(c.getCode(), c.getDisplay()));
    return result;
  }

  static Stream<StructureDefinition> profiles() {
    return RESOURCES.stream()
        .filter(StructureDefinition.class::isInstance)
        .map(StructureDefinition.class::cast);
  }

  @Nested
  class Files {
    @Test
    void fileNames_listEveryFileInTheConformanceFolder() throws URISyntaxException {
      URL folder = Conformance.class.getClassLoader().getResource(Conformance.RESOURCE_FOLDER);
      String[] files = new File(folder.toURI()).list();

      assertThat(Conformance.fileNames()).containsExactlyInAnyOrder(files);
    }

    @Test
    void resources_haveCanonicalUrlsUnderCrampCareMatchingTheirIdAndFile() {
      for (int i = 0; i < RESOURCES.size(); i++) {
        MetadataResource r = (MetadataResource) RESOURCES.get(i);
        String id = r.getIdElement().getIdPart();

        assertThat(r.getUrl()).isEqualTo("https://crampcare.org/fhir/" + r.fhirType() + "/" + id);
        assertThat(Conformance.fileNames().get(i)).isEqualTo(r.fhirType() + "-" + id + ".json");
        assertThat(r.getVersion()).isEqualTo("0.1.0");
      }
    }

    @Test
    void resources_eachCall_returnsIndependentCopies() {
      List<Resource> a = Conformance.resources(CTX);
      ((CodeSystem) a.get(0)).setTitle("changed");

      assertThat(((CodeSystem) Conformance.resources(CTX).get(0)).getTitle())
          .isEqualTo("CrampCare recommendations");
    }

    @Test
    void resources_nonR4Context_isRejected() {
      assertThatThrownBy(() -> Conformance.resources(FhirContext.forR5Cached()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("FhirContext is for FHIR R5; expected an R4 context (FhirContext.forR4())");
    }

    @Test
    void codeSystemsAndValueSets_validateWithZeroErrors() {
      for (Resource r : RESOURCES) {
        if (!(r instanceof StructureDefinition)) {
          assertThat(VALIDATOR.validate(r).errors()).as(r.getId()).isEmpty();
        }
      }
    }

    /**
     * Validating a StructureDefinition makes the HL7 validator regenerate its snapshot in a package
     * context that HAPI's built-in R4 definitions lack; that one error is a limitation of the
     * validator, not of the profile (whose snapshot the {@code Profiles} tests generate and whose
     * known-bad instances fail). Any other error fails this test.
     */
    @Test
    void structureDefinitions_haveNoErrorButTheValidatorsPackageContextLimitation() {
      for (Resource r : RESOURCES) {
        if (r instanceof StructureDefinition) {
          assertThat(VALIDATOR.validate(r).errors())
              .as(r.getId())
              .allSatisfy(
                  e ->
                      assertThat(e.message())
                          .isEqualTo(
                              "Error generating Snapshot: Unable to resolve package id"
                                  + " hl7.fhir.r4.core#null (this usually arises from a problem in"
                                  + " the differential)"));
        }
      }
    }
  }

  @Nested
  class CodeSystems {
    @Test
    void recommendationCodeSystem_isExactlyTheBuiltInDefinitions() {
      CodeSystem cs =
          byUrl(CodeSystem.class, "https://crampcare.org/fhir/CodeSystem/recommendation");
      Map<String, String> expected = new LinkedHashMap<>();
      for (RecommendationDefinition d : RuleBook.builtIn().definitions().values()) {
        expected.put(d.code(), d.display());
      }

      assertThat(concepts(cs)).containsExactlyEntriesOf(expected);
      assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
    }

    @Test
    void recommendationCodeSystem_carriesCategoryAndPriority() {
      CodeSystem cs =
          byUrl(CodeSystem.class, "https://crampcare.org/fhir/CodeSystem/recommendation");
      for (CodeSystem.ConceptDefinitionComponent c : cs.getConcept()) {
        RecommendationDefinition d = RuleBook.builtIn().definitions().get(c.getCode());

        assertThat(c.getProperty())
            .extracting(p -> p.getCode() + "=" + p.getValueCodeType().getCode())
            .containsExactly("category=" + d.category().code(), "priority=" + d.priority().code());
      }
    }

    @Test
    void cautionCodeSystem_isExactlyTheBuiltInCautions() {
      Map<String, String> expected = new LinkedHashMap<>();
      for (CautionDefinition d : RuleBook.builtIn().cautions().values()) {
        expected.put(d.code(), d.display());
      }

      assertThat(concepts(byUrl(CodeSystem.class, "https://crampcare.org/fhir/CodeSystem/caution")))
          .containsExactlyEntriesOf(expected);
    }

    @Test
    void settingCodeSystem_isExactlyTheSettings() {
      Map<String, String> expected = new LinkedHashMap<>();
      Arrays.stream(Setting.values()).forEach(s -> expected.put(s.code(), s.display()));

      assertThat(concepts(byUrl(CodeSystem.class, "https://crampcare.org/fhir/CodeSystem/setting")))
          .containsExactlyEntriesOf(expected);
    }

    @Test
    void associatedSignCodeSystem_isExactlyTheSigns() {
      Map<String, String> expected = new LinkedHashMap<>();
      Arrays.stream(AssociatedSign.values()).forEach(s -> expected.put(s.code(), s.display()));

      assertThat(
              concepts(
                  byUrl(CodeSystem.class, "https://crampcare.org/fhir/CodeSystem/associated-sign")))
          .containsExactlyEntriesOf(expected);
    }

    @Test
    void reliefCodeSystem_isExactlyTheReliefMeasuresThenImpacts() {
      Map<String, String> expected = new LinkedHashMap<>();
      Arrays.stream(ReliefMeasure.values()).forEach(s -> expected.put(s.code(), s.display()));
      Arrays.stream(Impact.values()).forEach(s -> expected.put(s.code(), s.display()));

      assertThat(
              concepts(
                  byUrl(CodeSystem.class, "https://crampcare.org/fhir/CodeSystem/relief-measure")))
          .containsExactlyEntriesOf(expected);
    }

    @Test
    void findingCodeSystem_isExactlyTheRiskFactorsThenRedFlags() {
      Map<String, String> expected = new LinkedHashMap<>();
      Arrays.stream(RiskFactorKind.values()).forEach(k -> expected.put(k.code(), k.display()));
      Arrays.stream(RedFlagKind.values()).forEach(k -> expected.put(k.code(), k.display()));

      assertThat(concepts(byUrl(CodeSystem.class, "https://crampcare.org/fhir/CodeSystem/finding")))
          .containsExactlyEntriesOf(expected);
    }
  }

  @Nested
  class ValueSets {
    @Test
    void bodySiteValueSet_isExactlyTheBodySites() {
      Map<String, String> expected = new LinkedHashMap<>();
      Arrays.stream(BodySite.values())
          .forEach(s -> expected.put(s.snomed().code(), s.snomed().display()));

      assertThat(concepts(byUrl(ValueSet.class, "https://crampcare.org/fhir/ValueSet/body-site")))
          .containsExactlyEntriesOf(expected);
    }

    @Test
    void lateralityValueSet_isExactlyTheSides() {
      Map<String, String> expected = new LinkedHashMap<>();
      Arrays.stream(Laterality.values())
          .forEach(s -> expected.put(s.snomed().code(), s.snomed().display()));

      assertThat(concepts(byUrl(ValueSet.class, "https://crampcare.org/fhir/ValueSet/laterality")))
          .containsExactlyEntriesOf(expected);
    }

    @Test
    void crampFindingValueSet_isTheTwoVerifiedCrampFindings() {
      assertThat(
              concepts(byUrl(ValueSet.class, "https://crampcare.org/fhir/ValueSet/cramp-finding")))
          .containsExactly(
              Map.entry("55300003", "Cramp"), Map.entry("449918009", "Cramp in lower leg"));
    }

    @Test
    void everyBoundValueSet_isShipped() {
      List<String> bound = new ArrayList<>();
      profiles()
          .forEach(
              sd ->
                  sd.getDifferential().getElement().stream()
                      .filter(ElementDefinition::hasBinding)
                      .forEach(e -> bound.add(e.getBinding().getValueSet())));

      assertThat(bound).isNotEmpty();
      for (String url : bound) {
        assertThat(byUrl(ValueSet.class, url)).isNotNull();
      }
    }
  }

  @Nested
  class Profiles {
    @ParameterizedTest
    @MethodSource("org.crampcare.fhir.ConformanceTest#profiles")
    void snapshot_isGeneratedWithEveryDifferentialElement(StructureDefinition profile) {
      StructureDefinition withSnapshot = VALIDATOR.engine().snapshot(profile.getUrl());
      List<String> snapshotIds =
          withSnapshot.getSnapshot().getElement().stream()
              .map(ElementDefinition::getId)
              .collect(Collectors.toList());

      assertThat(snapshotIds)
          .containsAll(
              profile.getDifferential().getElement().stream()
                  .map(ElementDefinition::getId)
                  .collect(Collectors.toList()));
    }

    @Test
    void crampEpisodeSnapshot_allowsAnUnrecordedBodySiteAndBindsItToOurValueSet() {
      ElementDefinition bodySite = element(FhirUrls.PROFILE_CRAMP_EPISODE, "Observation.bodySite");

      assertThat(bodySite.getMin()).as("site not recorded is allowed").isZero();
      assertThat(bodySite.getBinding().getValueSet())
          .isEqualTo("https://crampcare.org/fhir/ValueSet/body-site");
    }

    @Test
    void carePlanSnapshot_forbidsActivityDetail() {
      assertThat(element(FhirUrls.PROFILE_CARE_PLAN, "CarePlan.activity.detail").getMax())
          .isEqualTo("0");
    }

    private ElementDefinition element(String profile, String id) {
      return VALIDATOR.engine().snapshot(profile).getSnapshot().getElement().stream()
          .filter(e -> e.getId().equals(id))
          .findFirst()
          .orElseThrow();
    }
  }
}
