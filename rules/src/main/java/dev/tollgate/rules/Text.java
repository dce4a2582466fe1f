package dev.tollgate.rules;

import java.util.Objects;

/**
 * A short text in Chinese and English, as packs carry titles and messages for both audiences.
 *
 * @param zh the Chinese text
 * @param en the English text
 */
public record Text(String zh, String en) {
  public Text {
    Objects.requireNonNull(zh, "zh");
    Objects.requireNonNull(en, "en");
  }
}
