package org.stabilis.log.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.stabilis.log.crypto.Base64s;

/**
 * A parsed, not yet verified, C2SP signed note (c2sp.org/signed-note "Format"): the text and its
 * signature lines in order.
 *
 * <p>Guarantees of {@link #parse}: the note is valid UTF-8 without control characters other than
 * newline, the text ends in a newline and is separated from at least one signature line by the last
 * blank line, and every signature line is {@code "— <valid key name> <strict base64 of at least 5
 * bytes>"}. Nothing here says who signed it: verify with a {@link NoteKey}, a {@link NoteVerifier}
 * or a {@link Policy}.
 */
public record SignedNote(String text, List<Line> signatures) {
  /** Upper bound on signature lines (signed-note: verifiers SHOULD limit, MUST accept 16). */
  public static final int MAX_SIGNATURES = 100;

  /**
   * Upper bound on note size in UTF-16 chars, to bound work on hostile input (ML-DSA lines are ~3.3
   * kB).
   */
  public static final int MAX_NOTE_CHARS = 1 << 20;

  public SignedNote {
    Objects.requireNonNull(text, "text");
    signatures = List.copyOf(signatures);
  }

  /**
   * One signature line: {@code — <name> base64(keyId || signature)}.
   *
   * @param keyId the first four bytes of the decoded blob
   * @param signature the remaining bytes (algorithm specific)
   * @param line the line as it appeared, without its newline
   */
  public record Line(String name, byte[] keyId, byte[] signature, String line) {
    public Line {
      keyId = keyId.clone();
      signature = signature.clone();
    }

    /**
     * True iff this line's key name and key ID are those of {@code key} (signed-note "Signatures").
     */
    public boolean isBy(NoteKey key) {
      return name.equals(key.name()) && Arrays.equals(keyId, key.keyId());
    }

    @Override
    public byte[] keyId() {
      return keyId.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /**
   * Parses {@code note}.
   *
   * @throws NoteException naming what is malformed (and the signature line's number, from 1)
   */
  public static SignedNote parse(String note) throws NoteException {
    Objects.requireNonNull(note, "note");
    if (note.length() > MAX_NOTE_CHARS) {
      throw new NoteException("note is larger than " + MAX_NOTE_CHARS + " characters");
    }
    // signed-note "Format": valid UTF-8, no ASCII control characters other than newline.
    String bad = Notes.checkNoteChars(note);
    if (bad != null) {
      throw new NoteException("note contains " + bad);
    }
    if (!note.endsWith("\n")) {
      throw new NoteException("note does not end with a newline");
    }
    // The text is separated from the signatures by the last empty line.
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteException("note has no blank line separating the text from the signatures");
    }
    String text = note.substring(0, split + 1);
    String sigBlock = note.substring(split + 2);
    if (sigBlock.isEmpty()) {
      throw new NoteException("note has no signature lines after the blank line");
    }
    String[] lines = sigBlock.substring(0, sigBlock.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new NoteException(
          "note has " + lines.length + " signature lines, more than " + MAX_SIGNATURES);
    }
    List<Line> out = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      out.add(parseLine(lines[i], i + 1));
    }
    return new SignedNote(text, out);
  }

  /**
   * Parses signature lines alone (e.g. the body of a tlog-witness 200 response), each ending in a
   * newline.
   *
   * @throws NoteException naming the malformed line
   */
  public static List<Line> parseSignatureLines(String block) throws NoteException {
    Objects.requireNonNull(block, "block");
    if (block.isEmpty() || !block.endsWith("\n")) {
      throw new NoteException("signature lines must be non-empty and end with a newline");
    }
    String bad = Notes.checkNoteChars(block);
    if (bad != null) {
      throw new NoteException("signature lines contain " + bad);
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new NoteException(lines.length + " signature lines, more than " + MAX_SIGNATURES);
    }
    List<Line> out = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      out.add(parseLine(lines[i], i + 1));
    }
    return out;
  }

  private static Line parseLine(String line, int lineNo) throws NoteException {
    // signed-note "Format": "— <key name> base64(32-bit key ID || signature)"
    if (!line.startsWith(Notes.SIG_PREFIX)) {
      throw new NoteException(
          "malformed signature line " + lineNo + ": does not start with \"\u2014 \"");
    }
    String rest = line.substring(Notes.SIG_PREFIX.length());
    int sp = rest.indexOf(' ');
    if (sp < 0) {
      throw new NoteException(
          "malformed signature line " + lineNo + ": no space between key name and signature");
    }
    String sigName = rest.substring(0, sp);
    if (!Notes.isValidKeyName(sigName)) {
      throw new NoteException("malformed signature line " + lineNo + ": invalid key name");
    }
    byte[] blob;
    try {
      blob = Base64s.decodeStrict(rest.substring(sp + 1));
    } catch (IllegalArgumentException e) {
      throw new NoteException("malformed signature line " + lineNo + ": " + e.getMessage(), e);
    }
    if (blob.length < 5) {
      throw new NoteException(
          "malformed signature line " + lineNo + ": signature shorter than 5 bytes");
    }
    return new Line(
        sigName, Arrays.copyOfRange(blob, 0, 4), Arrays.copyOfRange(blob, 4, blob.length), line);
  }

  /** The note as text: the text, a blank line, and the signature lines in order. */
  public String format() {
    StringBuilder b = new StringBuilder(text).append('\n');
    for (Line l : signatures) b.append(l.line()).append('\n');
    return b.toString();
  }
}
