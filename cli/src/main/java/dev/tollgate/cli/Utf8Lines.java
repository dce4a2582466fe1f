package dev.tollgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 stream as {@link java.io.BufferedReader#readLine} over an {@link
 * java.io.InputStreamReader} gives them ({@code \n}, {@code \r} or {@code \r\n} ends a line; malformed
 * bytes become U+FFFD), a few times cheaper: the line ends are found in the bytes, which is exact since
 * neither byte occurs inside a UTF-8 sequence, and each line is decoded at once into a {@code String}. A
 * line longer than the most bytes given is cut there and the rest of it skipped, so that no input is held
 * whole whatever its length. Not thread-safe.
 */
final class Utf8Lines {
  private final InputStream in;
  private final int maxLine;
  private byte[] buffer;
  private int next;
  private int end;
  private boolean eof;
  /** The last line ended with {@code \r}: a {@code \n} right after it ends the same line. */
  private boolean skipLf;

  Utf8Lines(InputStream in, int size, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
    this.buffer = new byte[size];
  }

  /** The next line without its end, or null at the end of the stream. */
  String readLine() throws IOException {
    if (skipLf) {
      if (next == end) {
        fill();
      }
      if (next < end && buffer[next] == '\n') {
        next++;
      }
      skipLf = false;
    }
    // How far from the start of the line no line end was found.
    int scanned = 0;
    while (true) {
      for (int i = next + scanned; i < end; i++) {
        byte b = buffer[i];
        if (b == '\n' || b == '\r') {
          String line = new String(buffer, next, i - next, StandardCharsets.UTF_8);
          next = i + 1;
          skipLf = b == '\r';
          return line;
        }
      }
      scanned = end - next;
      if (scanned > maxLine) {
        String line = new String(buffer, next, maxLine + 1, StandardCharsets.UTF_8);
        skipRestOfLine();
        return line;
      }
      if (!fill()) {
        if (next == end) {
          return null;
        }
        String line = new String(buffer, next, end - next, StandardCharsets.UTF_8);
        next = end;
        return line;
      }
    }
  }

  /** Drops what is buffered and reads on, dropping it too, to the end of the line. */
  private void skipRestOfLine() throws IOException {
    while (true) {
      for (int i = next; i < end; i++) {
        if (buffer[i] == '\n' || buffer[i] == '\r') {
          next = i + 1;
          skipLf = buffer[i] == '\r';
          return;
        }
      }
      next = end;
      if (!fill()) {
        return;
      }
    }
  }

  /** Whether a line or part of one can be read without blocking, as {@link java.io.BufferedReader#ready}. */
  boolean ready() throws IOException {
    if (skipLf) {
      if (next == end && !eof && in.available() > 0) {
        fill();
      }
      if (next < end) {
        if (buffer[next] == '\n') {
          next++;
        }
        skipLf = false;
      }
    }
    return next < end || !eof && in.available() > 0;
  }

  /** Reads more after what is unread, moving it to the start or growing the buffer; false at the end. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (next > 0) {
      System.arraycopy(buffer, next, buffer, 0, end - next);
      end -= next;
      next = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
      return false;
    }
    end += n;
    return true;
  }
}
