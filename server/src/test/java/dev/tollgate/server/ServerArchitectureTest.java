package dev.tollgate.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server is a client of the SDK like any other: its public API only. */
class ServerArchitectureTest {
  private static final JavaClasses SERVER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tollgate.server");

  @Test
  void server_usesTheSdkOnlyThroughItsPublicPackages() {
    noClasses().that().resideInAPackage("dev.tollgate.server..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.internal..", "dev.tollgate.rules.internal..",
            "org.kie..", "org.drools..")
        .because("the server must keep working when the SDK's internals change; it uses dev.tollgate and the pack"
            + " model dev.tollgate.rules that the SDK's API returns")
        .check(SERVER);
  }

  @Test
  void server_printsNoStackTraces() {
    noClasses().that().resideInAPackage("dev.tollgate.server..")
        .should().callMethod(Throwable.class, "printStackTrace")
        .because("no response and no log line may carry a stack trace, which can quote a request")
        .check(SERVER);
  }
}
