package dev.tollgate.internal;

import dev.tollgate.rules.Field;
import java.util.function.Function;

/**
 * How the {@link Field}s of one kind of value (a request record, or one item of a list field) are read
 * from it: one reader per field, held in slots by field ordinal so that a decision reads a field with
 * an array load rather than a search.
 *
 * <p>Immutable once built; the tables are built in static initializers and shared by all threads.
 *
 * @param <T> what the fields are read from
 */
final class FieldReaders<T> {
  private final Class<T> source;
  private final Function<T, Object>[] readers;

  @SuppressWarnings("unchecked")
  private FieldReaders(Class<T> source) {
    this.source = source;
    this.readers = new Function[Field.values().length];
  }

  /** An empty table for fields read from values of {@code source}. */
  static <T> FieldReaders<T> of(Class<T> source) {
    return new FieldReaders<>(source);
  }

  /**
   * Adds how {@code field} is read.
   *
   * @throws IllegalStateException if the field has a reader already
   */
  FieldReaders<T> read(Field field, Function<T, Object> reader) {
    if (readers[field.ordinal()] != null) {
      throw new IllegalStateException(field + " is read twice from " + source.getSimpleName());
    }
    readers[field.ordinal()] = reader;
    return this;
  }

  /** The class the fields are read from. */
  Class<T> source() {
    return source;
  }

  /** The reader of {@code field}, or null if this table has none. */
  Function<T, Object> reader(Field field) {
    return readers[field.ordinal()];
  }
}
