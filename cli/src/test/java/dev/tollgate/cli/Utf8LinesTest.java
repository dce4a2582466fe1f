package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8LinesTest {
  /** Hands out at most a few bytes per read, so that lines, line ends and characters cross buffer refills. */
  private static InputStream trickle(byte[] bytes, SplittableRandom random) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(5)));
      }
    };
  }

  private static List<String> expected(byte[] bytes) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
        StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    for (String line; (line = reader.readLine()) != null; ) {
      lines.add(line);
    }
    return lines;
  }

  private static List<String> actual(InputStream in, int size) throws IOException {
    Utf8Lines reader = new Utf8Lines(in, size, Integer.MAX_VALUE - 1);
    List<String> lines = new ArrayList<>();
    for (String line; (line = reader.readLine()) != null; ) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  void readLine_anyBytes_asBufferedReader() throws IOException {
    byte[][] pieces = {"\n".getBytes(), "\r".getBytes(), "\r\n".getBytes(), "{\"a\":1}".getBytes(),
        "中文".getBytes(StandardCharsets.UTF_8), "😀".getBytes(StandardCharsets.UTF_8), {(byte) 0xEF, (byte) 0xBB,
        (byte) 0xBF}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xF0, (byte) 0x9F}, {(byte) 0x80}, {(byte) 0xFF},
        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, " ".getBytes(), "\u00a0".getBytes(
        StandardCharsets.UTF_8), {0}};
    SplittableRandom random = new SplittableRandom(3);
    for (int round = 0; round < 5_000; round++) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (int i = random.nextInt(12); i >= 0; i--) {
        out.writeBytes(pieces[random.nextInt(pieces.length)]);
      }
      byte[] bytes = out.toByteArray();
      List<String> expected = expected(bytes);
      assertEquals(expected, actual(new ByteArrayInputStream(bytes), 1 + random.nextInt(8)), () -> hex(bytes));
      assertEquals(expected, actual(trickle(bytes, random), 4), () -> hex(bytes));
    }
  }

  @Test
  void ready_crLfSplitAcrossWrites_notReadyOnceTheLineIsRead() throws IOException {
    PipedOutputStream writer = new PipedOutputStream();
    Utf8Lines reader = new Utf8Lines(new PipedInputStream(writer, 64), 16, Integer.MAX_VALUE - 1);
    writer.write("{}\r".getBytes());
    assertEquals("{}", reader.readLine());
    writer.write('\n');
    // Only the rest of the line end is waiting: no line can be read without blocking.
    assertFalse(reader.ready());
    writer.write("x\n".getBytes());
    assertTrue(reader.ready());
    assertEquals("x", reader.readLine());
    writer.close();
    assertEquals(null, reader.readLine());
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02x ", b));
    }
    return s.toString();
  }
}
