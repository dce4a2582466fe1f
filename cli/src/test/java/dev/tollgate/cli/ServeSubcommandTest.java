package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code tollgate serve} is mounted; its own tests are in the server module. */
class ServeSubcommandTest {
  @Test
  void serve_help_documentsTheOptionsAndExitsZero() {
    Invocation r = Invocation.run("serve", "--help");
    assertEquals(0, r.status(), r.toString());
    assertTrue(r.out().contains("Usage: tollgate serve"), r.toString());
    assertTrue(r.out().contains("--token-file=FILE"), r.toString());
  }

  @Test
  void serve_nonLoopbackWithoutTokens_exitsTwoBeforeListening() {
    Invocation r = Invocation.run("serve", "--bind", "0.0.0.0", "--port", "0");
    assertEquals(2, r.status(), r.toString());
    assertTrue(r.err().startsWith("tollgate serve: refusing to listen on 0.0.0.0 without --token-file"), r.toString());
  }
}
