package dev.tollgate.rulepacks;

import dev.tollgate.testing.PackTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Runs the YAML tests of every bundled pack. */
class BundledPackTest {
  @TestFactory
  Stream<DynamicNode> packTests() {
    return PackTests.dynamicTests(Path.of("."));
  }
}
