package dev.tollgate.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExamplesTest {

  @Test
  void firstDecision_refusedMarketingCall_printsTheCitedDenial() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      FirstDecision.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("DENY crm-call-0001", lines.get(0));
    assertEquals(List.of("CN-CONSUMER-COMMERCIAL-CONSENT", "CN-CONSUMER-REG-CALL-REFUSED"),
        lines.stream().skip(1).map(l -> l.trim().split(" ")[0]).toList(), String.join("\n", lines));
  }

  @Test
  void collectionCallLate_isDeniedUntilEightTheNextMorning() throws java.io.IOException {
    try (dev.tollgate.PolicyEngine engine = dev.tollgate.PolicyEngine.builder().bundledPacks().build()) {
      dev.tollgate.Decision d = engine.decideJson(java.nio.file.Files.readString(
          java.nio.file.Path.of("requests/collection-call-late.json")));
      assertEquals(List.of("CN-CBA-COLLECT-HOURS"), d.ruleIds());
      assertEquals(java.time.OffsetDateTime.parse("2026-03-04T08:00:00+08:00"), d.nextAllowedAt());
    }
  }

  @Test
  void bankCapsOverlay_appliesToTheBundledPacks_andIsRecorded() throws java.io.IOException {
    try (dev.tollgate.PolicyEngine engine = dev.tollgate.PolicyEngine.builder().bundledPacks()
        .overrides(java.nio.file.Path.of("overrides/bank-caps.yaml")).build()) {
      dev.tollgate.Decision d = engine.decideJson(java.nio.file.Files.readString(
          java.nio.file.Path.of("requests/marketing-call-consented.json")));
      assertEquals(List.of(), d.ruleIds());
      assertEquals(List.of("cn.marketing.maxCallsPerDay", "cn.marketing.maxCallsPerWeek", "cn.marketing.maxCallsPerMonth",
          "cn.marketing.quietHours"), d.overrides().stream().map(dev.tollgate.Decision.ParameterOverride::parameter).toList());
    }
  }

  @Test
  void examples_useOnlyThePublicApi() {
    noClasses().that().resideInAPackage("dev.tollgate.examples..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tollgate.internal..", "dev.tollgate.rules.internal..",
            "org.kie..", "org.drools..")
        .because("examples are what integrators copy")
        .check(new ClassFileImporter().importPackages("dev.tollgate.examples"));
  }
}
