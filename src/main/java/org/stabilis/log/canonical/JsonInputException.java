package org.stabilis.log.canonical;

/**
 * Thrown by {@link StrictJson#parse} when untrusted input is not acceptable JSON. The message says
 * what is wrong and where (line and column, byte offset, or JSON Pointer of the value).
 */
public final class JsonInputException extends Exception {
  public JsonInputException(String message) {
    super(message);
  }

  public JsonInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
