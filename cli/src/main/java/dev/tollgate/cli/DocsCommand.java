package dev.tollgate.cli;

import dev.tollgate.PolicyEngine;
import dev.tollgate.rules.ParameterOverrides;
import dev.tollgate.rules.RulePack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tollgate docs}: a readable report of the packs in force on a date, as Markdown or HTML. */
@Command(name = "docs", mixinStandardHelpOptions = true,
    description = "Writes a report of the packs in force on a date: each rule with its citation, status, effective"
        + " dates and parameters (with the overlay's values), grouped by instrument.",
    footer = {"", "Exit status: 0 written, 2 packs, overlay or output with problems."})
final class DocsCommand implements Callable<Integer> {
  enum Format { markdown, html }

  @ParentCommand
  private Tollgate tollgate;

  @Mixin
  private PackDirs dirs;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "The day the report is for; default: today in Beijing (the bundled packs' zone).")
  private LocalDate date;

  @Option(names = "--format", paramLabel = "FORMAT", description = "markdown (default) or html: one self-contained page.")
  private Format format = Format.markdown;

  @Option(names = "--overrides", paramLabel = "FILE", description = "Show the institution's parameter values in FILE.")
  private Path overrides;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  private Path output;

  @Override
  public Integer call() {
    List<RulePack> packs;
    try (PolicyEngine engine = dirs.builder().build()) {
      packs = engine.packs();
    }
    ParameterOverrides overlay = overrides == null ? null : ParameterOverrides.load(overrides, packs);
    PackReport report = new PackReport(packs, date != null ? date : LocalDate.now(ZoneId.of("Asia/Shanghai")), overlay);
    String text = format == Format.html ? report.html() : report.markdown();
    if (output == null) {
      tollgate.out.print(text);
      return Tollgate.OK;
    }
    try {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
    tollgate.err.println("wrote " + output);
    return Tollgate.OK;
  }
}
