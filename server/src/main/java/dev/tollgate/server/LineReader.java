package dev.tollgate.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream of JSON lines one line at a time, holding at most {@code limit} bytes of a line: a longer
 * line is skipped to its end and reported as too long, so no line can make the server buffer a whole
 * campaign. Not thread-safe.
 */
final class LineReader {
  private final InputStream in;
  private final int limit;
  private final byte[] buffer = new byte[8192];
  private int pos;
  private int end;
  private byte[] line = new byte[1024];
  private long number;
  private boolean tooLong;

  LineReader(InputStream in, int limit) {
    this.in = in;
    this.limit = limit;
  }

  /** The next line without its end-of-line, or null at the end of the stream. */
  byte[] next() throws IOException {
    int length = 0;
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = in.read(buffer);
        pos = 0;
        if (end <= 0) {
          end = 0;
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      byte b = buffer[pos++];
      if (b == '\n') {
        break;
      }
      if (length == limit) {
        tooLong = true;
        continue;
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, Math.min(limit, line.length * 2));
      }
      line[length++] = b;
    }
    number++;
    return tooLong ? new byte[0] : Arrays.copyOf(line, length);
  }

  /** Whether the line just returned was over the limit (and is returned empty). */
  boolean tooLong() {
    return tooLong;
  }

  /** The 1-based number of the line just returned. */
  long number() {
    return number;
  }
}
