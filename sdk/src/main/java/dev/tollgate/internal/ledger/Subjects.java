package dev.tollgate.internal.ledger;

import java.util.regex.Pattern;

/** The ledger stores pseudonymous subject ids only; this refuses ids that are phone numbers. */
public final class Subjects {
  /** E.164 (+ and 8 to 15 digits) or a mainland mobile number, with or without 86 / 0086. */
  private static final Pattern PHONE = Pattern.compile("\\+\\d{8,15}|(?:0086|86)?1[3-9]\\d{9}");
  /** The separators a number may be written with, removed before {@link #PHONE} is matched. */
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()]");
  /** The fewest digits {@link #PHONE} matches. */
  private static final int PHONE_DIGITS = 8;

  private Subjects() {}

  /** Why a subject cannot be stored, or null if it can. */
  public static String problem(String subject) {
    if (subject == null || subject.isBlank()) {
      return "is empty";
    }
    if (subject.length() > 256) {
      return "is longer than 256 characters";
    }
    // Checked for every call: most ids have too few digits to be a number, so skip the regular expressions.
    if (digits(subject) >= PHONE_DIGITS && PHONE.matcher(SEPARATORS.matcher(subject).replaceAll("")).matches()) {
      return "looks like a phone number; the ledger stores only pseudonymous ids (use a keyed hash of the number)";
    }
    return null;
  }

  private static int digits(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  static void check(String subject) {
    String problem = problem(subject);
    if (problem != null) {
      throw new IllegalArgumentException("subject " + problem);
    }
  }
}
