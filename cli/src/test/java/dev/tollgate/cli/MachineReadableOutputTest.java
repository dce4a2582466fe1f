package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What the commands write for machines: JUnit XML, SARIF and JSON, each read back by a real reader. */
class MachineReadableOutputTest {
  private static final String FAILING = "src/test/resources/tested-packs/failing";
  private static final String LINT_CASES = "../rules/src/test/resources/lint-packs/warnings";
  private static final JsonSchema SARIF = Schemas.fromClasspath("schema/sarif-schema-2.1.0.json");

  @TempDir
  Path dir;

  /**
   * The Apache Ant JUnit schema as CI tools know it. The jar that carries it (junit-model) moved it into a
   * namespace of its own; the reports Ant, Maven and Tollgate write have none, so the namespace is taken
   * out again.
   */
  private static javax.xml.validation.Schema junitSchema() throws Exception {
    String xsd;
    try (InputStream in = MachineReadableOutputTest.class.getClassLoader().getResourceAsStream("xsd/junit.xsd")) {
      xsd = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String plain = xsd.replace(" targetNamespace=\"urn:junit.baev.github.com\"", "")
        .replace(" xmlns:ns=\"urn:junit.baev.github.com\"", "").replace("\"ns:", "\"");
    assertTrue(!plain.contains("urn:junit.baev"), "the namespace is gone");
    return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(new StringReader(plain)));
  }

  /** The command's stdout after checking its exit status, as SARIF that conforms to the OASIS schema. */
  private static JsonNode validSarif(Invocation run, int status, String what) throws IOException {
    assertEquals(status, run.status(), run.toString());
    JsonNode sarif = Schemas.JSON.readTree(run.out());
    Schemas.assertValid(SARIF, sarif, what);
    return sarif;
  }

  @Test
  void testJunit_failingCase_isAFailureInValidJunitXml() throws Exception {
    Path xml = dir.resolve("report.xml");
    Invocation run = Invocation.run("test", "--junit", xml.toString(), FAILING);
    assertEquals(1, run.status(), run.toString());

    junitSchema().newValidator().validate(new StreamSource(xml.toFile()));
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    Document doc = factory.newDocumentBuilder().parse(xml.toFile());
    Element suite = (Element) doc.getDocumentElement().getElementsByTagName("testsuite").item(0);
    assertEquals(FAILING + "/cli-calls/1.0.0/tests/quiet.yaml", suite.getAttribute("name"));
    assertEquals("2", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    NodeList cases = suite.getElementsByTagName("testcase");
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      assertEquals("cli-calls@1.0.0.quiet", c.getAttribute("classname"));
      NodeList failures = c.getElementsByTagName("failure");
      outcomes.add(c.getAttribute("name") + (failures.getLength() == 0 ? " passed" : " failed: "
          + ((Element) failures.item(0)).getAttribute("message")));
    }
    assertEquals(1, outcomes.stream().filter(o -> o.endsWith(" passed")).count(), outcomes.toString());
    assertTrue(outcomes.contains("a late call is allowed (wrong on purpose, it is in the quiet hours) (line 16) failed: "
        + FAILING + "/cli-calls/1.0.0/tests/quiet.yaml:16: case 'a late call is allowed (wrong on purpose, it is in the"
        + " quiet hours)' failed"), outcomes.toString());
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertTrue(failure.getTextContent().contains("  expected: ALLOW []\n  actual:   DENY [CN-TEST-QUIET]\n"),
        failure.getTextContent());
  }

  @Test
  void testJunit_bundledPacks_everyCaseIsATestcase() throws Exception {
    Path xml = dir.resolve("bundled.xml");
    Invocation run = Invocation.run("test", "--junit", xml.toString());
    assertEquals(0, run.status(), run.toString());
    junitSchema().newValidator().validate(new StreamSource(xml.toFile()));
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    String summary = run.outLines().get(run.outLines().size() - 1);
    assertEquals(summary, doc.getElementsByTagName("testcase").getLength() + " passed, 0 failed");
    assertEquals(0, doc.getElementsByTagName("failure").getLength());
  }

  @Test
  void lintSarif_warnings_conformToSarif210_withTheirLocations() throws IOException {
    Invocation run = Invocation.run("lint", "--format", "sarif", "src/test/resources/tested-packs/passing");
    JsonNode sarif = validSarif(run, 0, "lint's SARIF");
    JsonNode result = sarif.at("/runs/0/results/0");
    assertEquals("untested_rule", result.at("/ruleId").asText());
    assertEquals("warning", result.at("/level").asText());
    assertEquals("src/test/resources/tested-packs/passing/cli-calls/1.0.0/pack.yaml",
        result.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals(22, result.at("/locations/0/physicalLocation/region/startLine").asInt());
    assertEquals(9, result.at("/locations/0/physicalLocation/region/startColumn").asInt());
    assertEquals("$.rules[1].id", result.at("/properties/jsonPath").asText());
    assertEquals("tollgate", sarif.at("/runs/0/tool/driver/name").asText());
    assertEquals("1 warning", run.err().strip());
    ((com.fasterxml.jackson.databind.node.ObjectNode) result.at("/locations/0/physicalLocation/region")).put("startLine", 0);
    assertEquals(1, SARIF.validate(sarif).size(), "the schema would catch a line 0");
  }

  @Test
  void lintSarif_manyWarnings_andStrict() throws IOException {
    Invocation run = Invocation.run("lint", "--format", "sarif", "--strict", LINT_CASES);
    JsonNode sarif = validSarif(run, 1, "lint's SARIF");
    assertEquals(16, sarif.at("/runs/0/results").size());
  }

  @Test
  void validateSarif_badPack_isErrorsInSarif_andExitsTwo() throws IOException {
    Invocation run = Invocation.run("validate", "--format", "sarif", "src/test/resources/bad-packs");
    JsonNode sarif = validSarif(run, 2, "validate's SARIF");
    JsonNode results = sarif.at("/runs/0/results");
    assertTrue(results.size() >= 1, run.toString());
    for (JsonNode r : results) {
      assertEquals("error", r.at("/level").asText());
    }
    assertTrue(run.out().contains("\"ruleId\" : \"unknown_field_reference\""), run.toString());
    assertTrue(run.err().strip().matches("\\d+ problems?"), run.toString());

    Invocation lint = Invocation.run("lint", "--format", "sarif", "src/test/resources/bad-packs");
    validSarif(lint, 2, "lint's SARIF for a pack that does not load");
  }

  @Test
  void validateSarif_cleanPacks_isARunWithoutResults() throws IOException {
    Invocation run = Invocation.run("validate", "--format", "sarif");
    JsonNode sarif = validSarif(run, 0, "validate's SARIF");
    assertEquals(0, sarif.at("/runs/0/results").size());
    assertTrue(run.err().contains(": no problems"), run.toString());
  }

  @Test
  void json_listsEachProblemWithItsLocation() throws IOException {
    Invocation run = Invocation.run("validate", "--format", "json", "src/test/resources/bad-packs");
    assertEquals(2, run.status(), run.toString());
    JsonNode first = Schemas.JSON.readTree(run.out()).at("/problems/0");
    assertEquals("error", first.at("/level").asText());
    assertTrue(first.at("/file").asText().startsWith("src/test/resources/bad-packs/"), first.toString());
    assertTrue(first.at("/line").asInt() > 0 && first.at("/column").asInt() > 0, first.toString());

    Invocation lint = Invocation.run("lint", "--format", "json", "src/test/resources/tested-packs/passing");
    assertEquals("untested_rule", Schemas.JSON.readTree(lint.out()).at("/problems/0/code").asText());
    assertEquals("warning", Schemas.JSON.readTree(lint.out()).at("/problems/0/level").asText());
  }

  @Test
  void sarifUri_isAUriReference() {
    assertEquals("packs/my%20pack/1.0.0/pack.yaml", ProblemOutput.uri("packs/my pack/1.0.0/pack.yaml"));
    assertEquals("file:///tmp/p/pack.yaml", ProblemOutput.uri("/tmp/p/pack.yaml"));
  }
}
