package dev.tollgate.rules;

import java.util.Objects;

/**
 * The legal source a rule encodes.
 *
 * @param instrument the law, regulation, standard or policy, by its official name
 * @param article the article, clause or paragraph within it
 * @param url where the text can be read; may be null when no official address is known
 */
public record Citation(String instrument, String article, String url) {
  public Citation {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(article, "article");
  }
}
