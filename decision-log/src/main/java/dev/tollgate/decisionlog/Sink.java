package dev.tollgate.decisionlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Where a {@link DecisionLog} puts its lines: files ({@link FileSink}) or a table ({@link JdbcSink}). Called
 * under the log's lock, except {@link #force} and {@link #find}.
 */
interface Sink extends AutoCloseable {

  /** The last entry in the log when it was opened, null if it had none. */
  ObjectNode last();

  /** Whether the log is due to start a new file before the next entry, written on {@code today}. */
  boolean due(LocalDate today);

  /** Starts a new file. */
  void rotate();

  /**
   * Appends one line: it is with the operating system, or committed, when this returns.
   *
   * @param seq the entry's seq, 0 for a checkpoint
   * @throws RuntimeException if it cannot be written; the next append tries again
   */
  void append(String line, long seq, String decisionId, LocalDate today);

  /** Forces what was written to disk. */
  void force() throws IOException;

  /** The line of the entry of a decision, or null. */
  String find(String decisionId);

  @Override
  void close();
}
