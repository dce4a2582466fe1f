package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pack copied out of the repository, as the README's walk-through copies one: its files' first lines name
 * schemas that are not there, until {@code tollgate schemas} writes them beside the copied packs; then each
 * file's header leads to the schema for its kind, and the file conforms to it.
 */
class SchemasCommandTest {
  static final Pattern HEADER = Pattern.compile("# yaml-language-server: \\$schema=(\\S+)");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir
  Path work;

  /** The schema file a YAML file's first line names, resolved as an editor does: relative to the file. */
  static Path header(Path yaml) throws IOException {
    String first = Files.readAllLines(yaml).get(0);
    Matcher m = HEADER.matcher(first);
    assertTrue(m.matches(), yaml + " starts with a yaml-language-server schema line: " + first);
    return yaml.getParent().resolve(m.group(1)).normalize();
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void aCopiedPack_findsItsSchemas_onceTheyAreWrittenBesideThePacks() throws IOException {
    Path packs = work.resolve("legal/packs");
    copy(Path.of("../rulepacks/cn-fin-marketing-calls"), packs.resolve("cn-fin-marketing-calls"));
    List<Path> files = yamlFiles(packs);
    assertTrue(files.size() > 4, files.toString());
    for (Path f : files) {
      assertFalse(Files.exists(header(f)), "a copy's header leads nowhere at first: " + f);
    }

    Invocation run = Invocation.run("schemas", work.resolve("legal/schemas").toString());
    assertEquals(0, run.status(), run.toString());
    assertEquals("wrote 5 schemas to " + work.resolve("legal/schemas"), run.err().strip());

    List<String> kinds = new ArrayList<>();
    for (Path f : files) {
      Path schemaFile = header(f);
      assertTrue(Files.isRegularFile(schemaFile), f + " names " + schemaFile);
      JsonNode schema = Schemas.JSON.readTree(schemaFile.toFile());
      String folder = f.getParent().getFileName().toString();
      String kind = f.getFileName().toString().equals("pack.yaml") ? "pack" : folder.equals("overlays") ? "overrides" : "pack-test";
      assertEquals("https://tollgate.dev/schemas/" + kind + ".schema.json", schema.path("$id").asText(), f.toString());
      Schemas.assertValid(Schemas.of(schema), YAML.readTree(f.toFile()), f.toString());
      kinds.add(kind);
    }
    assertEquals(List.of("overrides", "pack", "pack-test"), kinds.stream().distinct().sorted().toList());
  }

  @Test
  void everySchemaOfTheRepository_isWritten_asItIs() throws IOException {
    List<String> inRepository;
    try (Stream<Path> files = Files.list(Path.of("../schemas"))) {
      inRepository = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".schema.json")).sorted().toList();
    }
    assertEquals(inRepository, SchemasCommand.NAMES.stream().sorted().toList());
    Path dir = work.resolve("a/b/schemas");
    assertEquals(0, Invocation.run("schemas", dir.toString()).status());
    for (String name : inRepository) {
      assertEquals(Files.readString(Path.of("../schemas", name)), Files.readString(dir.resolve(name)), name);
    }
  }

  @Test
  void aFolderThatCannotBeWritten_isExit2_namingIt() throws IOException {
    Path file = Files.writeString(work.resolve("not-a-folder"), "");
    Invocation run = Invocation.run("schemas", file.resolve("schemas").toString());
    assertEquals(2, run.status(), run.toString());
    assertTrue(run.err().startsWith("tollgate: cannot write the schemas to " + file.resolve("schemas") + ": "), run.toString());
  }
}
