package dev.tollgate.cli;

import dev.tollgate.PolicyEngine;
import dev.tollgate.decisionlog.LogReplay;
import dev.tollgate.decisionlog.LogVerifier;
import dev.tollgate.server.DecisionLogSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tollgate log}: checks a decision log's integrity and replays its decisions. */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Checks and replays a decision log written with --decision-log.",
    subcommands = {LogCommand.Verify.class, LogCommand.Replay.class})
final class LogCommand {
  @ParentCommand
  private Tollgate tollgate;

  /** {@code tollgate log verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Checks that no entry of the log was changed, removed, inserted or reordered, and that every"
          + " checkpoint is signed by the key. Entries cut off after the last checkpoint cannot be told from a"
          + " shorter log: compare with checkpoints kept elsewhere."},
      footer = {"", "Exit status: 0 intact, 1 broken, 2 unreadable log or key."})
  static final class Verify implements Callable<Integer> {
    @ParentCommand
    private LogCommand log;

    @Mixin
    private DecisionLogSource source;

    @Option(names = "--public-key", paramLabel = "KEY", required = true,
        description = "The Ed25519 public key (PEM) of the key that signed the checkpoints.")
    private Path publicKey;

    @Override
    public Integer call() {
      LogVerifier.Result result = source.verify(publicKey);
      switch (result.status()) {
        case INTACT -> log.tollgate.out.println(result.message());
        case BROKEN -> log.tollgate.out.println("BROKEN: " + result.message());
        default -> log.tollgate.err.println("tollgate: " + result.message());
      }
      return switch (result.status()) {
        case INTACT -> Tollgate.OK;
        case BROKEN -> Tollgate.DENIED;
        case UNREADABLE -> Tollgate.BAD_INPUT;
      };
    }
  }

  /** {@code tollgate log replay}. */
  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = {"Decides every logged request again, as of its logged at and with its logged contacts, and"
          + " lists each decision that comes out differently, as tollgate diff does. Under the packs it was"
          + " decided with, every difference is a DEFECT; under others, it is what they would have changed."},
      footer = {"", "Exit status: 0 no decision changed, 1 some decision changed under other packs,"
          + " 2 a defect, an unreadable log or bad packs."})
  static final class Replay implements Callable<Integer> {
    @ParentCommand
    private LogCommand log;

    @Mixin
    private DecisionLogSource source;

    @Mixin
    private PackOptions packs;

    @Override
    public Integer call() {
      LogReplay.Result result;
      try (PolicyEngine engine = packs.engine()) {
        result = source.replay(engine);
      }
      var out = log.tollgate.out;
      DecisionChanges changes = new DecisionChanges(out);
      for (LogReplay.Change c : result.changes()) {
        changes.print((c.samePacks() ? "DEFECT " : "") + "seq " + c.seq() + " " + c.id() + ": ", c.before(), c.after(),
            describe(c.gone()), describe(c.added()), c.fieldsBefore(), c.fieldsAfter(), c.others());
      }
      out.println(ValidateCommand.count((int) result.replayed(), "request") + " replayed (" + result.skipped() + " skipped): "
          + changes.summary(result.replayed()) + (result.defects().isEmpty() ? ""
          : "; " + result.defects().size() + " DEFECTS: the same packs decided differently"));
      if (!result.defects().isEmpty()) {
        return Tollgate.BAD_INPUT;
      }
      return changes.changed() > 0 ? Tollgate.DENIED : Tollgate.OK;
    }

    private static List<String> describe(List<LogReplay.Cited> cited) {
      return cited.stream().map(f -> DecisionChanges.cited(f.rule(), f.effect(), f.shadow(), f.pack(), f.message())).toList();
    }
  }
}
