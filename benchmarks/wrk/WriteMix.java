import dev.tollgate.benchmarks.Corpus;
import java.nio.file.Path;

/**
 * Writes the benchmarks' contract mix (the first 4096 requests of Corpus with ThroughputBenchmark's seed) as
 * JSON lines, for wrk. Run as a source file: java -cp benchmarks/target/benchmarks.jar WriteMix.java FILE
 */
public class WriteMix {
  public static void main(String[] args) throws Exception {
    new Corpus(20260301L).write(Path.of(args[0]), 4096);
  }
}
