package org.stabilis.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * One way for a {@link Snapshotting} projection to write its state: a record of plain values
 * (strings, numbers, booleans, lists, maps with string keys, nested records) as JSON. Instants and
 * dates are written as their ISO-8601 strings by the record itself, so the format needs no module.
 * A state that does not read back into the record is refused with {@link IllegalArgumentException},
 * as {@link Snapshotting#restore} asks.
 */
public final class SnapshotJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private SnapshotJson() {}

  /** {@code state} as JSON bytes. */
  public static byte[] write(Object state) {
    try {
      return MAPPER.writeValueAsBytes(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the snapshot state: " + e.getMessage(), e);
    }
  }

  /** The state {@link #write} wrote, read back as {@code type}. */
  public static <T> T read(byte[] state, Class<T> type) {
    try {
      T t = MAPPER.readValue(state, type);
      if (t == null) throw new IllegalArgumentException("the snapshot state is empty");
      return t;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the snapshot state is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a state of another format than the one this code reads.
   *
   * @param what the projection's part, for the message (e.g. {@code "zones"})
   * @throws IllegalArgumentException when {@code found} is not {@code reads}
   */
  public static void requireFormat(String what, String found, String reads) {
    if (!reads.equals(found))
      throw new IllegalArgumentException(
          "the "
              + what
              + " snapshot is of format \""
              + found
              + "\"; this code reads \""
              + reads
              + "\"");
  }
}
