package dev.tollgate.decisionlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's ring: what a consumer reads while deciding threads write. */
class JournalTest {
  private static final byte[] KEY = new byte[16];

  @TempDir
  Path dir;

  private static byte[] payload(int n) {
    byte[] p = new byte[n];
    for (int i = 0; i < n; i++) {
      p[i] = (byte) (i * 31 + 7);
    }
    return p;
  }

  /**
   * A record is committed by writing its own position into it last. At position 0 that is what empty memory
   * holds already, so a consumer racing the first append could read a header half written (an empty payload
   * whose CRC, 0, matched); the first record of a fresh ring is therefore never at position 0.
   */
  @Test
  void aFreshRing_putsItsFirstRecordAfterPositionZero() {
    try (Journal journal = new Journal(dir.resolve("j"), Journal.MIN_CAPACITY, KEY)) {
      assertEquals(List.of(), journal.recover(e -> false));
      assertNull(journal.next());
      assertTrue(journal.append(payload(100), 100, 0, false));
      Journal.Entry first = journal.next();
      assertNotEquals(0, first.position());
      assertArrayEquals(payload(100), first.payload());
    }
  }

  @Test
  void aConsumerRacingTheFirstAppend_readsTheWholeRecordOrNothing() throws Exception {
    byte[] sent = payload(100);
    List<String> wrong = new ArrayList<>();
    for (int round = 0; round < 300 && wrong.isEmpty(); round++) {
      Path file = dir.resolve("j" + round);
      try (Journal journal = new Journal(file, Journal.MIN_CAPACITY, round % 2 == 0 ? KEY : null)) {
        journal.recover(e -> false);
        AtomicReference<Journal.Entry> read = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
          Journal.Entry e;
          while ((e = journal.next()) == null) {
            Thread.onSpinWait();
          }
          read.set(e);
        });
        consumer.start();
        journal.append(sent, sent.length, 0, false);
        consumer.join(10_000);
        byte[] got = read.get().payload();
        if (got.length != sent.length) {
          wrong.add("round " + round + ": " + got.length + " bytes");
        }
      }
      Files.delete(file);
    }
    assertEquals(List.of(), wrong);
  }
}
