package org.stabilis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The package graph (STYLE habits 9 and 13): the shared kernel ({@code log}, the HTTP toolkit
 * {@code web}, the {@code catalogue}) depends on no feature; features meet only through their view
 * interfaces; nothing depends on the dashboard, the command line or the composition root.
 */
@AnalyzeClasses(packages = "org.stabilis", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The feature modules: each owns its events, state, rules, tables and routes. */
  static final List<String> MODULES =
      List.of(
          "party",
          "force",
          "zone",
          "reconstruction",
          "material",
          "incident",
          "correction",
          "obligation",
          "permit");

  private static String[] packages(List<String> names) {
    return names.stream().map(n -> "org.stabilis." + n + "..").toArray(String[]::new);
  }

  @ArchTest
  static final ArchRule noCyclesBetweenTopLevelPackages =
      slices().matching("org.stabilis.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule logDependsOnNothingOfTheProduct =
      noClasses()
          .that()
          .resideInAPackage("org.stabilis.log..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages(
              "org.stabilis.log..",
              "java..",
              "javax..",
              "com.fasterxml..",
              "org.bouncycastle..",
              "org.erdtman..",
              "org.flywaydb..",
              "com.zaxxer..",
              "org.slf4j..",
              "org.sqlite..",
              "org.postgresql..")
          .because("the log library knows nothing of the application on top of it");

  @ArchTest
  static final ArchRule httpToolkitImportsNoModule =
      noClasses()
          .that()
          .resideInAPackage("org.stabilis.web..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              packages(
                  List.of(
                      "party",
                      "force",
                      "zone",
                      "reconstruction",
                      "material",
                      "incident",
                      "correction",
                      "obligation",
                      "permit",
                      "dashboard",
                      "cli",
                      "demo",
                      "bench")))
          .because("the HTTP toolkit is shared kernel: modules import it, it imports none of them");

  @ArchTest
  static final ArchRule catalogueImportsNoModule =
      noClasses()
          .that()
          .resideInAPackage("org.stabilis.catalogue..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(packages(MODULES));

  @ArchTest
  static final ArchRule noModuleImportsTheEdges =
      noClasses()
          .that()
          .resideInAnyPackage(packages(MODULES))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(packages(List.of("dashboard", "cli", "demo", "bench")))
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(App.class.getName());

  /**
   * A view: a published interface of a module, or a type nested in one (a status enum, a record).
   */
  static final DescribedPredicate<JavaClass> VIEW =
      DescribedPredicate.describe(
          "a view interface (or a type nested in one)",
          c -> c.isInterface() || c.getEnclosingClass().map(JavaClass::isInterface).orElse(false));

  /**
   * What a view hands out: a view, or an immutable value (a record or an enum) its methods return.
   */
  static final DescribedPredicate<JavaClass> VIEW_OR_VALUE =
      DescribedPredicate.describe(
          "a view or a value it returns", c -> VIEW.test(c) || c.isRecord() || c.isEnum());

  @ArchTest
  static void modulesMeetOnlyThroughViews(com.tngtech.archunit.core.domain.JavaClasses classes) {
    for (String m : MODULES)
      for (String other : MODULES) {
        if (m.equals(other)) continue;
        noClasses()
            .that()
            .resideInAPackage("org.stabilis." + m + "..")
            .should()
            .dependOnClassesThat(
                DescribedPredicate.and(
                    JavaClass.Predicates.resideInAPackage("org.stabilis." + other + ".."),
                    DescribedPredicate.not(VIEW)))
            .because(m + " reaches " + other + " only through its view interfaces")
            .check(classes);
      }
  }

  @ArchTest
  static void dashboardReadsModulesOnlyThroughViews(
      com.tngtech.archunit.core.domain.JavaClasses classes) {
    noClasses()
        .that()
        .resideInAPackage("org.stabilis.dashboard..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.and(
                JavaClass.Predicates.resideInAnyPackage(packages(MODULES)),
                DescribedPredicate.not(VIEW_OR_VALUE)))
        .because(
            "the dashboard is a feature on top of the modules and reads them through their published views")
        .check(classes);
  }

  /** Domain classes: everything in a module but its HTTP routes and its storage classes. */
  @ArchTest
  static final ArchRule domainHasNoHiddenInputs =
      noClasses()
          .that()
          .resideInAnyPackage(packages(MODULES))
          .and()
          .haveSimpleNameNotEndingWith("Routes")
          .and()
          .haveSimpleNameNotEndingWith("Store")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..", "java.sql..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.time.Clock")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.util.Random")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.security.SecureRandom")
          .because(
              "time, ids and randomness come in as parameters, so a replay rebuilds the same state");

  @ArchTest
  static final ArchRule sqlOnlyInStorageClasses =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.stabilis.log.store..")
          .and()
          .haveSimpleNameNotEndingWith("Store")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.sql..")
          .because("modules reach their tables only through their storage classes (named *Store)");
}
