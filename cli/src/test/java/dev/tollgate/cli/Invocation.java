package dev.tollgate.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One in-process run of the command: its exit status and what it wrote, for assertions. */
record Invocation(int status, String out, String err) {
  static final String PACKS = "src/test/resources/packs";
  static final String REQUESTS = "src/test/resources/requests/";

  /** Runs {@code tollgate args...} with the given standard input. */
  static Invocation withInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Tollgate.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err, args);
    return new Invocation(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code tollgate args...} with the given standard input. */
  static Invocation withInput(java.io.InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Tollgate.run(stdin, out, err, args);
    return new Invocation(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code tollgate args...} with empty standard input. */
  static Invocation run(String... args) {
    return withInput("", args);
  }

  List<String> outLines() {
    return out.lines().toList();
  }

  List<String> errLines() {
    return err.lines().toList();
  }

  /** The whole run, for assertion messages. */
  @Override
  public String toString() {
    return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
