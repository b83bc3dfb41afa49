package org.stabilis.log.checkpoint;

import java.util.Objects;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.merkle.Hash;

/**
 * A transparency log checkpoint body (c2sp.org/tlog-checkpoint): origin, tree size and RFC 6962 /
 * RFC 9162 root hash.
 *
 * <p>Guarantees: the origin is a valid signed-note key name (non-empty, no Unicode spaces, no '+'),
 * the size is non-negative, the root is present. Extension lines are not supported: a body with
 * more than three lines is rejected rather than silently truncated.
 */
public record Checkpoint(String origin, long size, Hash root) {
  public Checkpoint {
    // tlog-checkpoint "Note text" 1: origin MUST be non-empty; we require a valid key name
    // (no spaces, no '+') so that it can also be the log's signing key name.
    Notes.checkKeyName(origin, "checkpoint origin");
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint size must be non-negative, got " + size);
    }
    Objects.requireNonNull(root, "root");
  }

  /** The note text: {@code origin \n size \n base64(root) \n} (tlog-checkpoint "Note text"). */
  public String body() {
    return origin + "\n" + size + "\n" + Base64s.encode(root.bytes()) + "\n";
  }

  /**
   * Parses a checkpoint body as produced by {@link #body()}.
   *
   * @throws IllegalArgumentException if the body is not exactly three newline-terminated lines with
   *     a valid origin, a decimal size without leading zeros that fits a signed 64-bit value, and a
   *     strict base64 32-byte root hash
   */
  public static Checkpoint parseBody(String body) {
    return parse(body, false);
  }

  /**
   * Parses the first three lines of a checkpoint body of any C2SP log: like {@link #parseBody} but
   * extension lines (tlog-checkpoint "Note text" 4, each non-empty) are allowed and ignored.
   * Callers that sign or verify must use the whole body, extension lines included.
   *
   * @throws IllegalArgumentException as {@link #parseBody}, or for an empty extension line
   */
  public static Checkpoint parseHead(String body) {
    return parse(body, true);
  }

  private static Checkpoint parse(String body, boolean extensions) {
    Objects.requireNonNull(body, "body");
    if (!body.endsWith("\n")) {
      throw new IllegalArgumentException("checkpoint body must end with a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new IllegalArgumentException(
          "checkpoint body must have 3 lines (origin, size, root hash), got " + lines.length);
    }
    if (lines.length > 3 && extensions) {
      for (int i = 3; i < lines.length; i++) {
        if (lines[i].isEmpty()) {
          throw new IllegalArgumentException("checkpoint extension line " + (i - 2) + " is empty");
        }
      }
    } else if (lines.length > 3) {
      throw new IllegalArgumentException(
          "checkpoint body has "
              + (lines.length - 3)
              + " extension line(s); extension lines are not supported");
    }
    String sizeLine = lines[1];
    // tlog-checkpoint "Note text" 2: ASCII decimal, no leading zeroes unless the size is 0.
    if (!sizeLine.matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException(
          "checkpoint size line is not a canonical decimal: \"" + sizeLine + "\"");
    }
    long size;
    try {
      size = Long.parseLong(sizeLine);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint size does not fit in 63 bits: " + sizeLine, e);
    }
    // tlog-checkpoint "Note text" 3: standard base64 (RFC 4648 §4) of the root hash.
    byte[] root;
    try {
      root = Base64s.decodeStrict(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint root hash line: " + e.getMessage(), e);
    }
    if (root.length != 32) {
      throw new IllegalArgumentException(
          "checkpoint root hash must be 32 bytes, got " + root.length);
    }
    return new Checkpoint(lines[0], size, Hash.of(root));
  }
}
