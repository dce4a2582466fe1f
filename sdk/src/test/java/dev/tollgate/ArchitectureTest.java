package dev.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines between modules and packages that DESIGN.md and STYLE.md draw, held by tests. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tollgate");

  @Test
  void rules_dependsOnNeitherTheEngineNorDrools() {
    noClasses().that().resideInAPackage("dev.tollgate.rules..")
        .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..", "dev.tollgate.internal..")
        .orShould().dependOnClassesThat().resideInAPackage("dev.tollgate")
        .because("the pack language is usable without the engine: validators, editors and docs load it alone")
        .check(CLASSES);
  }

  @Test
  void drools_isImportedOnlyByTheDroolsPackage() {
    noClasses().that().resideOutsideOfPackage("dev.tollgate.internal.drools..")
        .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
        .because("the rule engine is an implementation detail that can be upgraded or replaced in one place")
        .check(CLASSES);
  }

  @Test
  void publicApi_exposesNoInternalOrDroolsType() {
    methods().that().arePublic()
        .and().areDeclaredInClassesThat().arePublic()
        .and().areDeclaredInClassesThat().resideInAnyPackage("dev.tollgate", "dev.tollgate.rules", "dev.tollgate.testing")
        .should(exposeOnlyPublicTypes())
        .because("callers may depend only on the public packages; everything else may change in any release")
        .check(CLASSES);
  }

  @Test
  void packages_haveNoCycles() {
    // dev.tollgate itself (the facade and its records) and its implementation in dev.tollgate.internal
    // necessarily know each other; every other package depends one way.
    slices().matching("dev.tollgate.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void engineInternals_dependOneWay() {
    noClasses().that().resideInAnyPackage("dev.tollgate.internal.facts..", "dev.tollgate.internal.drools..")
        .should().dependOnClassesThat().resideInAPackage("dev.tollgate.internal")
        .because("the evaluator uses the Drools adapter and the facts, never the other way round")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.tollgate.internal.facts..")
        .should().dependOnClassesThat().resideInAPackage("dev.tollgate.internal.drools..")
        .because("facts and constraints are plain Java, independent of the rule engine")
        .check(CLASSES);
  }

  @Test
  void rulesInternals_areUsedOnlyByRules() {
    noClasses().that().resideOutsideOfPackage("dev.tollgate.rules..")
        .should().dependOnClassesThat().resideInAPackage("dev.tollgate.rules.internal..")
        .because("the pack language's public API is dev.tollgate.rules; its reader may change freely")
        .check(CLASSES);
  }

  @Test
  void library_writesNothingToStandardStreams() {
    noClasses().that().resideInAnyPackage("dev.tollgate", "dev.tollgate.internal..", "dev.tollgate.rules..")
        // The rulepacks build runs ParsedYaml's main; its one line goes to the build log, never a host's.
        .and().doNotHaveFullyQualifiedName("dev.tollgate.rules.internal.ParsedYaml")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .because("an embedded library must not write to the host's console")
        .check(CLASSES);
  }

  private static ArchCondition<JavaMethod> exposeOnlyPublicTypes() {
    return new ArchCondition<>("use no internal or Drools type in its signature") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        List<JavaType> types = new ArrayList<>(method.getParameterTypes());
        types.add(method.getReturnType());
        for (JavaType type : types) {
          for (JavaClass c : type.getAllInvolvedRawTypes()) {
            String pkg = c.getPackageName();
            if (pkg.contains(".internal") || pkg.startsWith("org.kie") || pkg.startsWith("org.drools")) {
              events.add(SimpleConditionEvent.violated(method, method.getFullName() + " exposes " + c.getName()));
            }
          }
        }
      }
    };
  }
}
