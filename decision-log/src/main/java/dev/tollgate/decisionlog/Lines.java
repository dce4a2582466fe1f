package dev.tollgate.decisionlog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/** Reading a log's lines in order, from its files or its table, each with where it is for messages. */
final class Lines {
  private Lines() {}

  /** Told of each line of a log. */
  interface Visitor {
    /**
     * @param where {@code file:line} or {@code table:position}
     * @param text the line
     */
    void line(String where, String text) throws IOException;
  }

  /** Reads the files of a log folder (or one file), oldest first. */
  static void ofFiles(Path log, Visitor visitor) throws IOException {
    for (Path file : LogFiles.list(log)) {
      try (BufferedReader in = LogFiles.open(file)) {
        int n = 0;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
          visitor.line(file.getFileName() + ":" + ++n, text);
        }
      }
    }
  }
}
