package dev.tollgate.rules.tooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.RulePackLoader;
import dev.tollgate.rules.Version;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackChangesTest {
  private static final String PACK = """
      id: demo
      version: %s
      title: {zh: 演示, en: Demo}
      jurisdiction: CN
      appliesTo: [call]
      owner: tests
      parameters:
        maxRate: {value: %s, description: {zh: 上限, en: Cap}}
      rules:
        - id: CN-DEMO-RATE
          title: {zh: 语速, en: %s}
          citation: {instrument: 测试法, article: 第一条}
          effect: %s
          confidence: high
          when: {field: aiLabel.charsPerMinute, gt: {param: maxRate}}
          message: {zh: 太快, en: Too fast}
      """;

  private static RulePack pack(String version, int maxRate, String title, String effect) {
    return RulePackLoader.parse("demo.yaml", PACK.formatted(version, maxRate, title, effect).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void between_capOfADenyRuleChanged_isADecisionChangeNeedingAMajorVersion() {
    PackChanges changes = PackChanges.between(pack("1.0.0", 300, "Rate", "DENY"), pack("1.1.0", 360, "Rate", "DENY"));
    assertEquals(List.of(new PackChanges.Change("CN-DEMO-RATE", PackChanges.Impact.DECISION, "parameter maxRate 300 -> 360")),
        changes.changes());
    assertEquals(Version.parse("2.0.0"), changes.requiredVersion());
    assertFalse(changes.versionSufficient());
    assertTrue(PackChanges.between(pack("1.0.0", 300, "Rate", "DENY"), pack("2.0.0", 360, "Rate", "DENY")).versionSufficient());
  }

  @Test
  void between_capOfAWarnRuleChanged_needsAMinorVersion() {
    PackChanges changes = PackChanges.between(pack("1.0.0", 300, "Rate", "WARN"), pack("1.0.1", 360, "Rate", "WARN"));
    assertEquals(PackChanges.Impact.FINDINGS, changes.impact());
    assertEquals(Version.parse("1.1.0"), changes.requiredVersion());
    assertFalse(changes.versionSufficient());
  }

  @Test
  void between_titleOnly_needsAPatchAndTheSameVersionEditedIsNotEnough() {
    PackChanges edited = PackChanges.between(pack("1.0.0", 300, "Rate", "DENY"), pack("1.0.0", 300, "Speaking rate", "DENY"));
    assertEquals(List.of(new PackChanges.Change("CN-DEMO-RATE", PackChanges.Impact.TEXT, "title changed")), edited.changes());
    assertFalse(edited.versionSufficient());
    assertTrue(PackChanges.between(pack("1.0.0", 300, "Rate", "DENY"), pack("1.0.1", 300, "Speaking rate", "DENY"))
        .versionSufficient());
  }

  @Test
  void between_effectChangedFromWarnToDeny_isADecisionChange() {
    PackChanges changes = PackChanges.between(pack("1.0.0", 300, "Rate", "WARN"), pack("2.0.0", 300, "Rate", "DENY"));
    assertEquals(List.of(new PackChanges.Change("CN-DEMO-RATE", PackChanges.Impact.DECISION, "effect WARN -> DENY")),
        changes.changes());
    assertTrue(changes.versionSufficient());
  }

  @Test
  void between_identicalPacks_noChanges() {
    PackChanges changes = PackChanges.between(pack("1.0.0", 300, "Rate", "DENY"), pack("1.0.0", 300, "Rate", "DENY"));
    assertEquals(List.of(), changes.changes());
    assertNull(changes.impact());
    assertTrue(changes.versionSufficient());
  }
}
