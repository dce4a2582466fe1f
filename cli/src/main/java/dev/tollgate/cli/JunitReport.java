package dev.tollgate.cli;

import dev.tollgate.testing.PackTestReport;
import dev.tollgate.testing.PackTestReport.CaseResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the results of {@code tollgate test} as JUnit XML, the format CI servers (Jenkins, GitLab, GitHub
 * actions' test reporters) read: one {@code testsuite} per test file, one {@code testcase} per case.
 *
 * <p>It follows the strictest common schema, the Apache Ant JUnit schema (Windy Road's {@code JUnit.xsd}),
 * so the lenient readers read it too: every suite has its properties, timestamp, host and output
 * elements, and the class name of a case is {@code pack@version.file}, which readers split at the last
 * dot into a package and a class. Cases are not timed one by one (each takes microseconds), so each
 * suite's time is its share of the run's.
 */
final class JunitReport {
  /** The schema's pattern has the seconds even when they are zero, which {@code LocalDateTime.toString} drops. */
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private JunitReport() {}

  static String timestamp(LocalDateTime time) {
    return TIMESTAMP.format(time);
  }

  static void write(PackTestReport report, double seconds, Path file) {
    Map<String, List<CaseResult>> suites = new LinkedHashMap<>();
    for (CaseResult c : report.cases()) {
      suites.computeIfAbsent(c.file(), f -> new ArrayList<>()).add(c);
    }
    Document doc = newDocument();
    Element root = doc.createElement("testsuites");
    doc.appendChild(root);
    String timestamp = timestamp(LocalDateTime.now());
    String host = hostname();
    int id = 0;
    for (Map.Entry<String, List<CaseResult>> suite : suites.entrySet()) {
      List<CaseResult> cases = suite.getValue();
      String className = className(suite.getKey());
      Element s = doc.createElement("testsuite");
      s.setAttribute("package", className.contains(".") ? className.substring(0, className.lastIndexOf('.')) : className);
      s.setAttribute("id", String.valueOf(id++));
      s.setAttribute("name", suite.getKey());
      s.setAttribute("timestamp", timestamp);
      s.setAttribute("hostname", host);
      s.setAttribute("tests", String.valueOf(cases.size()));
      s.setAttribute("failures", String.valueOf(cases.stream().filter(c -> !c.passed()).count()));
      s.setAttribute("errors", "0");
      s.setAttribute("time", seconds(seconds * cases.size() / Math.max(1, report.cases().size())));
      s.appendChild(doc.createElement("properties"));
      for (CaseResult c : cases) {
        Element t = doc.createElement("testcase");
        t.setAttribute("name", c.line() > 0 ? c.name() + " (line " + c.line() + ")" : c.name());
        t.setAttribute("classname", className);
        t.setAttribute("time", "0");
        if (!c.passed()) {
          Element failure = doc.createElement("failure");
          failure.setAttribute("message", c.failure().lines().findFirst().orElse(""));
          failure.setAttribute("type", "tollgate.PackTestFailure");
          failure.setTextContent(c.failure());
          t.appendChild(failure);
        }
        s.appendChild(t);
      }
      s.appendChild(doc.createElement("system-out"));
      s.appendChild(doc.createElement("system-err"));
      root.appendChild(s);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      Transformer transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.transform(new DOMSource(doc), new StreamResult(out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code pack@version.file} for {@code .../<pack>/<version>/tests/<file>.yaml}, {@code pack@version} for a
   * version folder without tests; else the path itself.
   */
  static String className(String file) {
    Path path = Path.of(file);
    int n = path.getNameCount();
    if (n >= 4 && path.getName(n - 2).toString().equals("tests")) {
      String name = path.getName(n - 1).toString().replaceFirst("\\.ya?ml$", "");
      return path.getName(n - 4) + "@" + path.getName(n - 3) + "." + name;
    }
    if (n >= 2 && !file.endsWith(".yaml")) {
      return path.getName(n - 2) + "@" + path.getName(n - 1);
    }
    return file;
  }

  private static String seconds(double s) {
    return new BigDecimal(s).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static Document newDocument() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
