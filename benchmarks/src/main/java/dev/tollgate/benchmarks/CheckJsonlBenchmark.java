package dev.tollgate.benchmarks;

import dev.tollgate.cli.Tollgate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code tollgate check --jsonl FILE} end to end in process: build the engine from the bundled packs,
 * read the generated corpus (written to a temporary file at setup, never into the repository), parse,
 * decide in parallel batches, write every decision as JSON. One operation is the whole file; requests
 * per second = lines / seconds per operation.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class CheckJsonlBenchmark {
  @Param("1000000")
  public int lines;

  private Path corpus;

  @Setup(Level.Trial)
  public void writeCorpus() throws IOException {
    corpus = Files.createTempFile("tollgate-corpus-", ".jsonl");
    new Corpus(Fixtures.SEED).write(corpus, lines);
  }

  @TearDown(Level.Trial)
  public void deleteCorpus() throws IOException {
    Files.deleteIfExists(corpus);
  }

  @Benchmark
  public int checkJsonl() {
    int status = Tollgate.run(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
        OutputStream.nullOutputStream(), "check", "--jsonl", corpus.toString());
    if (status == 2 && lines < 100) {
      throw new IllegalStateException("check failed with status " + status);
    }
    return status;
  }
}
