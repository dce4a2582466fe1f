package dev.tollgate.cli;

import dev.tollgate.bundle.Bundle;
import dev.tollgate.bundle.BundleException;
import dev.tollgate.bundle.BundleManifest;
import dev.tollgate.bundle.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tollgate bundle}: builds, signs and verifies bundles of packs for engines to load at run time. */
@Command(name = "bundle", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Builds, signs and verifies bundles of packs (Ed25519 over the bundle's manifest).",
    subcommands = {BundleCommand.Build.class, BundleCommand.Sign.class, BundleCommand.Verify.class, BundleCommand.Keygen.class})
final class BundleCommand implements Callable<Integer> {
  @ParentCommand
  private Tollgate tollgate;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: build, sign, verify or keygen");
  }

  @Command(name = "build", mixinStandardHelpOptions = true,
      description = "Writes one unsigned bundle of the packs under the folders, with their tests and a manifest of digests.",
      footer = {"", "Exit status: 0 written, 2 a pack with problems or bad usage."})
  static final class Build implements Callable<Integer> {
    @ParentCommand
    private BundleCommand bundle;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders of packs (<id>/<version>/pack.yaml), pack version folders or pack.yaml files.")
    private List<Path> dirs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The bundle to write.")
    private Path output;

    @Option(names = "--revision", paramLabel = "NAME",
        description = "The revision decisions will name, e.g. 2025-10-01.1; default: sha256: and 12 hex digits of the files' digest.")
    private String revision;

    @Override
    public Integer call() {
      Bundle built = Bundle.build(revision, dirs);
      built.write(output);
      BundleManifest m = built.manifest();
      bundle.tollgate.out.println(output + ": revision " + m.revision() + ", " + ValidateCommand.count(m.packs().size(), "pack")
          + ", " + ValidateCommand.count(m.files().size(), "file") + ", unsigned");
      return Tollgate.OK;
    }
  }

  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "Signs a bundle's manifest with an Ed25519 private key (PEM, PKCS#8), in place unless -o is given.",
      footer = {"", "Exit status: 0 signed, 2 unreadable bundle or key."})
  static final class Sign implements Callable<Integer> {
    @ParentCommand
    private BundleCommand bundle;

    @Parameters(paramLabel = "FILE", description = "The bundle.")
    private Path file;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The private key, PEM.")
    private Path key;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the signed bundle here instead.")
    private Path output;

    @Override
    public Integer call() {
      Bundle read;
      try {
        read = Bundle.read(file);
      } catch (BundleException e) {
        bundle.tollgate.err.println("tollgate: " + file + ": " + e.getMessage());
        return Tollgate.BAD_INPUT;
      }
      Path target = output == null ? file : output;
      read.sign(Keys.readPrivate(key)).write(target);
      bundle.tollgate.out.println(target + ": revision " + read.manifest().revision() + " signed");
      return Tollgate.OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Checks a bundle's signature against a public key and every file against the manifest.",
      footer = {"", "Exit status: 0 good, 1 unsigned, another key's signature or a file that is not the manifest's,",
          "2 not a readable bundle or key."})
  static final class Verify implements Callable<Integer> {
    @ParentCommand
    private BundleCommand bundle;

    @Parameters(paramLabel = "FILE", description = "The bundle.")
    private Path file;

    @Option(names = "--public-key", required = true, paramLabel = "KEY", description = "The public key, PEM.")
    private Path publicKey;

    @Override
    public Integer call() {
      var key = Keys.readPublic(publicKey);
      try {
        Bundle read = Bundle.read(file);
        read.verify(key);
        BundleManifest m = read.manifest();
        bundle.tollgate.out.println(file + ": good: revision " + m.revision() + ", signed by " + Keys.fingerprint(key) + ", "
            + String.join(" ", m.packs().stream().map(p -> p.id() + "@" + p.version()).toList()));
        return Tollgate.OK;
      } catch (BundleException e) {
        bundle.tollgate.err.println("tollgate: " + file + ": " + e.reason() + ": " + e.getMessage());
        return e.reason() == BundleException.Reason.UNREADABLE ? Tollgate.BAD_INPUT : Tollgate.DENIED;
      }
    }
  }

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = "Makes an Ed25519 key pair in PEM files, as openssl genpkey -algorithm ed25519 does.",
      footer = {"", "Exit status: 0 written, 2 a file already exists."})
  static final class Keygen implements Callable<Integer> {
    @ParentCommand
    private BundleCommand bundle;

    @Option(names = "--private", required = true, paramLabel = "FILE", description = "Where to write the private key; keep it with the legal team.")
    private Path privateKey;

    @Option(names = "--public", required = true, paramLabel = "FILE", description = "Where to write the public key; give it to every engine.")
    private Path publicKey;

    @Override
    public Integer call() {
      for (Path p : List.of(privateKey, publicKey)) {
        if (Files.exists(p)) {
          bundle.tollgate.err.println("tollgate: " + p + " exists; not overwriting a key");
          return Tollgate.BAD_INPUT;
        }
      }
      KeyPair pair = Keys.generate();
      Keys.write(pair.getPrivate(), privateKey);
      Keys.write(pair.getPublic(), publicKey);
      bundle.tollgate.out.println(publicKey + ": " + Keys.fingerprint(pair.getPublic()));
      return Tollgate.OK;
    }
  }
}
