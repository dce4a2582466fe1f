package dev.tollgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The options of {@code tollgate serve}: each in --help, each bad one exits 2 with a message before anything listens. */
class ServeCommandTest {
  @TempDir
  static Path dir;

  @Test
  void help_documentsEveryOption() {
    Run r = run("--help");
    assertEquals(0, r.status);
    for (String option : List.of("--port=PORT", "--bind=ADDRESS", "--packs=DIR", "--overrides=FILE", "--pin=PACK@VERSION",
        "--ledger=JDBC_URL", "--data-dir=DIR", "--token-file=FILE", "--tls-keystore=FILE", "--tls-password-file=FILE",
        "--tls-password-env=VAR", "--max-body=BYTES", "--idle-timeout=SECONDS", "--drain-timeout=SECONDS", "--decision-log=DIR|JDBC_URL", "--decision-log-table=TABLE",
        "--decision-log-journal=FILE", "--mask-key=FILE",
        "--signing-key=FILE", "--fsync-ms=MILLIS")) {
      assertTrue(r.out.contains(option), option + " is not in\n" + r.out);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--port x|Invalid value for option '--port': 'x' is not an int",
      "--port 70000|tollgate serve: port must be 0 to 65535, was 70000",
      "--bind 0.0.0.0|tollgate serve: refusing to listen on 0.0.0.0 without --token-file",
      "--bind no-such-host.invalid|tollgate serve: bind address 'no-such-host.invalid' is not known",
      "--token-file missing-tokens.txt|tollgate serve: cannot read the token file missing-tokens.txt",
      "--packs no-such-dir|tollgate serve: packs folder no-such-dir does not exist",
      "--overrides no-such.yaml|tollgate serve: overrides file no-such.yaml does not exist",
      "--pin cn-aigc-labeling|tollgate serve: pin 'cn-aigc-labeling' must read pack-id@version",
      "--pin cn-aigc-labeling@9.9.9|tollgate serve: pinned pack cn-aigc-labeling@9.9.9 is not loaded",
      "--ledger jdbc:mysql://db/x?password=hunter2|tollgate serve: ledger must be a jdbc:postgresql: or jdbc:h2: URL, was 'jdbc:mysql://db/x?password=***'",
      "--ledger jdbc:postgresql://127.0.0.1:1/none?password=hunter2|tollgate serve: the ledger's database at jdbc:postgresql://127.0.0.1:1/none?password=*** cannot be reached",
      "--tls-keystore pom.xml --tls-password-env TOLLGATE_TEST_NO_SUCH_VARIABLE|tollgate serve: --tls-keystore needs a password",
      "--max-body 10|tollgate serve: max body must be at least 1024 bytes, was 10",
      "--idle-timeout 0|tollgate serve: idle timeout must be positive, was PT0S",
      "--decision-log decisions|tollgate serve: --decision-log needs --mask-key FILE",
      "--mask-key mask.key|tollgate serve: --mask-key, --signing-key and --decision-log-journal need --decision-log DIR|JDBC_URL",
      "--decision-log jdbc:mysql://db/x?password=hunter2 --mask-key mask.key|tollgate serve: --decision-log must be a folder or a jdbc:postgresql: or jdbc:h2: URL, was 'jdbc:mysql://db/x?password=***'",
      "--decision-log jdbc:h2:mem:log --mask-key mask.key|tollgate serve: --decision-log jdbc:h2:mem:log needs --decision-log-journal FILE",
      "--unknown|Unknown option: '--unknown'",
  })
  void badOption_exitsTwoWithAClearMessage_beforeListening(String args, String message) throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    List<String> argv = new ArrayList<>(List.of(args.split(" ")));
    argv.addAll(List.of("--port", Integer.toString(port), "--data-dir", dir.resolve("data").toString()));
    if (args.startsWith("--port")) {
      argv = new ArrayList<>(List.of(args.split(" ")));
    }
    Run r = run(argv.toArray(String[]::new));
    assertEquals(2, r.status, r.err);
    assertTrue(r.err.startsWith(message), "expected\n" + message + "\ngot\n" + r.err);
    assertTrue(!r.err.contains("hunter2"), r.err);
    assertThrows(IOException.class, () -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      }
    });
  }

  @Test
  void portInUse_exitsTwo() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Run r = run("--port", Integer.toString(taken.getLocalPort()), "--data-dir", dir.resolve("data2").toString());
      assertEquals(2, r.status, r.err);
      assertTrue(r.err.startsWith("tollgate serve: cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err);
    }
  }

  @Test
  void badPacks_exitTwoWithTheirProblems() throws IOException {
    Path pack = dir.resolve("bad/broken/1.0.0/pack.yaml");
    Files.createDirectories(pack.getParent());
    Files.writeString(pack, "id: broken\nversion: 1.0.0\n");
    Run r = run("--packs", dir.resolve("bad").toString(), "--port", "0", "--data-dir", dir.resolve("data3").toString());
    assertEquals(2, r.status, r.err);
    assertTrue(r.err.startsWith("5 problems in rule pack file " + pack), r.err);
    assertTrue(r.err.contains(pack + ":1:1: missing_field: required field 'rules' is missing"), r.err);
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = new CommandLine(new ServeCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(status, out.toString(), err.toString());
  }
}
