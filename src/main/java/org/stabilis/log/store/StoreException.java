package org.stabilis.log.store;

/** The store could not be read or written. Nothing of a failed write is visible. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
