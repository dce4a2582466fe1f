package dev.tollgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tollgate schemas DIR}: writes the JSON Schemas from the tollgate-rules jar into a folder, so that
 * packs copied out of the repository complete in an editor again. Each pack, test and overlay file names
 * its schema in its first line by a path relative to itself, which from {@code PACKS/<id>/<version>/} leads
 * to {@code schemas/} beside {@code PACKS}, as in the repository ({@code rulepacks/} and {@code schemas/}).
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
    description = "Writes the JSON Schemas of packs, pack tests, overlays, requests and decisions into DIR. "
        + "For packs in PACKS/<id>/<version>/, DIR is the folder schemas beside PACKS: the path each pack's first "
        + "line names.",
    footer = {"", "Exit status: 0 written, 2 DIR cannot be written."})
final class SchemasCommand implements Callable<Integer> {
  /** The schemas the tollgate-rules jar carries under {@code tollgate/schemas/}. */
  static final List<String> NAMES = List.of("pack.schema.json", "pack-test.schema.json", "overrides.schema.json",
      "request.schema.json", "decision.schema.json");

  @ParentCommand
  private Tollgate tollgate;

  @Parameters(paramLabel = "DIR", description = "The folder to write them to; created if missing, files replaced.")
  private Path dir;

  @Override
  public Integer call() {
    try {
      Files.createDirectories(dir);
      for (String name : NAMES) {
        try (InputStream in = SchemasCommand.class.getClassLoader().getResourceAsStream("tollgate/schemas/" + name)) {
          if (in == null) {
            throw new IllegalStateException("tollgate/schemas/" + name + " is missing from the tollgate-rules jar");
          }
          Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the schemas to " + dir, e);
    }
    tollgate.err.println("wrote " + NAMES.size() + " schemas to " + dir);
    return Tollgate.OK;
  }
}
