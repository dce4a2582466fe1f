package dev.tollgate.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version {@code MAJOR.MINOR.PATCH}, ordered numerically.
 *
 * @param major incompatible changes: a decision may change from ALLOW to DENY or back
 * @param minor compatible additions
 * @param patch corrections of text that decide nothing
 */
public record Version(int major, int minor, int patch) implements Comparable<Version> {
  private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

  public Version {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version parts must not be negative: " + major + "." + minor + "." + patch);
    }
  }

  /**
   * Parses {@code 1.2.3}.
   *
   * @throws IllegalArgumentException if the text is not three dot-separated whole numbers
   */
  public static Version parse(String text) {
    Matcher m = SEMVER.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a version of the form MAJOR.MINOR.PATCH");
    }
    return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  @Override
  public int compareTo(Version o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
