package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsCommandTest {
  @Test
  void docs_markdownWithOverlay_showsEachRuleCitationStatusAndOverriddenParameter() {
    Invocation run = Invocation.run("docs", "--date", "2026-06-01", "--overrides", "../examples/overrides/bank-caps.yaml");
    assertEquals(0, run.status(), run.toString());
    String md = run.out();
    assertTrue(md.startsWith("# Rule packs in force on 2026-06-01\n\n12 packs and 104 rules, grouped by the instrument each"
        + " rule cites. Institution overlay: ../examples/overrides/bank-caps.yaml."), md);
    assertTrue(md.contains("\n### 中华人民共和国消费者权益保护法\n"), md);
    assertTrue(md.contains("\n| `CN-INST-MKT-FREQ-DAY` | Cap on marketing calls per person per day / "), md);
    assertTrue(md.contains("| DENY | in force | the pack's dates | cn.marketing.maxCallsPerDay = 2 (overlay) |"), md);
    assertTrue(md.contains("| `cn-fin-marketing-calls@2.0.0` | `cn.marketing.maxCallsPerDay` | 2 | overlay"
        + " ../examples/overrides/bank-caps.yaml (pack default 1) |"), md);
    assertTrue(md.contains("[第四条第一款第（二）项](https://www.cac.gov.cn/"), md);
  }

  @Test
  void docs_dateBeforeAPack_listsItAsNotInForce() {
    Invocation run = Invocation.run("docs", "--date", "2020-06-01");
    assertEquals(0, run.status(), run.toString());
    assertTrue(run.out().endsWith("\n## Not in force on 2020-06-01\n\n- `cn-aigc-labeling@1.0.0`: from 2023-01-10\n"
        + "- `cn-aigc-labeling@2.0.0`: from 2023-01-10\n- `cn-aigc-message-labeling@1.0.0`: from 2025-09-01\n"
        + "- `cn-fin-collection-calls@1.0.0`: superseded by 2.0.0\n- `cn-fin-collection-messages@1.0.0`: from 2026-01-30\n"
        + "- `cn-fin-marketing-calls@1.0.0`: superseded by 2.0.0\n- `cn-pipl-data-sharing@1.0.0`: from 2021-11-01\n"
        + "- `cn-pipl-data-sharing@2.0.0`: from 2021-11-01\n- `eu-ai-act-art50@1.0.0`: from 2024-08-01\n"
        + "- `us-fl-telemarketing@1.0.0`: from 2021-07-01\n- `us-reg-f@1.0.0`: from 2021-11-30\n"), run.toString());
    assertFalse(run.out().contains("CN-AIGC-AUDIO-EXPLICIT"), run.toString());
  }

  @Test
  void docs_ruleNotYetInForce_saysFromWhen() {
    Invocation run = Invocation.run("docs", "--date", "2024-01-01");
    assertTrue(run.out().contains("| `CN-CONSUMER-REG-CALL-REFUSED` | Stop commercial calls at once when the consumer has"
        + " refused them or opted out / 消费者明确拒绝或退订后，应当立即停止商业性电话 | 第二十四条 | DENY"
        + " | not yet in force (from 2024-07-01) |"),
        run.toString());
  }

  @Test
  void docs_hostileTexts_areEscapedInHtmlAndMarkdown(@TempDir Path dir) throws IOException {
    Path html = dir.resolve("report.html");
    Invocation run = Invocation.run("docs", "--format", "html", "--date", "2026-06-01", "-o", html.toString(),
        "src/test/resources/docs-packs");
    assertEquals(0, run.status(), run.toString());
    assertEquals("wrote " + html, run.err().strip());
    String page = Files.readString(html);
    assertFalse(page.contains("<script"), page);
    assertFalse(page.contains("<img"), page);
    assertTrue(page.contains("<a class=\"citation\" href=\"https://example.org/law?a=1&amp;b=&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">"),
        page);
    assertTrue(page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"), page);
    assertTrue(page.contains("<h3>测试法 &lt;i&gt;</h3>"), page);

    String md = Invocation.run("docs", "--date", "2026-06-01", "src/test/resources/docs-packs").out();
    assertTrue(md.contains("| &lt;script&gt;alert('title')&lt;/script&gt; / &lt;b&gt;粗体&lt;/b&gt; |"), md);
    assertTrue(md.contains("| evil \\| owner |"), md);
    assertTrue(md.contains("| [第一条](https://example.org/law?a=1&b=%22%3E%3Cscript%3Ex%3C/script%3E) | DENY |"), md);
  }
}
