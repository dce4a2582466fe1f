package dev.tollgate.cli;

import dev.tollgate.rules.Confidence;
import dev.tollgate.rules.EffectivePeriod;
import dev.tollgate.rules.Parameter;
import dev.tollgate.rules.ParameterOverrides;
import dev.tollgate.rules.RequestType;
import dev.tollgate.rules.Rule;
import dev.tollgate.rules.RulePack;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A readable report of the packs in force on a date, for a legal reviewer to check against the law:
 * each rule with its citation, status, dates, parameters (with the institution's overrides), grouped by
 * instrument. Rendered as Markdown or as one self-contained HTML page; every text from a pack is escaped.
 */
final class PackReport {
  private final LocalDate date;
  private final String overlay;
  private final List<RulePack> inForce = new ArrayList<>();
  private final List<RulePack> notInForce = new ArrayList<>();
  private final Map<String, List<Row>> byInstrument = new LinkedHashMap<>();
  private final List<String[]> parameters = new ArrayList<>();

  /** One rule as the report shows it. */
  private record Row(Rule rule, RulePack pack, String status, List<String> params) {}

  PackReport(List<RulePack> packs, LocalDate date, ParameterOverrides overrides) {
    this.date = date;
    this.overlay = overrides == null ? null : overrides.source();
    Map<String, RulePack> chosen = new LinkedHashMap<>();
    for (RulePack pack : packs) {
      if (pack.effective().covers(date)) {
        chosen.merge(pack.id(), pack, (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b);
      }
    }
    for (RulePack pack : packs) {
      if (chosen.get(pack.id()) == pack) {
        inForce.add(pack);
      } else {
        notInForce.add(pack);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (RulePack pack : inForce) {
      Map<String, Object> overridden = overrides == null ? Map.of() : overrides.values().getOrDefault(pack.id(), Map.of());
      for (Parameter p : pack.parameters().values()) {
        boolean set = overridden.containsKey(p.name());
        parameters.add(new String[] {pack.ref(), p.name(), show(set ? overridden.get(p.name()) : p.value()),
            set ? "overlay " + overlay + " (pack default " + show(p.value()) + ")" : "pack default", p.description().en()});
      }
      for (Rule rule : pack.rules()) {
        List<String> params = rule.parameters().stream().map(name -> name + " = " + show(overridden.containsKey(name)
            ? overridden.get(name) : pack.parameters().get(name).value()) + (overridden.containsKey(name) ? " (overlay)" : "")).toList();
        rows.add(new Row(rule, pack, status(rule), params));
      }
    }
    rows.forEach(r -> byInstrument.computeIfAbsent(r.rule().citation().instrument(), k -> new ArrayList<>()).add(r));
  }

  private String status(Rule rule) {
    EffectivePeriod e = rule.effective();
    if (rule.status().evaluated() && e.from() != null && date.isBefore(e.from())) {
      return "not yet in force (from " + e.from() + ")";
    }
    if (rule.status().evaluated() && e.to() != null && !date.isBefore(e.to())) {
      return "no longer in force (ended " + e.to() + ")";
    }
    return switch (rule.status()) {
      case IN_FORCE -> "in force";
      case SHADOW -> "shadow: reported, never decides";
      case PROPOSED -> "proposed: not evaluated";
      case REPEALED -> "repealed: not evaluated";
    };
  }

  private static String dates(EffectivePeriod e) {
    if (e.from() == null && e.to() == null) {
      return "the pack's dates";
    }
    return (e.from() == null ? "" : "from " + e.from()) + (e.to() == null ? "" : (e.from() == null ? "" : " ") + "until " + e.to());
  }

  /** Why a pack version is not the one in force: another version is, or its dates do not cover the day. */
  private String why(RulePack pack) {
    return inForce.stream().filter(p -> p.id().equals(pack.id())).findFirst()
        .map(p -> "superseded by " + p.version()).orElse(dates(pack.effective()));
  }

  private static String show(Object value) {
    return String.valueOf(value);
  }

  private int ruleCount() {
    return byInstrument.values().stream().mapToInt(List::size).sum();
  }

  private String title() {
    return "Rule packs in force on " + date;
  }

  private String intro() {
    return ValidateCommand.count(inForce.size(), "pack") + " and " + ValidateCommand.count(ruleCount(), "rule")
        + ", grouped by the instrument each rule cites. Institution overlay: " + (overlay == null ? "none" : overlay)
        + ". Written by tollgate docs; the pack YAML files are authoritative.";
  }

  private static String types(RulePack pack) {
    return String.join(", ", new TreeSet<>(pack.appliesTo().stream().map(RequestType::wireName).toList()));
  }

  private static String confidence(Rule rule) {
    return rule.confidence().name().toLowerCase(Locale.ROOT) + (rule.confidence() == Confidence.HIGH || rule.note() == null
        ? "" : ": " + rule.note());
  }

  // Markdown

  String markdown() {
    StringBuilder md = new StringBuilder();
    UnaryOperator<String> c = PackReport::mdCell;
    md.append("# ").append(title()).append("\n\n").append(c.apply(intro())).append("\n\n## Packs\n\n");
    md.append("| pack | title | jurisdiction | applies to | in force | owner |\n|---|---|---|---|---|---|\n");
    for (RulePack p : inForce) {
      md.append("| `").append(c.apply(p.ref())).append("` | ").append(c.apply(p.title().en() + " / " + p.title().zh()))
          .append(" | ").append(c.apply(p.jurisdiction())).append(" | ").append(types(p)).append(" | ")
          .append(c.apply(dates(p.effective()))).append(" | ").append(c.apply(p.owner())).append(" |\n");
    }
    md.append("\n## Rules by instrument\n");
    byInstrument.forEach((instrument, rows) -> {
      md.append("\n### ").append(c.apply(instrument)).append("\n\n");
      md.append("| rule | what it checks | article | effect | status | effective | parameters | confidence |\n")
          .append("|---|---|---|---|---|---|---|---|\n");
      for (Row r : rows) {
        Rule rule = r.rule();
        String article = c.apply(rule.citation().article());
        String url = rule.citation().url();
        md.append("| `").append(rule.id()).append("` | ").append(c.apply(rule.title().en() + " / " + rule.title().zh()))
            .append(" | ").append(url == null ? article : "[" + article + "](" + mdUrl(url) + ")")
            .append(" | ").append(rule.effect()).append(" | ").append(r.status()).append(" | ")
            .append(c.apply(dates(rule.effective()))).append(" | ").append(c.apply(String.join("; ", r.params())))
            .append(" | ").append(c.apply(confidence(rule))).append(" |\n");
      }
    });
    md.append("\n## Parameters\n\n| pack | parameter | value in force | set by | meaning |\n|---|---|---|---|---|\n");
    for (String[] p : parameters) {
      md.append("| `").append(c.apply(p[0])).append("` | `").append(c.apply(p[1])).append("` | ").append(c.apply(p[2]))
          .append(" | ").append(c.apply(p[3])).append(" | ").append(c.apply(p[4])).append(" |\n");
    }
    if (!notInForce.isEmpty()) {
      md.append("\n## Not in force on ").append(date).append("\n\n");
      notInForce.forEach(p -> md.append("- `").append(c.apply(p.ref())).append("`: ").append(c.apply(why(p))).append('\n'));
    }
    return md.toString();
  }

  /** A table cell: one line, no column breaks, and no HTML that a Markdown renderer would pass through. */
  private static String mdCell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\r", " ").replace("\n", " ");
  }

  /** A link target that cannot end the link or open a tag: characters Markdown reads there are percent-encoded. */
  private static String mdUrl(String url) {
    StringBuilder sb = new StringBuilder();
    for (char ch : url.toCharArray()) {
      sb.append(" <>\"()|\\`".indexOf(ch) >= 0 ? String.format("%%%02X", (int) ch) : String.valueOf(ch));
    }
    return sb.toString();
  }

  // HTML

  String html() {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title()))
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;line-height:1.4;color:#222}\n")
        .append("table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:4px 6px;")
        .append("vertical-align:top;text-align:left;overflow-wrap:anywhere}th{background:#f3f3f3}code{font-size:90%}\n")
        .append("table.rules{table-layout:fixed}\n")
        .append(".DENY{color:#a00;font-weight:bold}.WARN{color:#a60}.OBLIGATION{color:#05a}.note{color:#555;font-size:90%}\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(esc(title())).append("</h1>\n<p>").append(esc(intro())).append("</p>\n");
    h.append("<h2>Packs</h2>\n<table>\n<tr><th>pack</th><th>title</th><th>jurisdiction</th><th>applies to</th><th>in force</th>")
        .append("<th>owner</th></tr>\n");
    for (RulePack p : inForce) {
      h.append("<tr><td><code>").append(esc(p.ref())).append("</code></td><td>").append(esc(p.title().en())).append("<br>")
          .append(esc(p.title().zh())).append("</td><td>").append(esc(p.jurisdiction())).append("</td><td>").append(types(p))
          .append("</td><td>").append(esc(dates(p.effective()))).append("</td><td>").append(esc(p.owner())).append("</td></tr>\n");
    }
    h.append("</table>\n<h2>Rules by instrument</h2>\n");
    byInstrument.forEach((instrument, rows) -> {
      h.append("<h3>").append(esc(instrument)).append("</h3>\n<table class=\"rules\">\n<colgroup><col style=\"width:17%\">")
          .append("<col style=\"width:20%\"><col style=\"width:12%\"><col style=\"width:8%\"><col style=\"width:8%\">")
          .append("<col style=\"width:9%\"><col style=\"width:12%\"><col style=\"width:14%\"></colgroup>\n<tr><th>rule</th><th>what it checks</th><th>article</th>")
          .append("<th>effect</th><th>status</th><th>effective</th><th>parameters</th><th>confidence</th></tr>\n");
      for (Row r : rows) {
        Rule rule = r.rule();
        String url = rule.citation().url();
        String article = esc(rule.citation().article());
        h.append("<tr id=\"").append(esc(rule.id())).append("\"><td><code class=\"rule-id\">").append(esc(rule.id()))
            .append("</code><br><span class=\"note\">").append(esc(r.pack().ref())).append("</span></td><td>")
            .append(esc(rule.title().en())).append("<br>").append(esc(rule.title().zh())).append("</td><td>")
            .append(url == null ? article : "<a class=\"citation\" href=\"" + esc(url) + "\">" + article + "</a>")
            .append("</td><td class=\"").append(rule.effect()).append("\">").append(rule.effect()).append("</td><td>")
            .append(esc(r.status())).append("</td><td>").append(esc(dates(rule.effective()))).append("</td><td>")
            .append(esc(String.join("; ", r.params()))).append("</td><td class=\"note\">").append(esc(confidence(rule)))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    });
    h.append("<h2>Parameters</h2>\n<table>\n<tr><th>pack</th><th>parameter</th><th>value in force</th><th>set by</th>")
        .append("<th>meaning</th></tr>\n");
    for (String[] p : parameters) {
      h.append("<tr><td><code>").append(esc(p[0])).append("</code></td><td><code>").append(esc(p[1])).append("</code></td><td>")
          .append(esc(p[2])).append("</td><td>").append(esc(p[3])).append("</td><td>").append(esc(p[4])).append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (!notInForce.isEmpty()) {
      h.append("<h2>Not in force on ").append(date).append("</h2>\n<ul>\n");
      notInForce.forEach(p -> h.append("<li><code>").append(esc(p.ref())).append("</code>: ").append(esc(why(p)))
          .append("</li>\n"));
      h.append("</ul>\n");
    }
    return h.append("</body>\n</html>\n").toString();
  }

  static String esc(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
