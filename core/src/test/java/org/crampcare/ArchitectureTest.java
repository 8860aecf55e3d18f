package org.crampcare;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.google.common.collect.ImmutableSet;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Mechanical guards on the shape of {@code core}: no package cycles, no FHIR library, a small
 * public surface. Only main classes are analysed (test classes of any build directory, such as
 * {@code target-x/test-classes}, are left out).
 */
@AnalyzeClasses(
    packages = "org.crampcare",
    importOptions = {ArchitectureTest.MainClassesOnly.class})
class ArchitectureTest {

  /** Leaves out compiled tests, whatever the build directory is called. */
  static final class MainClassesOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("org.crampcare.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noFhirLibraryInCore =
      noClasses()
          .that()
          .resideInAPackage("org.crampcare..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("ca.uhn..", "org.hl7..")
          .because("core never sees HAPI: FHIR belongs in crampcare-fhir-adapter");

  @ArchTest
  static final ArchRule noConsoleOutput =
      noClasses()
          .that()
          .resideInAPackage("org.crampcare..")
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("library code logs only through SLF4J");

  @ArchTest
  static final ArchRule valueTypesAreImmutable =
      classes()
          .that()
          .resideInAnyPackage(
              "org.crampcare.episode",
              "org.crampcare.patient",
              "org.crampcare.lab",
              "org.crampcare.risk",
              "org.crampcare.pattern")
          .and()
          .areNotNestedClasses()
          .and()
          .areNotEnums()
          .and()
          .areNotInterfaces()
          .and()
          .doNotHaveFullyQualifiedName("org.crampcare.risk.Fact")
          .should()
          .haveOnlyFinalFields()
          .because("value types are immutable records");

  /** Fact is immutable too: its one non-final field caches the rendered text, like String.hash. */
  @ArchTest
  static final ArchRule factCachesOnlyItsText =
      fields()
          .that()
          .areDeclaredIn(org.crampcare.risk.Fact.class)
          .and()
          .doNotHaveName("text")
          .should()
          .beFinal();

  @ArchTest
  static final ArchRule noStaticMutableState =
      fields()
          .that()
          .areStatic()
          .and()
          .areDeclaredInClassesThat()
          .resideInAPackage("org.crampcare..")
          .should()
          .beFinal()
          .because("the engine is thread-safe and holds no static mutable state");

  @ArchTest
  static final ArchRule noFileOrNetworkIo =
      noClasses()
          .that()
          .resideInAPackage("org.crampcare..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..")
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(
              java.io.File.class,
              java.io.FileInputStream.class,
              java.io.FileOutputStream.class,
              java.io.FileReader.class,
              java.io.FileWriter.class,
              java.io.RandomAccessFile.class)
          .because("core does no I/O: callers pass values and strings in and get values out");

  /**
   * Core's API: every public type, by name. Helpers shared between packages stay package-private
   * behind a method of an API type ({@code EpisodePatterns.of}, {@code LabInterpretation.of}), so a
   * new public type is an API decision: it fails here until it is added on purpose.
   */
  static final ImmutableSet<String> API =
      ImmutableSet.of(
          "org.crampcare.CrampCareException",
          "org.crampcare.episode.AssociatedSign",
          "org.crampcare.episode.BodySite",
          "org.crampcare.episode.CrampEpisode",
          "org.crampcare.episode.Impact",
          "org.crampcare.episode.Laterality",
          "org.crampcare.episode.OnsetPrecision",
          "org.crampcare.episode.ReliefMeasure",
          "org.crampcare.episode.ReliefTried",
          "org.crampcare.episode.Setting",
          "org.crampcare.episode.SignFinding",
          "org.crampcare.json.AssessmentInput",
          "org.crampcare.json.CrampCareJson",
          "org.crampcare.json.JsonFormatException",
          "org.crampcare.lab.Analyte",
          "org.crampcare.lab.Censoring",
          "org.crampcare.lab.Interpretation",
          "org.crampcare.lab.LabFlag",
          "org.crampcare.lab.LabInterpretation",
          "org.crampcare.lab.LabResult",
          "org.crampcare.lab.RangeSource",
          "org.crampcare.lab.ReferenceRange",
          "org.crampcare.patient.Condition",
          "org.crampcare.patient.ConditionKind",
          "org.crampcare.patient.ExerciseHabit",
          "org.crampcare.patient.Lifestyle",
          "org.crampcare.patient.Medication",
          "org.crampcare.patient.MedicationClass",
          "org.crampcare.patient.PatientContext",
          "org.crampcare.patient.Sex",
          "org.crampcare.pattern.EpisodePatterns",
          "org.crampcare.pattern.PatternSettings",
          "org.crampcare.pattern.SeverityTrend",
          "org.crampcare.recommendation.Assessment",
          "org.crampcare.recommendation.Assessor",
          "org.crampcare.recommendation.Category",
          "org.crampcare.recommendation.Caution",
          "org.crampcare.recommendation.CautionDefinition",
          "org.crampcare.recommendation.CautionRule",
          "org.crampcare.recommendation.Criteria",
          "org.crampcare.recommendation.Criterion",
          "org.crampcare.recommendation.Evaluation",
          "org.crampcare.recommendation.Evidence",
          "org.crampcare.recommendation.Notice",
          "org.crampcare.recommendation.Priority",
          "org.crampcare.recommendation.RecommendRule",
          "org.crampcare.recommendation.Recommendation",
          "org.crampcare.recommendation.RecommendationDefinition",
          "org.crampcare.recommendation.RedFlagRule",
          "org.crampcare.recommendation.Rule",
          "org.crampcare.recommendation.RuleBook",
          "org.crampcare.recommendation.RuleBookDocument",
          "org.crampcare.recommendation.RuleBookException",
          "org.crampcare.recommendation.SuppressRule",
          "org.crampcare.recommendation.Suppression",
          "org.crampcare.recommendation.TextCatalog",
          "org.crampcare.recommendation.Trigger",
          "org.crampcare.recommendation.UnusedInput",
          "org.crampcare.risk.Fact",
          "org.crampcare.risk.DayOnset",
          "org.crampcare.risk.FactKind",
          "org.crampcare.risk.FactTemplate",
          "org.crampcare.risk.RedFlag",
          "org.crampcare.risk.RedFlagKind",
          "org.crampcare.risk.RiskFactor",
          "org.crampcare.risk.RiskFactorKind",
          "org.crampcare.risk.Thresholds",
          "org.crampcare.terminology.CodeSystems",
          "org.crampcare.terminology.Coded",
          "org.crampcare.terminology.Codes",
          "org.crampcare.terminology.Coding",
          // The readable report (issue 12): the page, its audience, notes and languages.
          "org.crampcare.report.Audience",
          "org.crampcare.report.HtmlReport",
          "org.crampcare.report.RecordNote",
          "org.crampcare.report.ReportLanguage");

  /** The packages the API lives in. */
  static final String[] API_PACKAGES = {
    "org.crampcare",
    "org.crampcare.episode",
    "org.crampcare.json",
    "org.crampcare.lab",
    "org.crampcare.patient",
    "org.crampcare.pattern",
    "org.crampcare.recommendation",
    "org.crampcare.risk",
    "org.crampcare.terminology",
    "org.crampcare.report"
  };

  @ArchTest
  static final ArchRule publicTypesLiveInTheApiPackages =
      classes()
          .that()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .should()
          .resideInAnyPackage(API_PACKAGES)
          .because("core exports only its API packages");

  @ArchTest
  static final ArchRule publicTypesAreTheListedApi =
      classes()
          .that()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .should(
              new ArchCondition<JavaClass>("be listed in ArchitectureTest.API") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                  if (!API.contains(type.getName())) {
                    events.add(
                        SimpleConditionEvent.violated(
                            type,
                            type.getName()
                                + " is public but not in core's API: make it package-private, or"
                                + " add it to ArchitectureTest.API as an API decision"));
                  }
                }
              });
}
