package dev.tollgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class RulePackLoaderTest {
  private static final Path BAD_PACKS = Path.of("src/test/resources/bad-packs");
  private static final Path BUNDLED = Path.of("../rulepacks");

  /** Each folder of bad-packs holds a pack.yaml and expected.txt, one "line:col code" per problem. */
  @TestFactory
  Stream<DynamicTest> load_badPack_reportsEveryProblemAtItsLocation() throws IOException {
    try (Stream<Path> dirs = Files.list(BAD_PACKS)) {
      return dirs.sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt"));
        byte[] yaml = Files.readAllBytes(dir.resolve("pack.yaml"));
        RulePackException e = assertThrows(RulePackException.class, () -> RulePackLoader.parse("pack.yaml", yaml));
        List<String> actual = e.problems().stream().map(p -> p.line() + ":" + p.column() + " " + p.code()).toList();
        assertEquals(expected, actual, e.getMessage());
      }));
    }
  }

  @Test
  void load_bundledPacks_loadWithoutProblems() {
    List<RulePack> packs = RulePackLoader.load(BUNDLED);
    assertTrue(packs.stream().anyMatch(p -> p.id().equals("cn-fin-marketing-calls")), packs.toString());
    for (RulePack p : packs) {
      assertTrue(p.digest().matches("sha256:[0-9a-f]{64}"), p.digest());
    }
  }

  @Test
  void parse_exceptionMessage_listsEachProblemAsFileLineColumn() {
    RulePackException e = assertThrows(RulePackException.class,
        () -> RulePackLoader.parse("x/pack.yaml", "id: x\nversion: 1\n".getBytes(StandardCharsets.UTF_8)));
    String[] lines = e.getMessage().split("\n");
    assertTrue(lines[0].matches("\\d+ problems in rule pack file x/pack\\.yaml:"), lines[0]);
    assertTrue(lines[1].startsWith("x/pack.yaml:"), lines[1]);
    assertEquals(e.problems().size(), lines.length - 1);
  }

  @Test
  void parse_codeInStrings_isKeptAsPlainText() {
    String yaml = """
        id: demo
        version: 1.0.0
        title: {zh: "\\"); System.exit(1); //", en: "${jndi:ldap://x}"}
        jurisdiction: CN
        appliesTo: [call]
        owner: "'; DROP TABLE rules; --"
        rules:
          - id: CN-TEST-CODE
            title: {zh: "#{T(java.lang.Runtime).getRuntime().exec('x')}", en: t}
            citation: {instrument: i, article: a}
            effect: DENY
            confidence: high
            when: {field: product, eq: "x\\"); System.exit(1); //"}
            message: {zh: m, en: m}
        """;
    RulePack p = RulePackLoader.parse("pack.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    Condition.Compare c = (Condition.Compare) p.rules().get(0).when();
    assertEquals(new Operand.Literal("x\"); System.exit(1); //"), c.operand());
    assertEquals("'; DROP TABLE rules; --", p.owner());
  }

  @Test
  void load_packInWrongFolder_isReported(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("other-name/2.0.0"));
    Files.copy(BUNDLED.resolve("cn-fin-marketing-calls/1.0.0/pack.yaml"), dir.resolve("pack.yaml"));
    RulePackException e = assertThrows(RulePackException.class, () -> RulePackLoader.load(tmp));
    assertEquals("pack_location_mismatch", e.problems().get(0).code());
  }

  @Test
  void load_sameRuleIdInTwoPacks_isReported(@TempDir Path tmp) throws IOException {
    String pack = Files.readString(BUNDLED.resolve("cn-fin-marketing-calls/1.0.0/pack.yaml"));
    Path dir = Files.createDirectories(tmp.resolve("copy/1.0.0"));
    Files.writeString(dir.resolve("pack.yaml"), pack.replace("id: cn-fin-marketing-calls", "id: copy"));
    RulePackException e = assertThrows(RulePackException.class, () -> RulePackLoader.load(BUNDLED, tmp));
    assertTrue(e.problems().stream().allMatch(p -> p.code().equals("duplicate_rule_id")), e.getMessage());
  }

  @Test
  void parse_contentQuantifierAndLabelTerms_bindTheModel() {
    String yaml = """
        id: demo
        version: 1.0.0
        title: {zh: 演示, en: Demo}
        jurisdiction: CN
        appliesTo: [call, data-share]
        owner: test
        rules:
          - id: CN-TEST-FILES
            title: {zh: 文件, en: Files}
            citation: {instrument: 法, article: 第一条}
            effect: DENY
            confidence: high
            appliesTo: [data-share]
            when:
              anyContent:
                all:
                  - {field: "content[].aiGenerated", eq: true}
                  - {field: purpose, eq: MARKETING_OUTREACH}
            message: {zh: 否, en: No}
          - id: CN-TEST-LABEL
            title: {zh: 标识, en: Label}
            citation: {instrument: 法, article: 第二条}
            effect: OBLIGATION
            confidence: high
            appliesTo: [call]
            when: {field: aiLabel.spokenText, containsAny: [人工智能, AI]}
            message: {zh: 播放, en: Play}
            obligation: {action: PLAY_AI_LABEL, params: {positions: {field: aiLabel.positions}, fixed: [START]}}
        """;
    RulePack p = RulePackLoader.parse("pack.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    Rule files = p.rules().get(0);
    assertEquals(java.util.Set.of(RequestType.DATA_SHARE), files.appliesTo());
    Condition.AnyItem any = (Condition.AnyItem) files.when();
    assertEquals(Field.CONTENT, any.list());
    Condition.AllOf inner = (Condition.AllOf) any.condition();
    assertEquals(Field.CONTENT_AI_GENERATED, ((Condition.Compare) inner.conditions().get(0)).field());
    // A request field inside the quantifier keeps its meaning for the request type of the rule.
    assertEquals(Field.SHARE_PURPOSE, ((Condition.Compare) inner.conditions().get(1)).field());

    Rule label = p.rules().get(1);
    assertEquals(java.util.Set.of(RequestType.CALL), label.appliesTo());
    Condition.Compare cmp = (Condition.Compare) label.when();
    assertEquals(Operator.CONTAINS_ANY, cmp.operator());
    assertEquals(new Operand.Literal(List.of("人工智能", "AI")), cmp.operand());
    assertEquals(new ObligationTemplate.FieldValue(Field.AI_LABEL_POSITIONS), label.obligation().params().get("positions"));
    assertEquals(List.of("START"), label.obligation().params().get("fixed"));
  }

  @Test
  void parse_ruleWithoutAppliesTo_takesThePacksTypes() {
    RulePack p = RulePackLoader.load(BUNDLED).stream().filter(x -> x.id().equals("cn-fin-marketing-calls")).findFirst()
        .orElseThrow();
    assertEquals(java.util.Set.of(RequestType.CALL), p.rules().get(0).appliesTo());
  }
  private static final String SHARE_PACK = """
      id: demo
      version: 1.0.0
      title: {zh: 演示, en: Demo}
      jurisdiction: CN
      appliesTo: [data-share]
      owner: test
      parameters:
        necessary:
          value: {REMINDER: [name, mobile], MARKETING: [name]}
          description: {zh: 必要字段, en: Necessary fields}
      vocabulary:
        purposes: [REMINDER, MARKETING]
        fields: [name, mobile, id_number, face_image]
        categories:
          sensitive: [id_number, face_image]
          biometric: [face_image]
      rules:
        - id: CN-TEST-NECESSARY
          title: {zh: 必要, en: Necessary}
          citation: {instrument: 法, article: 第六条}
          effect: DENY
          confidence: high
          when:
            anyField: {field: "fields[].name", notIn: {param: necessary, for: purpose}}
          message: {zh: 否, en: No}
        - id: CN-TEST-SENSITIVE
          title: {zh: 敏感, en: Sensitive}
          citation: {instrument: 法, article: 第二十九条}
          effect: DENY
          confidence: high
          when:
            anyField: {field: "fields[].name", in: {category: sensitive}}
          message: {zh: 否, en: No}
      """;

  private static RulePack sharePack(String yaml) {
    return RulePackLoader.parse("pack.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_vocabulary_keepsPurposesFieldsAndCategoriesInFileOrder() {
    Vocabulary v = sharePack(SHARE_PACK).vocabulary();
    assertEquals(List.of("REMINDER", "MARKETING"), v.purposes());
    assertEquals(List.of("name", "mobile", "id_number", "face_image"), v.fields());
    assertEquals(List.of("id_number", "face_image"), v.categories().get("sensitive"));
    assertEquals(List.of("sensitive", "biometric"), v.categoriesOf("face_image"));
    assertEquals(List.of(), v.categoriesOf("name"));
  }

  @Test
  void parse_packWithoutVocabulary_hasNone() {
    assertNull(RulePackLoader.load(BUNDLED).stream().filter(p -> p.id().equals("cn-aigc-labeling")).findFirst()
        .orElseThrow().vocabulary());
  }

  @Test
  void parse_anyFieldWithTableAndCategory_bindsOperandsToTheVocabulary() {
    RulePack p = sharePack(SHARE_PACK);
    Condition.AnyItem necessary = (Condition.AnyItem) p.rules().get(0).when();
    assertEquals(Field.FIELDS, necessary.list());
    assertEquals(new Condition.Compare(Field.FIELDS_NAME, Operator.NOT_IN,
        new Operand.ParamEntry("necessary", Field.SHARE_PURPOSE)), necessary.condition());
    Condition.AnyItem sensitive = (Condition.AnyItem) p.rules().get(1).when();
    assertEquals(new Condition.Compare(Field.FIELDS_NAME, Operator.IN,
        new Operand.Category("sensitive", List.of("id_number", "face_image"))), sensitive.condition());
  }

  @Test
  void parse_vocabularyInACallOnlyPack_isReported() {
    RulePackException e = assertThrows(RulePackException.class, () -> sharePack(SHARE_PACK
        .replace("appliesTo: [data-share]", "appliesTo: [call]")));
    assertTrue(e.problems().stream().anyMatch(pr -> pr.code().equals("vocabulary_not_for_data_share")
        && pr.line() == 12), e.getMessage());
  }

  @Test
  void parse_tableWithoutAnEntryForAPurpose_isReportedAtTheTable() {
    RulePackException e = assertThrows(RulePackException.class, () -> sharePack(SHARE_PACK
        .replace(", MARKETING: [name]", "")));
    assertEquals(List.of("missing_vocabulary_entry"), e.problems().stream().map(Problem::code).toList());
    assertEquals(9, e.problems().get(0).line());
    assertTrue(e.getMessage().contains("no entry for purpose MARKETING"), e.getMessage());
  }

  @Test
  void parse_categoryOutsideAnyField_isRejected() {
    RulePackException e = assertThrows(RulePackException.class, () -> sharePack(SHARE_PACK
        .replace("anyField: {field: \"fields[].name\", in: {category: sensitive}}",
            "{field: recipient.id, in: {category: sensitive}}")));
    assertEquals(List.of("invalid_value"), e.problems().stream().map(Problem::code).toList());
  }
}
