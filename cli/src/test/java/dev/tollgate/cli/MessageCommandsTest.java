package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands work on message requests and message packs as on calls, with no option or case of their
 * own: check, test with coverage, and diff.
 */
class MessageCommandsTest {
  private static final String OVERLAY = "../examples/overrides/sms-signatures.yaml";
  private static final String PACKS = "../rulepacks/cn-fin-marketing-messages";

  @Test
  void check_messageInTheSendersRegisteredName_allowsAndExitsZero() {
    Invocation run = Invocation.run("check", "--overrides", OVERLAY, "../examples/requests/marketing-sms-consented.json");
    assertEquals(0, run.status(), run.toString());
    assertTrue(run.out().contains("\"decision\":\"ALLOW\""), run.toString());
  }

  @Test
  void check_messageInAnotherFirmsName_deniesCitingTheSignatureRuleAndExitsOne() {
    Invocation run = Invocation.run("check", "--overrides", OVERLAY, "../examples/requests/sms-other-firms-name.json");
    assertEquals(1, run.status(), run.toString());
    assertTrue(run.out().contains("\"rule\":\"CN-INST-SMS-SIGNATURE-REGISTERED\""), run.toString());
  }

  @Test
  void test_messagePack_passesWithFullRuleCoverage() {
    Invocation run = Invocation.run("test", "--coverage-min", "100", PACKS);
    assertEquals(0, run.status(), run.toString());
    assertTrue(run.out().contains("15 of 15 rules covered (100%)"), run.toString());
  }

  @Test
  void diff_aLowerMessageCap_listsTheMessageWhoseDecisionChanged(@TempDir Path dir) throws IOException {
    Path newer = dir.resolve("cn-fin-marketing-messages/2.0.0");
    Files.createDirectories(newer);
    String pack = Files.readString(Path.of(PACKS, "1.0.0/pack.yaml"));
    Files.writeString(newer.resolve("pack.yaml"), pack.replace("version: 1.0.0", "version: 2.0.0")
        .replace("  cn.message.sms.quietHours:\n    value: [\"21:00\", \"08:00\"]",
            "  cn.message.sms.quietHours:\n    value: [\"10:00\", \"08:00\"]"));
    String request = Files.readString(Path.of("../examples/requests/marketing-sms-consented.json"))
        .replaceAll("\\s*\\n\\s*", " ");
    Path requests = Files.writeString(dir.resolve("requests.jsonl"), request + "\n");
    Invocation run = Invocation.run("diff", "--overrides", OVERLAY, PACKS + "/1.0.0", newer.toString(),
        "--requests", requests.toString());
    assertEquals(1, run.status(), run.toString());
    assertTrue(run.out().contains("crm-sms-0001"), run.toString());
    assertTrue(run.out().contains("CN-INST-SMS-QUIET-HOURS"), run.toString());
  }
}
