package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tollgate.PolicyEngine;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser renders it: Debian's headless chromium loads the page and dumps the DOM
 * it built. Needs /usr/bin/chromium: without it the test is skipped, except on CI (TOLLGATE_CI=1), where
 * a missing browser fails it.
 */
class DocsBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @Test
  void docsHtml_renderedByChromium_listsEveryBundledRuleAndLinksCitations(@TempDir Path dir) throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      if ("1".equals(System.getenv("TOLLGATE_CI"))) {
        fail(CHROMIUM + " is missing and TOLLGATE_CI=1: .ci/run installs the Debian package chromium");
      }
      String reason = CHROMIUM + " is missing: install the Debian package chromium to run this test";
      // Surefire's console counts skipped tests but shows no reason; this line does.
      System.out.println("[skipped] " + reason);
      Assumptions.abort(reason);
    }
    Path page = dir.resolve("packs.html");
    assertEquals(0, Invocation.run("docs", "--format", "html", "--date", "2026-06-01", "-o", page.toString()).status());
    String dom = render(page, dir);

    List<RulePack> packs;
    try (PolicyEngine engine = PolicyEngine.builder().bundledPacks().build()) {
      packs = engine.packs();
    }
    assertTrue(dom.contains("<h1>Rule packs in force on 2026-06-01</h1>"), dom);
    // The page shows the newest version of each pack, the one in force; older ones are listed as superseded.
    java.util.Map<String, RulePack> newest = new java.util.HashMap<>();
    packs.forEach(p -> newest.merge(p.id(), p, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b));
    for (RulePack pack : newest.values()) {
      for (Rule rule : pack.rules()) {
        assertTrue(dom.contains("<code class=\"rule-id\">" + rule.id() + "</code>"), rule.id() + " is not on the page");
        String url = rule.citation().url();
        if (url != null) {
          Matcher row = Pattern.compile("<tr id=\"" + rule.id() + "\">(.*?)</tr>", Pattern.DOTALL).matcher(dom);
          assertTrue(row.find(), rule.id() + " has no row");
          assertTrue(row.group(1).contains("<a class=\"citation\" href=\"" + url.replace("&", "&amp;") + "\">"),
              rule.id() + " does not link its citation: " + row.group(1));
        }
      }
    }
    assertFalse(dom.contains("<script"), "the page runs no script");
  }

  /** The DOM chromium builds from the page, serialised. */
  private static String render(Path page, Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve("dom.html");
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString())
        .redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.log").toFile()).start();
    if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      fail("chromium did not finish in 120 s; its log: " + Files.readString(dir.resolve("chromium.log")));
    }
    assertEquals(0, chromium.exitValue(), () -> "chromium failed: " + read(dir.resolve("chromium.log")));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
