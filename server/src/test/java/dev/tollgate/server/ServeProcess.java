package dev.tollgate.server;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code tollgate serve} in a process of its own, for tests of what only a process shows (signals, exit
 * codes): started on a free port with the test's class path, its standard error kept in a file to wait on.
 */
final class ServeProcess implements AutoCloseable {
  final Process process;
  final Path stderr;
  /** Where it listens, read from its "listening on" line. */
  final URI uri;

  private ServeProcess(Process process, Path stderr) throws Exception {
    this.process = process;
    this.stderr = stderr;
    this.uri = URI.create(awaitLine("tollgate serve: listening on ").split(" ")[4]);
  }

  /** Starts {@code serve --port 0} with {@code args}, its standard error in {@code dir/stderr.txt}. */
  static ServeProcess start(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ServeCommand.class.getName(), "--port", "0"));
    command.addAll(List.of(args));
    Path stderr = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile()).start();
    try {
      return new ServeProcess(process, stderr);
    } catch (Exception | AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Waits, at most 90 s, for a line of its standard error that starts with {@code prefix}. */
  String awaitLine(String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no line starting '" + prefix + "' in stderr:\n" + Files.readString(stderr));
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
