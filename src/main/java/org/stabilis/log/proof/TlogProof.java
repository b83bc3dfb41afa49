package org.stabilis.log.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.merkle.Hash;

/**
 * An offline proof that a log holds an entry (c2sp.org/tlog-proof@v1): optional extra data, the
 * entry's index, its inclusion proof and the checkpoint the proof leads to, verbatim.
 *
 * <p>Guarantees: {@link #parse} accepts exactly the text {@link #text} writes, and {@code
 * parse(p.text())} equals {@code p}. Nothing here is verified: the extra data and the checkpoint
 * are as untrusted as the file they came in.
 *
 * @param extra the opaque extra data, or null when the proof has no {@code extra} line
 * @param checkpoint the signed note as the log served it, signatures included
 */
public record TlogProof(byte[] extra, long index, List<Hash> path, String checkpoint) {
  /** The first line of every proof. */
  public static final String HEADER = "c2sp.org/tlog-proof@v1";

  public TlogProof {
    if (index < 0) throw new IllegalArgumentException("index must be non-negative, got " + index);
    path = List.copyOf(path);
    Objects.requireNonNull(checkpoint, "checkpoint");
    extra = extra == null ? null : extra.clone();
  }

  @Override
  public byte[] extra() {
    return extra == null ? null : extra.clone();
  }

  /** The proof as a file holds it. */
  public String text() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    // tlog-proof "Format": "extra" and standard base64, only when there is extra data.
    if (extra != null) b.append("extra ").append(Base64s.encode(extra)).append('\n');
    b.append("index ").append(index).append('\n');
    // One hash per line, from the leaf's sibling up to the root's child (RFC 6962 §2.1.1).
    for (Hash h : path) b.append(h.base64()).append('\n');
    return b.append('\n').append(checkpoint).toString();
  }

  /**
   * Parses a proof.
   *
   * @throws IllegalArgumentException naming the line that is wrong and why
   */
  public static TlogProof parse(String text) {
    Objects.requireNonNull(text, "text");
    int[] pos = {0};
    int[] lineNo = {0};
    String first = nextLine(text, pos, lineNo);
    if (!HEADER.equals(first)) throw bad(1, "the first line must be \"" + HEADER + "\"");
    String line = nextLine(text, pos, lineNo);
    byte[] extra = null;
    if (line != null && line.startsWith("extra ")) {
      try {
        extra = Base64s.decodeStrict(line.substring(6));
      } catch (IllegalArgumentException e) {
        throw bad(lineNo[0], "the extra data is not standard padded base64: " + e.getMessage());
      }
      line = nextLine(text, pos, lineNo);
    }
    if (line == null || !line.startsWith("index ")) throw bad(lineNo[0], "expected \"index N\"");
    String digits = line.substring(6);
    // tlog-proof: an ASCII decimal with no leading zeroes unless the index is 0.
    if (!digits.matches("0|[1-9][0-9]{0,18}"))
      throw bad(lineNo[0], "the index is not a decimal without leading zeroes: \"" + digits + "\"");
    long index;
    try {
      index = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw bad(lineNo[0], "the index does not fit in 63 bits");
    }
    List<Hash> path = new ArrayList<>();
    while (true) {
      line = nextLine(text, pos, lineNo);
      if (line == null)
        throw bad(lineNo[0], "the proof ends before the blank line and the checkpoint");
      if (line.isEmpty()) break;
      try {
        path.add(Hash.fromBase64(line));
      } catch (IllegalArgumentException e) {
        throw bad(
            lineNo[0],
            "inclusion proof line "
                + (path.size() + 1)
                + " is not a base64 SHA-256 hash: "
                + e.getMessage());
      }
    }
    String checkpoint = text.substring(pos[0]);
    if (checkpoint.isEmpty())
      throw bad(lineNo[0] + 1, "the checkpoint is missing after the blank line");
    return new TlogProof(extra, index, path, checkpoint);
  }

  private static String nextLine(String text, int[] pos, int[] lineNo) {
    if (pos[0] >= text.length()) return null;
    int nl = text.indexOf('\n', pos[0]);
    lineNo[0]++;
    if (nl < 0) throw bad(lineNo[0], "the line does not end with a newline");
    String line = text.substring(pos[0], nl);
    pos[0] = nl + 1;
    return line;
  }

  private static IllegalArgumentException bad(int line, String why) {
    return new IllegalArgumentException("tlog-proof line " + line + ": " + why);
  }
}
