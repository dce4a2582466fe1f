package dev.tollgate.internal.ledger;

import java.text.Normalizer;

/**
 * A call's {@code callee.subject} is a pseudonymous id by contract; this refuses one that is empty, too long
 * or a phone number, however the number is written. Every way a subject enters (a decision, a recorded
 * call, a contact recorded directly) asks {@link #problem}.
 *
 * <p>A subject is a phone number when, after Unicode NFKC normalisation (full-width and other compatibility
 * digits become ASCII), dropping a leading label such as {@code tel:}, {@code p:} or {@code sip:}, what
 * follows an {@code @} or {@code ;} (a host, a tel-URI parameter), separators (white space, dashes, dots,
 * slashes, brackets, underscores, invisible format characters) and a leading {@code +} or {@code 00}, what
 * remains is 7 to 15 decimal digits, of any script: E.164 numbers have at most 15 digits, and 7 is the
 * shortest subscriber number in use where the bundled packs apply (a local number in China or the US).
 * So {@code 4155552671}, {@code (415) 555-2671}, {@code +86.138.0013.8000}, {@code tel:+8613800138000} and
 * {@code 13800138000@x} are refused, while ids with letters ({@code cust-13800138000}, a hex digest) pass.
 * A purely numeric id of that length cannot be told from a number and is refused too.
 */
public final class Subjects {
  /** The fewest and most digits of a plausible phone number (E.164 allows at most 15). */
  static final int MIN_DIGITS = 7;
  static final int MAX_DIGITS = 15;
  /** The longest subject stored (the ledger's column). */
  static final int MAX_LENGTH = 256;

  private Subjects() {}

  /** Why a subject cannot be used, or null if it can; never echoes the subject. */
  public static String problem(String subject) {
    if (subject == null || subject.isBlank()) {
      return "is empty; give a pseudonymous id of the person";
    }
    if (subject.length() > MAX_LENGTH) {
      return "is longer than " + MAX_LENGTH + " characters";
    }
    if (isPhoneNumber(subject)) {
      return "looks like a phone number; a subject must be a pseudonymous id: use a keyed hash of the number "
          + "(e.g. HMAC-SHA-256 with a secret key), never the number itself";
    }
    return null;
  }

  /** Whether the subject normalises to 7 to 15 digits (see the class comment). */
  static boolean isPhoneNumber(String subject) {
    // Checked for every call: an ASCII id with too few digits cannot be a number, so skip the normalising.
    boolean ascii = true;
    int digits = 0;
    for (int i = 0; i < subject.length(); i++) {
      char c = subject.charAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    if (ascii && digits < MIN_DIGITS) {
      return false;
    }
    String s = ascii ? subject : Normalizer.normalize(subject, Normalizer.Form.NFKC);
    int start = label(s);
    int end = s.length();
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '@' || c == ';') {
        end = i;
      }
    }
    StringBuilder core = new StringBuilder(end - start);
    for (int i = start; i < end; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isSeparator(cp)) {
        continue;
      }
      int digit = Character.digit(cp, 10);
      if (digit >= 0) {
        core.append((char) ('0' + digit));
      } else if (cp == '+' && core.isEmpty()) {
        core.append('+');
      } else {
        return false;
      }
    }
    int from = core.length() > 0 && core.charAt(0) == '+' ? 1 : core.length() > 2 && core.charAt(0) == '0'
        && core.charAt(1) == '0' ? 2 : 0;
    int n = core.length() - from;
    return n >= MIN_DIGITS && n <= MAX_DIGITS;
  }

  /** The index after a leading label ({@code tel:}, {@code p:}): letters, digits, +, . or - up to a colon. */
  private static int label(String s) {
    if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
      return 0;
    }
    for (int i = 1; i < s.length() && i <= 16; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        return i + 1;
      }
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-') {
        return 0;
      }
    }
    return 0;
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isSeparator(int cp) {
    switch (cp) {
      case '.', '/', '(', ')', '[', ']', '_', '\'', '"':
        return true;
      default:
        int type = Character.getType(cp);
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.DASH_PUNCTUATION
            || type == Character.FORMAT;
    }
  }

  /**
   * Why a value stored beside a subject (a contact id, a product, a debt id) cannot be, or null: longer than
   * the ledger's columns.
   */
  public static String tooLong(String value) {
    return value != null && value.length() > MAX_LENGTH ? "is longer than " + MAX_LENGTH + " characters" : null;
  }

  /** @throws IllegalArgumentException if the subject cannot be stored, saying why */
  static void check(String subject) {
    String problem = problem(subject);
    if (problem != null) {
      throw new IllegalArgumentException("subject " + problem);
    }
  }
}
