package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --decision-log}, then {@code log verify} and {@code log replay} on what it wrote. */
class LogCommandTest {
  private static final String EVENING = Invocation.REQUESTS + "evening.jsonl";

  @TempDir
  Path dir;
  Path log;
  Path publicKey;

  @BeforeEach
  void check() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path signing = dir.resolve("signing.pem");
    publicKey = dir.resolve("public.pem");
    Files.writeString(signing, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    Path mask = dir.resolve("mask.key");
    Files.write(mask, new byte[32]);
    log = dir.resolve("decisions");
    Invocation run = Invocation.run("check", "--packs", Invocation.PACKS, "--jsonl", EVENING, "--decision-log", log.toString(),
        "--mask-key", mask.toString(), "--signing-key", signing.toString());
    assertEquals(1, run.status(), run.toString());
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  @Test
  void verify_intactLog_exitsZero_editedLog_exitsOneNamingTheEntry() throws Exception {
    Invocation run = Invocation.run("log", "verify", log.toString(), "--public-key", publicKey.toString());
    assertEquals(0, run.status(), run.toString());
    assertEquals("intact: 4 entries; the last checkpoint covers every entry.", run.out().strip());
    Path active = log.resolve("decisions.jsonl");
    List<String> lines = Files.readAllLines(active, StandardCharsets.UTF_8);
    lines.set(1, lines.get(1).replace("\"ALLOW\"", "\"DENY\""));
    Files.write(active, lines, StandardCharsets.UTF_8);
    run = Invocation.run("log", "verify", log.toString(), "--public-key", publicKey.toString());
    assertEquals(1, run.status(), run.toString());
    assertTrue(run.out().startsWith("BROKEN: changed: the entry at decisions.jsonl:2 (seq 2)"), run.toString());
  }

  @Test
  void verify_missingKey_exitsTwo() {
    Invocation run = Invocation.run("log", "verify", log.toString(), "--public-key", dir.resolve("none.pem").toString());
    assertEquals(2, run.status(), run.toString());
  }

  @Test
  void replay_samePacks_exitsZero_changedPacks_printsTheDiffAndExitsOne() {
    Invocation same = Invocation.run("log", "replay", log.toString(), "--packs", Invocation.PACKS);
    assertEquals(0, same.status(), same.toString());
    assertEquals("4 requests replayed (0 skipped): 0 decisions changed (0 ALLOW -> DENY, 0 DENY -> ALLOW), 0 with the same"
        + " decision but other rules or fields, 4 unchanged", same.out().strip());
    Invocation changed = Invocation.run("log", "replay", log.toString(), "--packs", "src/test/resources/diff-packs/2.0.0");
    assertEquals(1, changed.status(), changed.toString());
    assertEquals(List.of(
        "seq 2 eve-2: ALLOW -> DENY",
        "  + CN-TEST-QUIET DENY [cli-calls@2.0.0]: Too late   (newly cited)",
        "seq 3 eve-3: still DENY, other findings",
        "  + CN-TEST-QUIET DENY [cli-calls@2.0.0]: Too late   (newly cited)",
        "4 requests replayed (0 skipped): 1 decision changed (1 ALLOW -> DENY, 0 DENY -> ALLOW), 1 with the same decision but"
            + " other rules or fields, 2 unchanged"), changed.outLines());
  }

  @Test
  void check_decisionLogWithoutMaskKey_exitsTwo() {
    Invocation run = Invocation.run("check", "--packs", Invocation.PACKS, "--jsonl", EVENING, "--decision-log",
        dir.resolve("other").toString());
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().contains("--mask-key"), run.toString());
  }
}
