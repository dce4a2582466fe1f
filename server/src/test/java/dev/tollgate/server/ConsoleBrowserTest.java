package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.PolicyEngine;
import dev.tollgate.decisionlog.DecisionLog;
import dev.tollgate.rules.RulePack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console as a person uses it: the real service on a free port, and Debian's headless chromium
 * loading its page, choosing an example, deciding it and reading the rendered decision. Needs
 * /usr/bin/chromium: without it the tests are skipped, except on CI (TOLLGATE_CI=1), where they fail.
 * Each test leaves a screenshot in docs/console/ for the docs to show.
 */
class ConsoleBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLES = Path.of("..", "examples", "requests");
  private static final Path SCREENSHOTS = Path.of("..", "docs", "console");
  private static final String XSS = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

  @TempDir static Path dir;
  private static DecisionServer server;
  private static Chromium chromium;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(Chromium.BINARY)) {
      if ("1".equals(System.getenv("TOLLGATE_CI"))) {
        fail(Chromium.BINARY + " is missing and TOLLGATE_CI=1: .ci/run installs the Debian package chromium");
      }
      Assumptions.abort(Chromium.BINARY + " is missing: install the Debian package chromium to run this test");
    }
    Path mask = Files.write(dir.resolve("mask.key"), new byte[32]);
    server = DecisionServer.builder().port(0).dataDir(dir.resolve("data"))
        .decisionLog(DecisionLog.toFolder(dir.resolve("decisions")).maskingKey(mask).build()).start();
    chromium = Chromium.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static void openConsole(String language) throws Exception {
    chromium.open(server.uri() + "/");
    chromium.evaluate("localStorage.setItem('tollgate.lang', '" + language + "'); 1");
    chromium.reload();
    chromium.waitFor("document.documentElement.lang.startsWith('" + (language.equals("zh") ? "zh" : "en") + "')");
    chromium.waitFor("document.querySelectorAll('#examples option').length > 1");
  }

  private static void decide(String requestJson) throws Exception {
    chromium.evaluate("document.getElementById('request').value = " + JSON.writeValueAsString(requestJson)
        + "; document.getElementById('decide-button').click(); 1");
    chromium.waitFor("document.querySelector('#verdict, #result .error')");
  }

  private static List<String> renderedRuleIds() throws Exception {
    List<String> ids = new ArrayList<>();
    chromium.evaluate("[...document.querySelectorAll('#result table.findings code.rule-id')].map(e => e.textContent)")
        .forEach(n -> ids.add(n.asText()));
    return ids;
  }

  private static void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), chromium.screenshot());
  }

  @Test
  void lookup_loggedDecisionById_isRenderedAsAFreshDecisionIs() throws Exception {
    openConsole("en");
    decide(Files.readString(EXAMPLES.resolve("marketing-call-no-consent.json")));
    List<String> fresh = renderedRuleIds();
    String decisionId = chromium.evaluate("[...document.querySelectorAll('#result dl.facts dt')]"
        + ".find(e => e.textContent === 'Decision id').nextElementSibling.textContent").asText();
    chromium.evaluate("document.getElementById('request').value = ''; document.getElementById('result').replaceChildren(); 1");

    chromium.evaluate("document.getElementById('lookup-id').value = " + JSON.writeValueAsString(decisionId)
        + "; document.getElementById('lookup-button').click(); 1");
    chromium.waitFor("document.querySelector('#verdict, #result .error')");
    assertEquals("DENY", chromium.evaluate("document.getElementById('verdict').dataset.decision").asText());
    assertFalse(fresh.isEmpty());
    assertEquals(fresh, renderedRuleIds());
    String facts = chromium.evaluate("document.querySelector('#result dl.facts').textContent").asText();
    assertTrue(facts.contains(decisionId) && facts.contains("Log entry"), facts);
    screenshot("lookup-en.png");

    chromium.evaluate("document.getElementById('lookup-id').value = '0193f0c2-not-logged'; "
        + "document.getElementById('lookup-button').click(); 1");
    chromium.waitFor("document.querySelector('#result .error')");
    String error = chromium.evaluate("document.querySelector('#result .error').textContent").asText();
    assertTrue(error.contains("404") && error.contains("no decision 0193f0c2-not-logged in the decision log"), error);
  }

  @Test
  void example_decided_showsVerdictAndEveryRuleIdOfTheDecision() throws Exception {
    openConsole("en");
    chromium.evaluate("const s = document.getElementById('examples');"
        + "s.value = [...s.options].find(o => o.textContent === 'marketing-call-no-consent').value;"
        + "s.dispatchEvent(new Event('change')); 1");
    String request = chromium.evaluate("document.getElementById('request').value").asText();
    assertEquals(JSON.readTree(Files.readString(EXAMPLES.resolve("marketing-call-no-consent.json"))), JSON.readTree(request));
    chromium.evaluate("document.getElementById('decide-button').click(); 1");
    chromium.waitFor("document.getElementById('verdict')");

    Decision expected;
    try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().build()) {
      expected = engine.decideJson(request);
    }
    assertEquals("DENY", chromium.evaluate("document.getElementById('verdict').dataset.decision").asText());
    assertEquals(expected.findings().stream().map(Finding::rule).toList(), renderedRuleIds());
    assertTrue(renderedRuleIds().contains("CN-CONSUMER-COMMERCIAL-CONSENT"));
    JsonNode obligations = chromium.evaluate("[...document.querySelectorAll('#result .obligation .action')].map(e => e.textContent)");
    assertEquals(expected.obligations().size(), obligations.size());
    JsonNode citation = chromium.evaluate("document.querySelector('#result table.findings .citation').textContent");
    assertTrue(citation.asText().contains(expected.findings().get(0).citation().instrument()), citation.asText());
    screenshot("decision-en.png");
  }

  @Test
  void invalidJson_showsItsLineAndColumn() throws Exception {
    openConsole("en");
    decide("{\n  \"type\": \"call\",\n  \"at\": oops\n}");
    String error = chromium.evaluate("document.querySelector('#result .json-error').textContent").asText();
    assertTrue(error.startsWith("Invalid JSON at line 3, column 9"), error);
    screenshot("invalid-json-en.png");
  }

  @Test
  void requestFieldHoldingMarkup_isShownAsText() throws Exception {
    openConsole("en");
    JsonNode request = JSON.readTree(Files.readString(EXAMPLES.resolve("marketing-call-consented.json")));
    ((com.fasterxml.jackson.databind.node.ObjectNode) request).put("id", XSS);
    decide(JSON.writeValueAsString(request));
    assertTrue(chromium.evaluate("document.getElementById('result').textContent").asText().contains(XSS));
    assertEquals(0, chromium.evaluate("document.querySelectorAll('#result img, #result script').length").asInt());
    assertTrue(chromium.evaluate("window.__xss === undefined").asBoolean(), "a request field ran as script");
  }

  @Test
  void packTextHoldingMarkup_isShownAsText(@TempDir Path packs) throws Exception {
    // Every English title and message of the marketing pack starts with markup that would run if rendered.
    Path source = Path.of("..", "rulepacks", "cn-fin-marketing-calls");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = packs.resolve("cn-fin-marketing-calls").resolve(source.relativize(file));
        Files.createDirectories(target.getParent());
        String text = Files.readString(file);
        if (file.getFileName().toString().equals("pack.yaml")) {
          text = Pattern.compile("^(\\s+en: )([^'\"|>\\[{].*)$", Pattern.MULTILINE).matcher(text)
              .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "'" + (XSS + " " + m.group(2)).replace("'", "''") + "'"));
        }
        Files.writeString(target, text);
      }
    }
    try (DecisionServer hostile = DecisionServer.builder().port(0).dataDir(dir.resolve("hostile")).packs(packs).start()) {
      chromium.open(hostile.uri() + "/");
      chromium.waitFor("document.querySelectorAll('#examples option').length > 1");
      decide(Files.readString(EXAMPLES.resolve("marketing-call-no-consent.json")));
      assertTrue(chromium.evaluate("document.getElementById('result').textContent").asText().contains(XSS));
      chromium.evaluate("document.getElementById('tab-packs').click(); 1");
      chromium.waitFor("document.querySelectorAll('#pack-list tr.rule').length > 0");
      assertTrue(chromium.evaluate("document.getElementById('pack-list').textContent").asText().contains(XSS));
      assertEquals(0, chromium.evaluate("document.querySelectorAll('main img, main script').length").asInt());
      assertTrue(chromium.evaluate("window.__xss === undefined").asBoolean(), "a pack text ran as script");
    }
  }

  @Test
  void languageSwitched_showsTheChineseMessagesOfTheDecision() throws Exception {
    openConsole("en");
    String request = Files.readString(EXAMPLES.resolve("marketing-call-no-consent.json"));
    decide(request);
    chromium.evaluate("document.getElementById('lang').click(); 1");
    chromium.waitFor("document.documentElement.lang === 'zh-CN'");
    assertEquals("Tollgate 控制台", chromium.evaluate("document.querySelector('h1').textContent").asText());
    assertEquals("拒绝", chromium.evaluate("document.getElementById('verdict').textContent").asText());
    Decision expected;
    try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().build()) {
      expected = engine.decideJson(request);
    }
    JsonNode messages = chromium.evaluate("[...document.querySelectorAll('#result table.findings td.message')].map(e => e.textContent)");
    for (int i = 0; i < expected.findings().size(); i++) {
      assertEquals(expected.findings().get(i).message().zh(), messages.get(i).asText());
    }
    screenshot("decision-zh.png");
  }

  @Test
  void packsTab_listsEveryRuleInForce_andSearchNarrowsThem() throws Exception {
    openConsole("en");
    chromium.evaluate("document.getElementById('tab-packs').click(); 1");
    chromium.waitFor("document.querySelectorAll('#pack-list tr.rule').length > 0");
    assertEquals("none", chromium.evaluate("getComputedStyle(document.getElementById('decide')).display").asText());
    // The version of each pack in force today, as the engine picks it: the highest whose dates cover today.
    Map<String, RulePack> inForce = new HashMap<>();
    try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().build()) {
      for (RulePack pack : engine.packs()) {
        if (pack.effective().covers(LocalDate.now(ZoneOffset.UTC))) {
          inForce.merge(pack.id(), pack, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b);
        }
      }
    }
    int rules = inForce.values().stream().mapToInt(p -> p.rules().size()).sum();
    assertEquals(rules, chromium.evaluate("document.querySelectorAll('#pack-list tr.rule').length").asInt());
    chromium.evaluate("const q = document.getElementById('search'); q.value = 'CN-CBA-COLLECT-HOURS';"
        + "q.dispatchEvent(new Event('input')); 1");
    JsonNode ids = chromium.evaluate("[...document.querySelectorAll('#pack-list tr.rule code.rule-id')].map(e => e.textContent)");
    assertEquals(1, ids.size(), ids.toString());
    assertEquals("CN-CBA-COLLECT-HOURS", ids.get(0).asText());
    screenshot("packs-en.png");
  }

  @Test
  void pinnedVersion_decidesUnderIt_andAnUnknownOneIsRefused() throws Exception {
    openConsole("en");
    String oldest;
    try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().build()) {
      oldest = engine.packs().stream().filter(p -> p.id().equals("cn-fin-marketing-calls"))
          .min((a, b) -> a.version().compareTo(b.version())).orElseThrow().ref();
    }
    chromium.evaluate("document.getElementById('pin').value = '" + oldest + "'; 1");
    decide(Files.readString(EXAMPLES.resolve("marketing-call-no-consent.json")));
    assertTrue(chromium.evaluate("document.getElementById('result').textContent").asText().contains(oldest));
    JsonNode packs = chromium.evaluate("[...document.querySelectorAll('#result table.findings td.pack')].map(e => e.textContent)");
    assertTrue(packs.toString().contains(oldest), packs.toString());

    chromium.evaluate("document.getElementById('pin').value = 'cn-fin-marketing-calls@9.9.9'; 1");
    decide(Files.readString(EXAMPLES.resolve("marketing-call-no-consent.json")));
    String error = chromium.evaluate("document.querySelector('#result .error').textContent").asText();
    assertTrue(error.contains("400") && error.contains("cn-fin-marketing-calls@9.9.9 is not loaded"), error);
    chromium.evaluate("document.getElementById('pin').value = ''; 1");
  }

  @Test
  void withTokens_aDecisionNeedsTheToken() throws Exception {
    Path tokens = Files.writeString(dir.resolve("tokens"), "console-test-token\n", StandardCharsets.UTF_8);
    try (DecisionServer guarded = DecisionServer.builder().port(0).dataDir(dir.resolve("guarded")).tokenFile(tokens).start()) {
      chromium.open(guarded.uri() + "/");
      chromium.waitFor("document.querySelectorAll('#examples option').length > 1");
      String request = Files.readString(EXAMPLES.resolve("marketing-call-consented.json"));
      decide(request);
      assertTrue(chromium.evaluate("document.querySelector('#result .error').textContent").asText().contains("401"));
      assertFalse(chromium.evaluate("document.getElementById('verdict') !== null").asBoolean());
      chromium.evaluate("document.getElementById('token').value = 'console-test-token'; 1");
      decide(request);
      assertEquals("ALLOW", chromium.evaluate("document.getElementById('verdict').dataset.decision").asText());
    }
  }
}
