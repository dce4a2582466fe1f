package dev.tollgate.cli;

import static dev.tollgate.cli.Invocation.PACKS;
import static dev.tollgate.cli.Invocation.REQUESTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckCommandTest {
  static final String MARKETING_CALL_NO_CONSENT = """
      {"type": "call", "id": "bundled-1", "at": "2025-09-02T10:00:00+08:00", "jurisdiction": "CN",
       "purpose": "MARKETING", "voice": "AI_SYNTHETIC", "caller": {"organization": "Example Bank"},
       "callee": {"subject": "p-1", "consent": {"marketingCalls": "NONE"}}}
      """;

  @Test
  void check_overridesFile_isAppliedAndRecorded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path overlay = java.nio.file.Files.writeString(dir.resolve("caps.yaml"),
        "cn-fin-marketing-calls:\n  cn.marketing.maxCallsPerDay: 2\n");
    Invocation run = Invocation.run("check", "--overrides", overlay.toString(), "../examples/requests/marketing-call-consented.json");
    assertEquals(0, run.status(), run.toString());
    assertTrue(run.out().contains("\"overrides\":[{\"pack\":\"cn-fin-marketing-calls@2.0.0\",\"parameter\":\"cn.marketing.maxCallsPerDay\",\"value\":2"),
        run.toString());
  }

  @Test
  void check_badOverridesFile_reportsTheLineAndExitsTwo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path overlay = java.nio.file.Files.writeString(dir.resolve("caps.yaml"),
        "cn-fin-marketing-calls:\n  cn.marketing.maxCallsPerDya: 2\n");
    Invocation run = Invocation.run("check", "--overrides", overlay.toString(), "../examples/requests/marketing-call-consented.json");
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().contains(overlay + ":2:3: unknown_parameter"), run.toString());
  }

  @Test
  void check_consentGranted_printsAllowAndExitsZero() {
    Invocation run = Invocation.run("check", "--packs", PACKS, REQUESTS + "consented.json");
    assertEquals(0, run.status(), run.toString());
    assertEquals(1, run.outLines().size(), run.toString());
    assertTrue(run.out().contains("\"decision\":\"ALLOW\""), run.toString());
    assertTrue(run.out().contains("\"id\":\"cli-consented\""), run.toString());
    assertEquals("", run.err());
  }

  @Test
  void check_noConsent_printsDenyCitingRuleAndExitsOne() {
    Invocation run = Invocation.run("check", "--packs", PACKS, REQUESTS + "no-consent.json");
    assertEquals(1, run.status(), run.toString());
    assertTrue(run.out().contains("\"decision\":\"DENY\""), run.toString());
    assertTrue(run.out().contains("\"rule\":\"CN-TEST-CONSENT\""), run.toString());
    assertEquals("", run.err());
  }

  @ParameterizedTest
  @CsvSource({
      "unknown-field.json, $.callee.consent, marketingCall",
      "bad-enum.json, $.callee.consent.marketingCalls, YES",
      "missing-subject.json, $.callee.subject, subject",
      "malformed.json, $:, malformed JSON"})
  void check_invalidRequest_namesPathOnStderrAndExitsTwo(String file, String path, String detail) {
    Invocation run = Invocation.run("check", "--packs", PACKS, REQUESTS + file);
    assertEquals(2, run.status(), run.toString());
    assertEquals(1, run.errLines().size(), run.toString());
    String error = run.errLines().get(0);
    assertTrue(error.startsWith(REQUESTS + file + ": " + path), run.toString());
    assertTrue(error.contains(detail), run.toString());
    // The DENY decision is still printed, so stdout is always a decision.
    assertTrue(run.out().contains("\"rule\":\"TOLLGATE-INVALID-REQUEST\""), run.toString());
  }

  @Test
  void check_missingFile_reportsFileAndExitsTwo() {
    Invocation run = Invocation.run("check", "--packs", PACKS, REQUESTS + "absent.json");
    assertEquals(2, run.status(), run.toString());
    assertEquals("", run.out());
    assertEquals("tollgate: cannot read " + REQUESTS + "absent.json: no such file", run.err().strip());
  }

  @Test
  void check_badPacks_printsEveryProblemAndExitsTwo() {
    Invocation run = Invocation.run("check", "--packs", "src/test/resources/bad-packs", REQUESTS + "consented.json");
    assertEquals(2, run.status(), run.toString());
    assertEquals("", run.out());
    assertEquals(9, run.errLines().stream().filter(l -> l.matches(".+pack\\.yaml:\\d+:\\d+: [a-z_]+: .+")).count(),
        run.toString());
  }

  @Test
  void check_atInQuietHours_overridesRequestAndDenies() {
    Invocation run = Invocation.run("check", "--packs", PACKS, "--at", "2025-09-02T23:30:00+08:00",
        REQUESTS + "consented.json");
    assertEquals(1, run.status(), run.toString());
    assertTrue(run.out().contains("\"rule\":\"CN-TEST-QUIET\""), run.toString());
    assertTrue(run.out().contains("\"at\":\"2025-09-02T23:30:00+08:00\""), run.toString());
  }

  @Test
  void check_atNotADateTime_isUsageErrorExitingTwo() {
    Invocation run = Invocation.run("check", "--packs", PACKS, "--at", "tonight", REQUESTS + "consented.json");
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().contains("'tonight' is not an ISO-8601 date-time"), run.toString());
  }

  @Test
  void check_pinOfUnloadedVersion_exitsTwoNamingPin() {
    Invocation run = Invocation.run("check", "--packs", PACKS, "--pin", "cli-calls@9.0.0", REQUESTS + "consented.json");
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().startsWith("tollgate: pinned pack cli-calls@9.0.0 is not loaded"), run.toString());
  }

  @Test
  void check_bundledPacksFromStdin_deniesMarketingCallWithoutConsent() {
    Invocation run = Invocation.withInput(MARKETING_CALL_NO_CONSENT, "check", "-");
    assertEquals(1, run.status(), run.toString());
    assertTrue(run.out().contains("\"rule\":\"CN-CONSUMER-COMMERCIAL-CONSENT\""), run.toString());
    assertTrue(run.out().contains("\"id\":\"cn-fin-marketing-calls\""), run.toString());
  }

  @Test
  void check_fieldOutsidePackVocabulary_namesItOnStderrAndExitsTwo() {
    String share = """
        {"type": "data-share", "id": "s-1", "at": "2025-09-02T10:00:00+08:00", "jurisdiction": "CN",
         "purpose": "REPAYMENT_REMINDER", "recipient": {"id": "vendor", "role": "ENTRUSTED"},
         "fields": ["name", "contacts"], "legalBasis": "CONTRACT"}
        """;
    Invocation run = Invocation.withInput(share, "check", "-");
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.out().contains("\"rule\":\"TOLLGATE-INVALID-REQUEST\""), run.toString());
    assertTrue(run.err().contains("$.fields[1]") && run.err().contains("'contacts'")
        && run.err().contains("cn-pipl-data-sharing"), run.toString());
  }

  @Test
  void check_bytesThatAreNotUtf8InAValue_isAnInvalidRequestNamingTheField(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("call.json");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    String[] parts = MARKETING_CALL_NO_CONSENT.split("Example Bank");
    bytes.writeBytes(parts[0].getBytes(java.nio.charset.StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {'E', 'x', (byte) 0xC0, (byte) 0xAF, (byte) 0xFF});
    bytes.writeBytes(parts[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Files.write(file, bytes.toByteArray());
    Invocation run = Invocation.run("check", file.toString());
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.out().contains("\"rule\":\"TOLLGATE-INVALID-REQUEST\""), run.toString());
    assertTrue(run.err().contains("$.caller.organization: contains U+FFFD"), run.toString());
  }

  @Test
  void check_aPhoneNumberAsSubject_isRefusedNamingTheField() {
    Invocation run = Invocation.withInput(MARKETING_CALL_NO_CONSENT.replace("\"p-1\"", "\"tel:+86 138-0013-8000\""),
        "check", "-");
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.out().contains("\"rule\":\"TOLLGATE-INVALID-REQUEST\""), run.toString());
    assertTrue(run.err().contains("$.callee.subject: looks like a phone number") && run.err().contains("keyed hash")
        && !run.err().contains("138-0013-8000"), run.toString());
  }

  /** An endless request: refused once it passes what the engine reads, never held whole. */
  @Test
  void check_anEndlessRequest_isRefusedAfterAFewMegabytes() {
    java.io.InputStream endless = new java.io.InputStream() {
      long read;

      @Override
      public int read() {
        return read++ == 0 ? '[' : ' ';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) ' ');
        if (read++ == 0) {
          b[off] = '[';
        }
        return len;
      }
    };
    Invocation run = Invocation.withInput(endless, "check", "--packs", PACKS, "-");
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().contains("$: the request has more than 1048576 characters"), run.toString());
  }

  @Test
  void checkJsonl_aLineOverTheLimit_isReportedAndSkipped_andTheNextIsDecided() throws IOException {
    String first = Files.readString(Path.of(REQUESTS + "mixed.jsonl")).lines().findFirst().orElseThrow();
    java.io.InputStream input = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
        new java.io.ByteArrayInputStream("{\"type\": \"call\", \"id\": \"".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        new java.io.InputStream() {
          int left = 12 << 20;

          @Override
          public int read() {
            return left-- > 0 ? 'x' : -1;
          }
        },
        new java.io.ByteArrayInputStream(("\"}\n" + first + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    Invocation run = Invocation.withInput(new java.io.BufferedInputStream(input, 1 << 16), "check", "--jsonl", "--packs",
        PACKS, "-");
    assertEquals(2, run.status(), run.toString().substring(0, Math.min(2000, run.toString().length())));
    assertEquals(2, run.outLines().size());
    assertTrue(run.outLines().get(1).contains("\"ALLOW\""));
    assertEquals("line 1: $: the request has more than 1048576 characters, the most accepted", run.errLines().get(0));
    assertTrue(run.errLines().get(1).startsWith("tollgate: 2 requests: 1 ALLOW, 1 DENY (1 invalid line) in "), run.errLines().get(1));
    assertEquals(2, run.errLines().size());
  }

  @Test
  void checkJsonl_mixedLines_printsOneDecisionPerRequestAndExitsTwo() {
    Invocation run = Invocation.run("check", "--jsonl", "--packs", PACKS, REQUESTS + "mixed.jsonl");
    assertEquals(2, run.status(), run.toString());
    List<String> lines = run.outLines();
    assertEquals(4, lines.size(), run.toString());
    assertTrue(lines.get(0).contains("\"id\":\"l1\",") && lines.get(0).contains("\"ALLOW\""), run.toString());
    assertTrue(lines.get(1).contains("\"id\":\"l2\",") && lines.get(1).contains("CN-TEST-CONSENT"), run.toString());
    assertTrue(lines.get(2).contains("TOLLGATE-INVALID-REQUEST"), run.toString());
    assertTrue(lines.get(3).contains("\"id\":\"l5\",") && lines.get(3).contains("\"ALLOW\""), run.toString());
    assertEquals(2, run.errLines().size(), run.toString());
    assertTrue(run.errLines().get(0).startsWith("line 3: $.callee.consent"), run.toString());
    assertTrue(run.errLines().get(1).matches(
        "tollgate: 4 requests: 2 ALLOW, 2 DENY \\(1 invalid line\\) in \\d+\\.\\d\\d s"), run.toString());
    assertFalse(run.err().contains("\r"), "no progress line when stderr is not a terminal");
  }

  @Test
  void checkJsonl_allowedAndDeniedFromStdin_exitsOne() throws IOException {
    String lines = Files.readString(Path.of(REQUESTS + "mixed.jsonl")).lines().limit(2)
        .reduce("", (a, b) -> a + b + "\r\n");
    Invocation run = Invocation.withInput(lines, "check", "--jsonl", "--packs", PACKS, "-");
    assertEquals(1, run.status(), run.toString());
    assertEquals(2, run.outLines().size(), run.toString());
    assertTrue(run.err().startsWith("tollgate: 2 requests: 1 ALLOW, 1 DENY (0 invalid lines) in "), run.toString());
    assertEquals(1, run.errLines().size(), run.toString());
  }

  @Test
  void checkJsonl_onlyAllowed_exitsZero() throws IOException {
    String first = Files.readString(Path.of(REQUESTS + "mixed.jsonl")).lines().findFirst().orElseThrow();
    Invocation run = Invocation.withInput("\uFEFF" + first + "\n\n" + first, "check", "--jsonl", "--packs", PACKS, "-");
    assertEquals(0, run.status(), run.toString());
    assertEquals(2, run.outLines().size(), run.toString());
  }

  @Test
  void checkJsonl_atOverride_keepsMalformedLineForEngineToReport(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("calls.jsonl");
    String first = Files.readString(Path.of(REQUESTS + "mixed.jsonl")).lines().findFirst().orElseThrow();
    Files.writeString(file, first + "\n{\"type\": \"call\",\n" + first.replace("\"id\":", "\"id\": 1, \"id\":") + "\n");
    Invocation run = Invocation.run("check", "--jsonl", "--packs", PACKS, "--at", "2025-09-02T23:30:00+08:00",
        file.toString());
    assertEquals(2, run.status(), run.toString());
    assertEquals(3, run.outLines().size(), run.toString());
    assertTrue(run.outLines().get(0).contains("CN-TEST-QUIET"), run.toString());
    assertTrue(run.errLines().get(0).startsWith("line 2: $: malformed JSON"), run.toString());
    assertTrue(run.errLines().get(1).startsWith("line 3: "), run.toString());
  }

  @Test
  void checkJsonl_manyBatches_keepsInputOrderAndLineNumbers(@TempDir Path dir) throws IOException {
    String first = Files.readString(Path.of(REQUESTS + "mixed.jsonl")).lines().findFirst().orElseThrow();
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 3000; i++) {
      text.append(i == 1700 ? "{\"type\": \"call\"," : i % 500 == 0 ? "" : first.replace("\"l1\"", "\"r" + i + "\""))
          .append('\n');
    }
    Path file = dir.resolve("many.jsonl");
    Files.writeString(file, text);
    Invocation run = Invocation.run("check", "--jsonl", "--packs", PACKS, file.toString());
    assertEquals(2, run.status(), run.toString().substring(0, 2000));
    List<String> lines = run.outLines();
    assertEquals(3000 - 6, lines.size());
    int at = 0;
    for (int i = 1; i <= 3000; i++) {
      if (i % 500 != 0 && i != 1700) {
        assertTrue(lines.get(at).startsWith("{\"id\":\"r" + i + "\","), "line " + i + ": " + lines.get(at));
      }
      at += i % 500 == 0 ? 0 : 1;
    }
    assertEquals(2, run.errLines().size(), run.err());
    assertTrue(run.errLines().get(0).startsWith("line 1700: $: malformed JSON"), run.err());
    assertTrue(run.errLines().get(1).startsWith("tollgate: 2994 requests: 2993 ALLOW, 1 DENY (1 invalid line) in "), run.err());
  }
}
