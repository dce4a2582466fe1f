package dev.tollgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.rules.Problem;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Prints what {@code validate} and {@code lint} found as JSON or as SARIF 2.1.0, the format code-scanning
 * dashboards read (GitHub code scanning, GitLab, SonarQube, IDE viewers).
 */
final class ProblemOutput {
  /** The output formats of {@code validate} and {@code lint}. */
  enum Format { text, json, sarif }

  /** How serious a problem is: a pack with errors does not load; warnings are advice. */
  enum Level { error, warning }

  /** The standard's own address of its schema (OASIS, SARIF 2.1.0 errata 01). */
  static final String SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private ProblemOutput() {}

  /** Prints the problems as one JSON document in the format; {@code text} is each command's own. */
  static void print(PrintWriter out, Format format, Level level, List<Problem> problems) {
    ObjectNode doc = format == Format.sarif ? sarif(level, problems) : json(level, problems);
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"problems": [{"level", "code", "message", "file", "line", "column", "path"}]}}. */
  private static ObjectNode json(Level level, List<Problem> problems) {
    ObjectNode doc = JSON.createObjectNode();
    ArrayNode list = doc.putArray("problems");
    for (Problem p : problems) {
      list.addObject().put("level", level.name()).put("code", p.code()).put("message", p.message()).put("file", p.file())
          .put("line", p.line()).put("column", p.column()).put("path", p.path());
    }
    return doc;
  }

  private static ObjectNode sarif(Level level, List<Problem> problems) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("$schema", SARIF_SCHEMA);
    doc.put("version", "2.1.0");
    ObjectNode run = doc.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "tollgate");
    String version = Tollgate.class.getPackage().getImplementationVersion();
    if (version != null) {
      driver.put("version", version);
    }
    Set<String> codes = new LinkedHashSet<>();
    problems.forEach(p -> codes.add(p.code()));
    ArrayNode rules = driver.putArray("rules");
    for (String code : codes) {
      rules.addObject().put("id", code).putObject("defaultConfiguration").put("level", level.name());
    }
    ArrayNode results = run.putArray("results");
    List<String> ruleIds = List.copyOf(codes);
    for (Problem p : problems) {
      ObjectNode result = results.addObject();
      result.put("ruleId", p.code()).put("ruleIndex", ruleIds.indexOf(p.code())).put("level", level.name());
      result.putObject("message").put("text", p.message());
      ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
      location.putObject("artifactLocation").put("uri", uri(p.file()));
      if (p.line() > 0) {
        ObjectNode region = location.putObject("region").put("startLine", p.line());
        if (p.column() > 0) {
          region.put("startColumn", p.column());
        }
      }
      result.putObject("properties").put("jsonPath", p.path());
    }
    return doc;
  }

  /** The file as a URI reference: relative paths stay relative (to the folder the command ran in), with '/'. */
  static String uri(String file) {
    Path path = Path.of(file);
    if (path.isAbsolute()) {
      return path.toUri().toString();
    }
    try {
      return new URI(null, null, file.replace('\\', '/'), null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a file path: " + file, e);
    }
  }
}
