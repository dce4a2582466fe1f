package dev.tollgate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * Prints and counts decisions that came out differently under other packs, in the one format that
 * {@code tollgate diff} and {@code tollgate log replay} share.
 */
final class DecisionChanges {
  private final PrintWriter out;
  private int verdicts;
  private int allowToDeny;
  private int rulesOnly;

  DecisionChanges(PrintWriter out) {
    this.out = out;
  }

  /** A finding as both commands print it. */
  static String cited(String rule, String effect, boolean shadow, String pack, String message) {
    return rule + " " + effect + (shadow ? " (shadow)" : "") + " [" + pack + "]: " + message;
  }

  /**
   * Prints one request's change, if there is any, after {@code where}; {@code others} names further
   * differences, printed only when nothing else shows the change.
   */
  void print(String where, String before, String after, List<String> gone, List<String> added,
      List<String> fieldsBefore, List<String> fieldsAfter, List<String> others) {
    boolean fields = !Objects.equals(fieldsBefore, fieldsAfter);
    boolean findings = !gone.isEmpty() || !added.isEmpty();
    if (before.equals(after) && !findings && !fields && others.isEmpty()) {
      return;
    }
    if (!before.equals(after)) {
      verdicts++;
      allowToDeny += after.equals("DENY") ? 1 : 0;
      out.println(where + before + " -> " + after);
    } else {
      rulesOnly++;
      out.println(where + "still " + after + ", other findings");
    }
    gone.forEach(f -> out.println("  - " + f + "   (no longer cited)"));
    added.forEach(f -> out.println("  + " + f + "   (newly cited)"));
    if (fields) {
      out.println("  allowedFields " + fieldsBefore + " -> " + fieldsAfter);
    }
    if (before.equals(after) && !findings && !fields) {
      out.println("  also differs: " + String.join(", ", others));
    }
  }

  /** How many requests printed a change. */
  int changed() {
    return verdicts + rulesOnly;
  }

  /** The counts of {@code total} requests: changed decisions by direction, other changes, unchanged. */
  String summary(long total) {
    return ValidateCommand.count(verdicts, "decision") + " changed (" + allowToDeny + " ALLOW -> DENY, "
        + (verdicts - allowToDeny) + " DENY -> ALLOW), " + rulesOnly + " with the same decision but other rules or fields, "
        + (total - changed()) + " unchanged";
  }
}
