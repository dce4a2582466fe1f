package dev.tollgate.rules.internal;

import java.util.Collection;

/** Finds the known name a mistyped one was probably meant to be. */
final class Suggestions {
  private Suggestions() {}

  /** The candidate within edit distance 2 (or a third of the length) of {@code typo}, or null. */
  static String closest(String typo, Collection<String> candidates) {
    String best = null;
    int bestDistance = Math.max(2, typo.length() / 3) + 1;
    for (String c : candidates) {
      int d = distance(typo.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** "; did you mean '...'?" for the candidate closest to {@code name}, or "" when none is close. */
  static String hintFrom(String name, Collection<String> names) {
    String hint = Suggestions.closest(name, names);
    return hint == null ? "" : "; did you mean '" + hint + "'?";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
