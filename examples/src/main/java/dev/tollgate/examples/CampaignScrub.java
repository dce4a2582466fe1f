package dev.tollgate.examples;

import dev.tollgate.Decision;
import dev.tollgate.PolicyEngine;
import dev.tollgate.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Scrubs a campaign's call list before dialling: every call decided at once, on the calling thread and one
 * more, and the list split into the calls to dial and those to drop, with the rules that dropped them.
 *
 * <pre>{@code java -cp "examples/target/classes:examples/target/lib/*" dev.tollgate.examples.CampaignScrub examples/requests/marketing-calls.jsonl}</pre>
 */
public final class CampaignScrub {
  private CampaignScrub() {}

  public static void main(String[] args) throws IOException {
    List<Request> campaign = Files.readAllLines(Path.of(args[0])).stream()
        .filter(line -> !line.isBlank()).map(Request::fromJson).toList();
    ExecutorService workers = Executors.newFixedThreadPool(1);      // the cores you give it, besides this thread
    try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().build()) {
      List<Decision> decisions = engine.decideAll(campaign, workers);   // in the campaign's order
      for (Decision d : decisions) {
        System.out.println((d.isAllowed() ? "dial " : "drop ") + d.requestId() + (d.isAllowed() ? "" : " " + d.ruleIds()));
      }
      System.out.println(engine.evaluationErrors() + " decisions failed closed");
    } finally {
      workers.shutdown();
    }
  }
}
