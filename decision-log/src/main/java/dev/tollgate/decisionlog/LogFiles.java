package dev.tollgate.decisionlog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The files of a log folder, oldest first: the rotated {@code decisions-<first seq>.jsonl.gz} (or
 * {@code .jsonl} until compressed) in order of their first entry, then the active {@code decisions.jsonl}.
 */
final class LogFiles {
  static final String ACTIVE = "decisions.jsonl";
  /** The journal of a log in a folder, by default. */
  static final String JOURNAL = "decisions.journal";
  private static final Pattern ROTATED = Pattern.compile("decisions-(\\d{20})\\.jsonl(\\.gz)?");

  private LogFiles() {}

  /** The name a rotated file takes, before compression. */
  static String rotatedName(long firstSeq) {
    // Locale.ROOT: in some locales %d writes other digits, which ROTATED would not find again.
    return String.format(Locale.ROOT, "decisions-%020d.jsonl", firstSeq);
  }

  /**
   * The log's files in order: those of a folder, or the one file given.
   *
   * @throws IOException if the folder cannot be listed
   */
  static List<Path> list(Path log) throws IOException {
    if (!Files.isDirectory(log)) {
      return List.of(log);
    }
    List<Path> rotated = new ArrayList<>();
    try (Stream<Path> files = Files.list(log)) {
      files.forEach(f -> {
        Matcher m = ROTATED.matcher(f.getFileName().toString());
        if (m.matches()) {
          rotated.add(f);
        }
      });
    }
    // A rotated file compressed while the process died may exist twice; the .gz is complete only once the
    // plain file is deleted, so the plain one is read.
    rotated.removeIf(f -> f.toString().endsWith(".gz") && rotated.contains(Path.of(f.toString().replaceFirst("\\.gz$", ""))));
    rotated.sort(Comparator.comparing(f -> f.getFileName().toString().substring(10, 30)));
    Path active = log.resolve(ACTIVE);
    if (Files.exists(active)) {
      rotated.add(active);
    }
    return rotated;
  }

  /** The lines of one file, decompressed if it ends in {@code .gz}. */
  static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }
}
