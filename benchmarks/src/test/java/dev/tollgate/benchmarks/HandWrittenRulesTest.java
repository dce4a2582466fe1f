package dev.tollgate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written rules answer as the engine does with the packs they were written from, on a generated
 * corpus that makes every one of those rules match and not match: same verdict, same rules in the same
 * order, same obligations, same allowed fields.
 *
 * <p>The engine reads a copy of those packs kept beside this test ({@code hand-written-packs/}), not the
 * bundled packs, so that a change to a bundled pack does not fail this build through the baseline; the
 * baseline and its copy change together, when the benchmarks are brought up to the new packs.
 */
class HandWrittenRulesTest {
  private static final int REQUESTS = 60_000;
  private static PolicyEngine engine;

  @BeforeAll
  static void build() throws URISyntaxException {
    engine = PolicyEngine.builder().packs(Path.of(HandWrittenRulesTest.class.getResource("/hand-written-packs").toURI()))
        .build();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void decide_generatedCorpus_answersAsTheEngine() {
    Corpus corpus = new Corpus(20260301L);
    List<String> differences = new ArrayList<>();
    int denied = 0;
    for (int i = 0; i < REQUESTS; i++) {
      String json = corpus.nextJson();
      Request request = Request.fromJson(json);
      Decision decision = engine.decide(request);
      HandWrittenRules.Answer expected = new HandWrittenRules.Answer(decision.isDenied(), decision.ruleIds(),
          decision.obligations(), decision.allowedFields());
      HandWrittenRules.Answer actual = HandWrittenRules.decide(request);
      if (!expected.equals(actual) && differences.size() < 5) {
        differences.add("\n" + json + "\n  engine:       " + expected + "\n  hand-written: " + actual);
      }
      denied += decision.isDenied() ? 1 : 0;
    }
    assertEquals(List.of(), differences);
    // Both answers are worth comparing only if the corpus has allowed and denied requests alike.
    assertTrue(denied > REQUESTS / 5 && denied < REQUESTS * 4 / 5, "denied " + denied + " of " + REQUESTS);
  }

  @Test
  void packs_theCopy_holdsEveryVersionTheBaselineWasWrittenFrom() {
    assertEquals(List.of("cn-aigc-labeling@1.0.0", "cn-aigc-labeling@2.0.0", "cn-aigc-message-labeling@1.0.0",
            "cn-fin-collection-calls@1.0.0", "cn-fin-collection-calls@2.0.0", "cn-fin-collection-messages@1.0.0",
            "cn-fin-marketing-calls@1.0.0", "cn-fin-marketing-calls@2.0.0", "cn-fin-marketing-messages@1.0.0",
            "cn-pipl-data-sharing@1.0.0", "cn-pipl-data-sharing@2.0.0", "eu-ai-act-art50@1.0.0",
            "eu-gdpr-direct-marketing@1.0.0", "us-fl-telemarketing@1.0.0", "us-reg-f@1.0.0", "us-tcpa@1.0.0"),
        engine.packs().stream().map(p -> p.id() + "@" + p.version()).sorted().toList());
  }

  @Test
  void corpus_everyRuleOfThePacks_matchesSometimesButNotAlways() {
    Corpus corpus = new Corpus(20260301L);
    Map<String, Integer> matched = new HashMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      engine.decide(Request.fromJson(corpus.nextJson())).ruleIds().forEach(r -> matched.merge(r, 1, Integer::sum));
    }
    TreeSet<String> never = new TreeSet<>();
    TreeSet<String> always = new TreeSet<>();
    for (RulePack pack : engine.packs()) {
      for (Rule rule : pack.rules()) {
        int n = matched.getOrDefault(rule.id(), 0);
        if (n == 0) {
          never.add(rule.id());
        } else if (n == REQUESTS) {
          always.add(rule.id());
        }
      }
    }
    assertEquals(new TreeSet<>(), never, "rules the corpus never makes match");
    assertEquals(new TreeSet<>(), always, "rules the corpus always makes match");
    assertTrue(matched.containsKey("TOLLGATE-NO-APPLICABLE-PACK"));
    assertTrue(matched.containsKey("TOLLGATE-INVALID-REQUEST"));
  }
}
