package dev.tollgate.cli;

import dev.tollgate.Decision;
import dev.tollgate.Finding;
import dev.tollgate.PolicyEngine;
import dev.tollgate.rules.RulePack;
import dev.tollgate.rules.tooling.PackChanges;
import dev.tollgate.rules.tooling.PackLint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tollgate diff}: decides a corpus of requests under two sets of packs and lists every decision
 * that changes, then what changed in the packs, rule by rule, and whether the version numbers say so.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Decides every request of a JSON-lines file under the OLD and the NEW packs, lists each changed"
        + " decision with the rule ids that appear or disappear, then the changed rules of each pack and the"
        + " version they need, and a summary.",
    footer = {"", "Exit status: 0 no decision changed, 1 some decision changed,"
        + " 2 a bad request line, packs with problems, or a pack version too low for its changes."})
final class DiffCommand implements Callable<Integer> {
  private static final String INVALID = "TOLLGATE-INVALID-REQUEST";

  @ParentCommand
  private Tollgate tollgate;

  @Parameters(index = "0", paramLabel = "OLD", description = "The packs before the change: a folder of packs, a pack folder or a version folder.")
  private Path old;

  @Parameters(index = "1", paramLabel = "NEW", description = "The packs after the change, likewise.")
  private Path changed;

  @Option(names = "--requests", paramLabel = "FILE", required = true,
      description = "One request per line (contract JSON), e.g. a day of the CRM's proposed calls; - reads standard input.")
  private String requests;

  @Option(names = "--overrides", paramLabel = "FILE",
      description = "Apply the institution's parameter values in FILE to both sides.")
  private Path overrides;

  private int total;
  private DecisionChanges changes;

  @Override
  public Integer call() throws IOException {
    int status = Tollgate.OK;
    changes = new DecisionChanges(tollgate.out);
    try (PolicyEngine before = engine(old); PolicyEngine after = engine(changed); BufferedReader reader = open()) {
      int number = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        number++;
        if (!line.isBlank()) {
          status = Math.max(status, compare(number, before.decideJson(line), after.decideJson(line)));
        }
      }
      tollgate.out.println();
      status = Math.max(status, packChanges(before.packs(), after.packs()));
    }
    tollgate.out.println(ValidateCommand.count(total, "request") + ": " + changes.summary(total));
    return Math.max(status, changes.changed() > 0 ? Tollgate.DENIED : Tollgate.OK);
  }

  private PolicyEngine engine(Path packs) {
    PolicyEngine.Builder builder = PolicyEngine.builder().packs(packs);
    if (overrides != null) {
      builder.overrides(overrides);
    }
    return builder.build();
  }

  /** Prints the change of one request, if any; returns the exit status it calls for. */
  private int compare(int number, Decision before, Decision after) {
    for (Decision d : List.of(before, after)) {
      if (d.ruleIds().contains(INVALID)) {
        tollgate.err.println("line " + number + ": " + d.findings().get(0).message().en());
        return Tollgate.BAD_INPUT;
      }
    }
    total++;
    Map<String, Finding> gone = byRule(before);
    Map<String, Finding> added = byRule(after);
    Set<String> kept = new HashSet<>(gone.keySet());
    kept.retainAll(added.keySet());
    gone.keySet().removeAll(kept);
    added.keySet().removeAll(kept);
    changes.print("line " + number + " " + after.requestId() + ": ", before.verdict().name(), after.verdict().name(),
        describe(gone.values()), describe(added.values()), before.allowedFields(), after.allowedFields(), List.of());
    return Tollgate.OK;
  }

  private static List<String> describe(Collection<Finding> findings) {
    return findings.stream()
        .map(f -> DecisionChanges.cited(f.rule(), f.effect().name(), f.shadow(), f.pack(), f.message().en()))
        .toList();
  }

  private static Map<String, Finding> byRule(Decision d) {
    Map<String, Finding> out = new LinkedHashMap<>();
    d.findings().forEach(f -> out.putIfAbsent(f.rule(), f));
    return out;
  }

  /**
   * Prints what changed in each pack from the newest version on the OLD side to the newest on the NEW
   * side; returns 2 when a version number is too low for its changes.
   */
  private int packChanges(List<RulePack> before, List<RulePack> after) {
    Map<String, RulePack> oldNewest = newest(before);
    Map<String, RulePack> newNewest = newest(after);
    int status = Tollgate.OK;
    tollgate.out.println("Pack changes (newest version on each side):");
    int unchanged = 0;
    for (Map.Entry<String, RulePack> e : oldNewest.entrySet()) {
      if (!newNewest.containsKey(e.getKey())) {
        tollgate.out.println("  " + e.getValue().ref() + ": only in OLD");
      }
    }
    for (RulePack pack : newNewest.values()) {
      RulePack was = oldNewest.get(pack.id());
      if (was == null) {
        tollgate.out.println("  " + pack.ref() + ": only in NEW");
        continue;
      }
      PackChanges changes = PackChanges.between(was, pack);
      if (changes.changes().isEmpty() && was.version().equals(pack.version())) {
        unchanged++;
        continue;
      }
      tollgate.out.println("  " + pack.id() + " " + was.version() + " -> " + pack.version() + ": "
          + (changes.versionSufficient() ? "version number fits the changes" : "VERSION TOO LOW, needs " + changes.requiredVersion()));
      for (PackChanges.Change c : changes.changes()) {
        tollgate.out.println("    " + c.rule() + " [" + impact(c.impact()) + "]: " + c.what());
      }
      if (!changes.versionSufficient()) {
        tollgate.err.println("tollgate: " + PackLint.bumpMessage(changes));
        status = Tollgate.BAD_INPUT;
      }
    }
    if (unchanged > 0) {
      tollgate.out.println("  " + unchanged + (unchanged == 1 ? " pack" : " packs") + " unchanged");
    }
    tollgate.out.println();
    return status;
  }

  private static String impact(PackChanges.Impact impact) {
    return switch (impact) {
      case DECISION -> "can change ALLOW/DENY";
      case FINDINGS -> "changes findings only";
      case TEXT -> "text only";
    };
  }

  private static Map<String, RulePack> newest(List<RulePack> packs) {
    Map<String, RulePack> out = new LinkedHashMap<>();
    packs.forEach(p -> out.merge(p.id(), p, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b));
    return out;
  }

  private BufferedReader open() {
    try {
      return new BufferedReader(new InputStreamReader(requests.equals("-") ? tollgate.in
          : Files.newInputStream(Path.of(requests)), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + requests, e);
    }
  }
}
