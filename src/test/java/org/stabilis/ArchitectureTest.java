package org.stabilis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Module boundaries (STYLE: the log knows nothing of the modules; SQL stays in storage classes). */
@AnalyzeClasses(packages = "org.stabilis", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule logDependsOnNoModule =
      noClasses().that().resideInAPackage("org.stabilis.log..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "org.stabilis.party..", "org.stabilis.force..", "org.stabilis.zone..", "org.stabilis.reconstruction..",
              "org.stabilis.material..", "org.stabilis.incident..", "org.stabilis.web..", "org.stabilis.cli..",
              "org.stabilis.catalogue..", "org.stabilis.demo..")
          .orShould().dependOnClassesThat().haveFullyQualifiedName(App.class.getName());

  @ArchTest
  static final ArchRule sqlOnlyInStorageClasses =
      noClasses().that().resideOutsideOfPackage("org.stabilis.log.store..")
          .and().haveSimpleNameNotEndingWith("Store")
          .should().dependOnClassesThat().resideInAPackage("java.sql..")
          .because("modules reach their tables only through their storage classes (named *Store)");

  @ArchTest
  static final ArchRule modulesDoNotDependOnWebOrCli =
      noClasses().that().resideInAnyPackage("org.stabilis.party..", "org.stabilis.force..", "org.stabilis.zone..",
              "org.stabilis.reconstruction..", "org.stabilis.material..", "org.stabilis.incident..")
          .and().haveSimpleNameNotEndingWith("Routes")
          .should().dependOnClassesThat().resideInAnyPackage("org.stabilis.cli..", "org.stabilis.demo..");
}
