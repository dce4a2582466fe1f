package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The jars the build made, as a user gets them: each names its module, they run on the module path, and
 * each published module has the sources jar, javadoc jar and POM metadata Maven Central requires. Runs
 * after {@code package} (failsafe), in the reactor build, which has made the other modules' jars first.
 */
class PublishedArtifactsIT {
  /** Published module folder to its module name. */
  private static final Map<String, String> MODULES = Map.of(
      "rules", "dev.tollgate.rules",
      "sdk", "dev.tollgate.sdk",
      "testing", "dev.tollgate.testing",
      "bundle", "dev.tollgate.bundle",
      "rulepacks", "dev.tollgate.rulepacks",
      "server", "dev.tollgate.server",
      "decision-log", "dev.tollgate.decisionlog",
      "cli", "dev.tollgate.cli");
  /**
   * The modules with a real descriptor, and the packages each exports: its public API and nothing else. The
   * others stay automatic (docs/adopting.md says why) and export every package.
   */
  private static final Map<String, Set<String>> EXPORTS = Map.of(
      "dev.tollgate.rules", Set.of("dev.tollgate.rules", "dev.tollgate.rules.tooling"),
      "dev.tollgate.sdk", Set.of("dev.tollgate"),
      "dev.tollgate.testing", Set.of("dev.tollgate.testing"),
      "dev.tollgate.bundle", Set.of("dev.tollgate.bundle"),
      "dev.tollgate.decisionlog", Set.of("dev.tollgate.decisionlog"));
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CLI_JAR = Path.of(System.getProperty("tollgate.cli.jar", "target/tollgate.jar"));
  private static final String VERSION = System.getProperty("tollgate.version", "0.1.0-SNAPSHOT");

  /** The command's jar and its runtime dependencies, as the build lays them out for {@code java -jar}. */
  private static Path[] modulePath() throws IOException {
    List<Path> jars = new ArrayList<>();
    jars.add(CLI_JAR);
    try (Stream<Path> lib = Files.list(CLI_JAR.resolveSibling("lib"))) {
      lib.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
    }
    return jars.toArray(Path[]::new);
  }

  @Test
  void everyJar_namesItsModule() throws IOException {
    ModuleFinder finder = ModuleFinder.of(modulePath());
    Map<String, String> found = new TreeMap<>();
    for (ModuleReference ref : finder.findAll()) {
      String name = ref.descriptor().name();
      if (name.startsWith("dev.tollgate")) {
        found.put(name, Path.of(ref.location().orElseThrow()).getFileName().toString());
        assertEquals(!EXPORTS.containsKey(name), ref.descriptor().isAutomatic(), name + " is automatic");
      }
    }
    assertEquals(new TreeMap<>(Map.of(
        "dev.tollgate.cli", "tollgate.jar",
        "dev.tollgate.bundle", "tollgate-bundle-" + VERSION + ".jar",
        "dev.tollgate.rules", "tollgate-rules-" + VERSION + ".jar",
        "dev.tollgate.rulepacks", "tollgate-rulepacks-" + VERSION + ".jar",
        "dev.tollgate.sdk", "tollgate-sdk-" + VERSION + ".jar",
        "dev.tollgate.server", "tollgate-server-" + VERSION + ".jar",
        "dev.tollgate.decisionlog", "tollgate-decision-log-" + VERSION + ".jar",
        "dev.tollgate.testing", "tollgate-testing-" + VERSION + ".jar")), found);
    ModuleDescriptor rules = finder.find("dev.tollgate.rules").orElseThrow().descriptor();
    assertTrue(rules.packages().contains("dev.tollgate.rules.internal"), rules.packages().toString());
    ModuleDescriptor sdk = finder.find("dev.tollgate.sdk").orElseThrow().descriptor();
    assertTrue(sdk.packages().containsAll(Set.of("dev.tollgate", "dev.tollgate.internal")), sdk.packages().toString());
  }

  @Test
  void everyDescriptor_exportsItsPublicPackagesOnly_andNoInternalOne() throws IOException {
    ModuleFinder finder = ModuleFinder.of(modulePath());
    for (Map.Entry<String, Set<String>> module : EXPORTS.entrySet()) {
      ModuleDescriptor descriptor = finder.find(module.getKey()).orElseThrow().descriptor();
      Set<String> exported = new java.util.TreeSet<>();
      for (ModuleDescriptor.Exports e : descriptor.exports()) {
        assertFalse(e.isQualified(), module.getKey() + " exports " + e.source() + " to some modules only: " + e.targets());
        exported.add(e.source());
      }
      assertTrue(exported.stream().noneMatch(p -> List.of(p.split("\\.")).contains("internal")),
          module.getKey() + " exports an internal package: " + exported);
      assertEquals(new java.util.TreeSet<>(module.getValue()), exported, module.getKey() + "'s exports");
      // Opened packages are open to reflection by everyone: only the rules' schemas (resources, no code) are.
      assertEquals(module.getKey().equals("dev.tollgate.rules") ? Set.of("tollgate.schemas") : Set.of(),
          descriptor.opens().stream().map(ModuleDescriptor.Opens::source).collect(java.util.stream.Collectors.toSet()),
          module.getKey() + "'s opened packages");
    }
  }

  @Test
  void theSdkAndTesting_decideAndRunPackTests_asNamedModules() throws Exception {
    ModuleLayer layer = layer();
    Module sdk = layer.findModule("dev.tollgate.sdk").orElseThrow();
    assertTrue(sdk.getDescriptor() != null && !sdk.getDescriptor().isAutomatic(), "the sdk is a named module");
    for (String internal : sdk.getPackages()) {
      if (internal.contains("internal")) {
        assertFalse(sdk.isExported(internal), internal + " is hidden by the JVM");
      }
    }
    ClassLoader loader = layer.findLoader("dev.tollgate.sdk");
    Class<?> engines = loader.loadClass("dev.tollgate.PolicyEngine");
    String json = Files.readString(ROOT.resolve("examples/requests/marketing-call-no-consent.json"));
    // The engine compiles the bundled packs onto Drools inside the module, then decides a request there.
    Object decision = withContextLoader(loader, () -> {
      Object builder = engines.getMethod("builder").invoke(null);
      builder = builder.getClass().getMethod("bundledPacks").invoke(builder);
      try (AutoCloseable engine = (AutoCloseable) builder.getClass().getMethod("build").invoke(builder)) {
        assertEquals("dev.tollgate.sdk", engine.getClass().getModule().getName());
        return engines.getMethod("decideJson", String.class).invoke(engine, json);
      }
    });
    assertEquals("DENY", String.valueOf(decision.getClass().getMethod("verdict").invoke(decision)));
    List<?> rules = (List<?>) decision.getClass().getMethod("ruleIds").invoke(decision);
    assertTrue(rules.contains("CN-CONSUMER-COMMERCIAL-CONSENT"), decision.toString());
    assertFalse(rules.contains("TOLLGATE-EVALUATION-ERROR"), decision.toString());
    // A pack's YAML tests, run by tollgate-testing as a named module.
    Class<?> packTests = layer.findLoader("dev.tollgate.testing").loadClass("dev.tollgate.testing.PackTests");
    assertEquals("dev.tollgate.testing", packTests.getModule().getName());
    Object report = withContextLoader(loader, () -> packTests.getMethod("run", Path[].class)
        .invoke(null, (Object) new Path[] {ROOT.resolve("rulepacks/cn-aigc-labeling")}));
    int passed = (int) report.getClass().getMethod("passed").invoke(report);
    int failed = (int) report.getClass().getMethod("failed").invoke(report);
    assertEquals(0, failed, report.toString());
    assertTrue(passed > 0, "the pack's tests ran: " + report);
  }

  /**
   * Runs the action with the layer's loader as the thread's context loader. Drools finds its services
   * (KieServices) through that loader's META-INF/services; this test's own loader, the class path, holds a
   * second copy of Drools whose classes are not the layer's. With {@code java -p}, the context loader is the
   * modules' own loader already.
   */
  private static <T> T withContextLoader(ClassLoader loader, java.util.concurrent.Callable<T> action) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * Every module on the path, as {@code --add-modules ALL-MODULE-PATH}: the automatic modules read them all, but
   * only an explicit root brings in a named one (Jackson, SnakeYAML, picocli, SLF4J).
   */
  private static ModuleLayer layer() throws IOException {
    ModuleFinder finder = ModuleFinder.of(modulePath());
    Set<String> roots = finder.findAll().stream().map(r -> r.descriptor().name()).collect(java.util.stream.Collectors.toSet());
    Configuration config = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), roots);
    return ModuleLayer.boot().defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void theCommand_decidesOnTheModulePath() throws Exception {
    ModuleLayer layer = layer();
    assertTrue(layer.findModule("dev.tollgate.sdk").isPresent(), "the sdk was resolved as a module");
    Module rules = layer.findModule("dev.tollgate.rules").orElseThrow();
    assertFalse(rules.isExported("dev.tollgate.rules.internal"), "the pack reader is hidden by the JVM");
    assertTrue(layer.findLoader("dev.tollgate.rules").getResource("tollgate/schemas/pack.schema.json") != null,
        "the JSON Schemas stay readable on the module path");
    Class<?> tollgate = layer.findLoader("dev.tollgate.cli").loadClass("dev.tollgate.cli.Tollgate");
    assertEquals("dev.tollgate.cli", tollgate.getModule().getName());
    Method run = tollgate.getMethod("run", java.io.InputStream.class, OutputStream.class, OutputStream.class, String[].class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String request = ROOT.resolve("examples/requests/marketing-call-no-consent.json").toString();
    int status = withContextLoader(layer.findLoader("dev.tollgate.cli"),
        () -> (int) run.invoke(null, new ByteArrayInputStream(new byte[0]), out, err, new String[] {"check", request}));
    String decision = out.toString(StandardCharsets.UTF_8);
    assertEquals(1, status, decision + err.toString(StandardCharsets.UTF_8));
    assertTrue(decision.contains("\"rule\":\"CN-CONSUMER-COMMERCIAL-CONSENT\""), decision);
  }

  @Test
  void everyPublishedModule_hasSourcesJavadocAndCentralsMetadata() throws Exception {
    for (String module : MODULES.keySet()) {
      Path target = ROOT.resolve(module).resolve("target");
      String base = module.equals("cli") ? "tollgate" : "tollgate-" + module + "-" + VERSION;
      Path sources = target.resolve(base + "-sources.jar");
      Path javadoc = target.resolve(base + "-javadoc.jar");
      assertTrue(Files.isRegularFile(sources) && Files.isRegularFile(javadoc),
          module + ": sources and javadoc jars are built by `mvn verify` from the root (or with -am): " + sources);
      try (JarFile jar = new JarFile(javadoc.toFile())) {
        assertTrue(jar.stream().anyMatch(e -> !e.isDirectory() && !e.getName().startsWith("META-INF/")), module + " javadoc is empty");
      }
      Document pom = xml(ROOT.resolve(module).resolve("pom.xml"));
      assertFalse(text(pom.getDocumentElement(), "name").isBlank(), module + " names itself");
      assertFalse(text(pom.getDocumentElement(), "description").isBlank(), module + " describes itself");
    }
    try (JarFile sdkSources = new JarFile(ROOT.resolve("sdk/target/tollgate-sdk-" + VERSION + "-sources.jar").toFile());
        JarFile sdkJavadoc = new JarFile(ROOT.resolve("sdk/target/tollgate-sdk-" + VERSION + "-javadoc.jar").toFile())) {
      assertTrue(sdkSources.getEntry("dev/tollgate/PolicyEngine.java") != null);
      assertTrue(sdkJavadoc.getEntry("dev.tollgate.sdk/dev/tollgate/PolicyEngine.html") != null, "javadoc by module name");
      assertTrue(sdkJavadoc.stream().noneMatch(e -> e.getName().contains("/internal/")), "internal packages are not the API");
    }
    for (Path pom : List.of(ROOT.resolve("pom.xml"), ROOT.resolve("bom/pom.xml"))) {
      Element project = xml(pom).getDocumentElement();
      for (String required : List.of("url", "licenses", "developers", "scm")) {
        assertFalse(text(project, required).isBlank(), pom + " has " + required);
      }
      assertTrue(text(project, "licenses").contains("Apache-2.0"), pom + "'s licence");
    }
    String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
    for (String module : MODULES.keySet()) {
      assertTrue(bom.contains("<artifactId>tollgate-" + module + "</artifactId>"), "the BOM manages tollgate-" + module);
    }
    assertTrue(Files.readString(ROOT.resolve("LICENSE")).contains("Apache License\n                           Version 2.0, January 2004"));
  }

  @Test
  void theProjectsHome_isNamedOnce_andEveryPublishedPomCarriesIt() throws Exception {
    Element root = xml(ROOT.resolve("pom.xml")).getDocumentElement();
    String github = text(element(root, "properties"), "tollgate.github");
    assertTrue(github.matches("[A-Za-z0-9-]+/[A-Za-z0-9._-]+"), "tollgate.github is owner/name: " + github);
    String home = "https://github.com/" + github;
    for (Path pom : List.of(ROOT.resolve("pom.xml"), ROOT.resolve("bom/pom.xml"))) {
      Element project = xml(pom).getDocumentElement();
      assertEquals(github, text(element(project, "properties"), "tollgate.github"), pom + " names the same repository");
      Element scm = element(project, "scm");
      Element developer = element(element(project, "developers"), "developer");
      List<String> values = List.of(text(project, "url"), text(developer, "url"), text(scm, "url"), text(scm, "connection"),
          text(scm, "developerConnection"));
      assertEquals(List.of(home, home, home, "scm:git:" + home + ".git", "scm:git:ssh://git@github.com/" + github + ".git"),
          values.stream().map(v -> v.replace("${tollgate.github}", github)).toList(), pom + "'s url, developer and scm");
    }
    // The modules inherit the parent's url and scm as they are, without their artifact id appended.
    assertEquals("false", root.getAttribute("child.project.url.inherit.append.path"));
    for (String part : List.of("connection", "developerConnection", "url")) {
      assertEquals("false", element(root, "scm").getAttribute("child.scm." + part + ".inherit.append.path"), part);
    }
    for (String module : MODULES.keySet()) {
      Element project = xml(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      assertEquals("", text(project, "url") + text(project, "scm"), module + " inherits the parent's url and scm");
    }
  }

  private static Element element(Element parent, String child) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(child)) {
        return e;
      }
    }
    throw new AssertionError(parent.getTagName() + " has no " + child);
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  /** The text of the element's own child element (not a parent's or a dependency's). */
  private static String text(Element project, String child) {
    for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(child)) {
        return e.getTextContent().strip();
      }
    }
    return "";
  }
}
