package org.stabilis.log.checkpoint;

/**
 * Thrown when a signed note (C2SP signed-note) does not verify. The message says exactly which
 * check failed; a note that throws this must be ignored entirely.
 */
public final class NoteException extends Exception {
  public NoteException(String message) {
    super(message);
  }

  public NoteException(String message, Throwable cause) {
    super(message, cause);
  }
}
