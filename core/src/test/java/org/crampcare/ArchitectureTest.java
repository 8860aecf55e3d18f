package org.crampcare;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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
          .should()
          .haveOnlyFinalFields()
          .because("value types are immutable records");

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
}
