package dev.tollgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The lines between modules and packages that DESIGN.md and STYLE.md draw, held by tests over the
 * classes of every module at once (this module depends on each of them, without their libraries).
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tollgate");

  /** The packages each module holds; a module's packages are these and the ones below them. */
  private static final Map<String, List<String>> MODULES = Map.of(
      "rules", List.of("dev.tollgate.rules"),
      "sdk", List.of("dev.tollgate", "dev.tollgate.internal"),
      "testing", List.of("dev.tollgate.testing"),
      "bundle", List.of("dev.tollgate.bundle"),
      "decision-log", List.of("dev.tollgate.decisionlog"),
      "server", List.of("dev.tollgate.server"),
      "cli", List.of("dev.tollgate.cli"),
      "micrometer", List.of("dev.tollgate.micrometer"),
      "spring-boot-starter", List.of("dev.tollgate.spring"),
      "examples", List.of("dev.tollgate.examples"));

  /** The packages the sdk's users may depend on; everything else may change in any release. */
  private static final String[] PUBLIC_PACKAGES = {"dev.tollgate", "dev.tollgate.rules", "dev.tollgate.rules.tooling",
      "dev.tollgate.testing", "dev.tollgate.bundle", "dev.tollgate.decisionlog"};

  @Test
  void everyModule_isImported() {
    TreeSet<String> seen = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      seen.add(module(c.getPackageName()));
    }
    assertEquals(new TreeSet<>(MODULES.keySet()), seen,
        "every module with classes is on this module's test class path (rulepacks is data, without classes)");
  }

  /**
   * The jars that keep an Automatic-Module-Name instead of a descriptor export every package they hold on the
   * module path; each holds one, so that export is its public API and nothing more.
   */
  @Test
  void automaticModules_holdTheirOnePackageOnly() {
    for (String module : List.of("server", "cli", "spring-boot-starter")) {
      TreeSet<String> packages = new TreeSet<>();
      for (JavaClass c : CLASSES) {
        if (module(c.getPackageName()).equals(module)) {
          packages.add(c.getPackageName());
        }
      }
      assertEquals(new TreeSet<>(MODULES.get(module)), packages, module + "'s packages");
    }
  }

  @Test
  void modules_dependOneWay() {
    slices().assignedFrom(byModule()).should().beFreeOfCycles()
        .because("rules <- sdk <- testing <- cli, and every other module uses them, never the other way round")
        .check(CLASSES);
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
  void otherModules_useTheSdkAndRulesOnlyThroughTheirPublicPackages() {
    noClasses().that().resideOutsideOfPackages("dev.tollgate", "dev.tollgate.internal..", "dev.tollgate.rules..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.internal..", "dev.tollgate.rules.internal..")
        .because("testing, the command, the server, the meters, the starter and the examples must keep working"
            + " when the SDK's internals change")
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("dev.tollgate", "dev.tollgate.internal..")
        .should().dependOnClassesThat().resideInAPackage("dev.tollgate.rules.internal..")
        .because("the pack language's public API is dev.tollgate.rules; its reader may change freely")
        .check(CLASSES);
  }

  @Test
  void publicApi_exposesNoInternalOrThirdPartyType() {
    codeUnits().that().arePublic()
        .and().areDeclaredInClassesThat().arePublic()
        .and().areDeclaredInClassesThat().resideInAnyPackage(PUBLIC_PACKAGES)
        .should(useInTheirSignatureOnly("java.", "javax.sql.", "dev.tollgate.",
            // The JUnit 5 runner for pack tests returns JUnit's dynamic tests: that is what it is for.
            "org.junit.jupiter.api.DynamicNode", "org.junit.jupiter.api.DynamicContainer",
            "org.junit.jupiter.api.DynamicTest"))
        .because("callers may depend only on the public packages and the JDK: a library type in a signature"
            + " ties every caller to that library's version, and an internal one may change in any release")
        .check(CLASSES);
  }

  @Test
  void packages_haveNoCycles() {
    // dev.tollgate (the facade and its records) and dev.tollgate.internal (its implementation) know each
    // other, as do dev.tollgate.rules and its reader; below them, each sub-package is a slice of its own.
    slices().assignedFrom(byPackageBelow("dev.tollgate.internal")).should().beFreeOfCycles().check(CLASSES);
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
    noClasses().that().resideInAPackage("dev.tollgate.internal.codec..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.internal.eval..",
            "dev.tollgate.internal.facts..", "dev.tollgate.internal.drools..", "dev.tollgate.internal.history..")
        .because("the codec reads and writes the contract's JSON; deciding is the stages' business, not its")
        .check(CLASSES);
  }

  @Test
  void libraries_writeNothingToStandardStreams() {
    noClasses().that().resideInAnyPackage("dev.tollgate", "dev.tollgate.internal..", "dev.tollgate.rules..",
            "dev.tollgate.testing..", "dev.tollgate.bundle..", "dev.tollgate.decisionlog..", "dev.tollgate.micrometer..", "dev.tollgate.spring..")
        // The rulepacks build runs BundledPacks's main; its one line goes to the build log, never a host's.
        .and().doNotHaveFullyQualifiedName("dev.tollgate.rules.internal.BundledPacks")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .because("an embedded library must not write to the host's console")
        .check(CLASSES);
  }

  /** The module a package belongs to, by {@link #MODULES}: the longest package prefix wins. */
  private static String module(String pkg) {
    String best = null;
    int length = -1;
    for (Map.Entry<String, List<String>> e : MODULES.entrySet()) {
      for (String root : e.getValue()) {
        boolean inside = pkg.equals(root) || pkg.startsWith(root + ".") && !root.equals("dev.tollgate");
        if (inside && root.length() > length) {
          best = e.getKey();
          length = root.length();
        }
      }
    }
    return best == null ? "unknown: " + pkg : best;
  }

  private static SliceAssignment byModule() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass c) {
        return c.getPackageName().startsWith("dev.tollgate") ? SliceIdentifier.of(module(c.getPackageName()))
            : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "the modules";
      }
    };
  }

  /** One slice for the package itself and one for each package directly below it, with what is below that. */
  private static SliceAssignment byPackageBelow(String root) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass c) {
        String pkg = c.getPackageName();
        if (pkg.equals(root)) {
          return SliceIdentifier.of(root);
        }
        if (!pkg.startsWith(root + ".")) {
          return SliceIdentifier.ignore();
        }
        return SliceIdentifier.of(root + "." + pkg.substring(root.length() + 1).split("\\.")[0]);
      }

      @Override
      public String getDescription() {
        return "the packages of " + root;
      }
    };
  }

  private static ArchCondition<JavaCodeUnit> useInTheirSignatureOnly(String... allowed) {
    return new ArchCondition<>("use in their signature only the JDK's and Tollgate's public types") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
        types.add(unit.getReturnType());
        for (JavaType type : types) {
          for (JavaClass c : type.getAllInvolvedRawTypes()) {
            if (c.isPrimitive() || c.isArray() && c.getBaseComponentType().isPrimitive()) {
              continue;
            }
            String name = c.getName();
            boolean ok = !c.getPackageName().contains(".internal") && Arrays.stream(allowed)
                .anyMatch(a -> a.endsWith(".") ? name.startsWith(a) : name.equals(a));
            if (!ok) {
              events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " exposes " + name));
            }
          }
        }
      }
    };
  }
}
