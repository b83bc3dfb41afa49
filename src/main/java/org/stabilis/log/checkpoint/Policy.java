package org.stabilis.log.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.stabilis.log.crypto.BadSignatureException;

/**
 * A transparency log trust policy (c2sp.org/tlog-policy): the logs, the witnesses and the quorum of
 * cosignatures a checkpoint needs.
 *
 * <p>Use:
 *
 * <pre>{@code
 * Policy p = Policy.parse(Files.readAllBytes(path));      // PolicyException names the line
 * Policy.Witnessed w = p.verify(note);                     // log signature + every known cosignature
 * w.shortfall().ifPresent(s -> fail(s.message()));         // or p.requireQuorum(note)
 * }</pre>
 *
 * <p>Guarantees: an instance was parsed under every rule of tlog-policy (known keywords, names
 * defined before use and once, {@code none} reserved, 1 ≤ k ≤ n, no member twice in a group, no
 * duplicate log or witness key, exactly one quorum line, only tab, newline and 0x20-0x7E/0x80-0xFF
 * octets); log keys are of type 0x01 or 0x06 and witness keys of type 0x04 or 0x06. {@link #verify}
 * returns only for a well-formed checkpoint note with at least one valid signature by a listed log
 * whose key name is the origin, and in which every signature line by a known key (log or witness)
 * verifies; lines by unknown keys are ignored (signed-note). Immutable and thread-safe.
 */
public final class Policy {
  /** The predefined quorum name that needs no cosignature (tlog-policy "Defining the quorum"). */
  public static final String NONE = "none";

  /** A {@code log <vkey> [<url>]} line. */
  public record Log(NoteKey key, Optional<String> url) {}

  /**
   * A {@code witness <name> <vkey> [<url>]} line; the URL is its tlog-witness submission prefix.
   */
  public record Witness(String name, NoteKey key, Optional<String> url) {}

  /** A {@code group <name> <k> <member>...} line, {@code any} and {@code all} resolved to k. */
  public record Group(String name, int threshold, List<String> members) {
    public Group {
      members = List.copyOf(members);
    }
  }

  /** A valid cosignature by a witness of the policy. */
  public record Cosignature(Witness witness, long timestamp, String line) {}

  /**
   * Why a set of cosignatures does not meet the quorum: {@code group} (a group, or a single
   * witness) has {@code have} of the {@code needed} members it requires; {@code cause} is the first
   * member group that itself falls short, if any.
   */
  public record Shortfall(
      String group,
      int needed,
      List<String> members,
      List<String> have,
      Optional<Shortfall> cause) {
    public Shortfall {
      members = List.copyOf(members);
      have = List.copyOf(have);
    }

    /** The innermost group that falls short (the one to fix first). */
    public String innermost() {
      return cause.map(Shortfall::innermost).orElse(group);
    }

    /** A sentence naming the group, what it needs and what it has. */
    public String message() {
      String m =
          members.size() == 1 && members.get(0).equals(group)
              ? "witness " + group + " has not cosigned"
              : "group "
                  + group
                  + " needs "
                  + needed
                  + " of "
                  + members
                  + " and has "
                  + have.size()
                  + (have.isEmpty() ? "" : " " + have);
      return cause.map(c -> m + "; " + c.message()).orElse(m);
    }
  }

  /**
   * A checkpoint verified against the policy: the log that signed it, every valid cosignature (in
   * the order of the policy's witness lines) and, if the quorum is not met, why.
   */
  public record Witnessed(
      Checkpoint checkpoint,
      String text,
      Log log,
      List<Cosignature> cosignatures,
      Optional<Shortfall> shortfall) {
    public Witnessed {
      cosignatures = List.copyOf(cosignatures);
    }

    public boolean quorumMet() {
      return shortfall.isEmpty();
    }
  }

  private final List<Log> logs;
  private final List<Witness> witnesses;
  private final Map<String, Group> groups;
  private final String quorum;

  private Policy(
      List<Log> logs, List<Witness> witnesses, Map<String, Group> groups, String quorum) {
    this.logs = List.copyOf(logs);
    this.witnesses = List.copyOf(witnesses);
    this.groups = Map.copyOf(groups);
    this.quorum = quorum;
  }

  /** The log lines, in file order. */
  public List<Log> logs() {
    return logs;
  }

  /** The witness lines, in file order (the order cosignatures are served in). */
  public List<Witness> witnesses() {
    return witnesses;
  }

  /** The group definitions by name. */
  public Map<String, Group> groups() {
    return groups;
  }

  /** The quorum name: a witness, a group, or {@link #NONE}. */
  public String quorum() {
    return quorum;
  }

  /** The witness of this name, if any. */
  public Optional<Witness> witness(String name) {
    return witnesses.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /** True iff {@code key} is one of the policy's logs (same name, type and public key). */
  public boolean listsLog(NoteKey key) {
    return logs.stream().anyMatch(l -> l.key().vkey().equals(key.vkey()));
  }

  /** Parses a policy given as text. */
  public static Policy parse(String text) throws PolicyException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses a tlog-policy file.
   *
   * @throws PolicyException naming the line and the rule it breaks
   */
  public static Policy parse(byte[] file) throws PolicyException {
    Objects.requireNonNull(file, "file");
    List<Log> logs = new ArrayList<>();
    List<Witness> witnesses = new ArrayList<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    String quorum = null;
    int lineNo = 0;
    int start = 0;
    while (start < file.length) {
      lineNo++;
      int end = start;
      while (end < file.length && file[end] != '\n') end++;
      byte[] raw = Arrays.copyOfRange(file, start, end);
      start = end + 1;
      // tlog-policy "Character set": only 0x09, 0x0A, 0x20-0x7E and 0x80-0xFF.
      for (int i = 0; i < raw.length; i++) {
        int b = raw[i] & 0xff;
        if (b != 0x09 && (b < 0x20 || b == 0x7f)) {
          throw new PolicyException(
              lineNo, String.format("control character 0x%02x at column %d", b, i + 1));
        }
      }
      String trimmed = latin(raw).strip();
      // tlog-policy "Structure": empty lines and comment lines are ignored.
      if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
      String line = utf8(raw, lineNo);
      // Items are separated by sequences of ASCII space and tab only.
      String[] items = line.replaceAll("^[ \t]+|[ \t]+$", "").split("[ \t]+");
      switch (items[0]) {
        case "log" -> {
          arity(items, 2, 3, "log <vkey> [<url>]", lineNo);
          NoteKey key = key(items[1], lineNo);
          if (key.isCosigner() && key.type() != NoteKey.TYPE_ML_DSA_44) {
            throw new PolicyException(
                lineNo,
                "a log key must be of type 0x01 (Ed25519) or 0x06 (ML-DSA-44),"
                    + " not a cosignature/v1 key");
          }
          for (Log l : logs) {
            if (Arrays.equals(l.key().publicKey(), key.publicKey())) {
              throw new PolicyException(
                  lineNo, "duplicate log: the same public key as log " + l.key().name());
            }
          }
          logs.add(new Log(key, items.length == 3 ? Optional.of(items[2]) : Optional.empty()));
        }
        case "witness" -> {
          arity(items, 3, 4, "witness <name> <vkey> [<url>]", lineNo);
          String name = newName(items[1], witnesses, groups, lineNo);
          NoteKey key = key(items[2], lineNo);
          if (!key.isCosigner()) {
            throw new PolicyException(
                lineNo,
                "witness "
                    + name
                    + ": a witness key must be of type 0x04"
                    + " (cosignature/v1) or 0x06 (ML-DSA-44), not 0x01");
          }
          for (Witness w : witnesses) {
            if (Arrays.equals(w.key().publicKey(), key.publicKey())) {
              throw new PolicyException(
                  lineNo, "duplicate witness: " + name + " has the same public key as " + w.name());
            }
          }
          witnesses.add(
              new Witness(name, key, items.length == 4 ? Optional.of(items[3]) : Optional.empty()));
        }
        case "group" -> {
          if (items.length < 4) {
            throw new PolicyException(
                lineNo, "expected group <name> all|any|<k> <member>..., with at least one member");
          }
          String name = newName(items[1], witnesses, groups, lineNo);
          List<String> members = new ArrayList<>();
          Set<String> seen = new LinkedHashSet<>();
          for (int i = 3; i < items.length; i++) {
            String m = items[i];
            if (m.equals(NONE)) {
              throw new PolicyException(
                  lineNo, "group " + name + ": \"none\" cannot be a group member");
            }
            if (!defined(m, witnesses, groups)) {
              throw new PolicyException(
                  lineNo,
                  "group "
                      + name
                      + ": member "
                      + m
                      + " is not a witness or group defined on an earlier line");
            }
            if (!seen.add(m)) {
              throw new PolicyException(
                  lineNo, "group " + name + ": member " + m + " is listed twice");
            }
            members.add(m);
          }
          int n = members.size();
          int k =
              switch (items[2]) {
                case "all" -> n;
                case "any" -> 1;
                default -> {
                  if (!items[2].matches("[0-9]{1,9}")) {
                    throw new PolicyException(
                        lineNo,
                        "group "
                            + name
                            + ": threshold must be all, any or a"
                            + " decimal number, got \""
                            + items[2]
                            + "\"");
                  }
                  int t = Integer.parseInt(items[2]);
                  if (t < 1 || t > n) {
                    throw new PolicyException(
                        lineNo,
                        "group "
                            + name
                            + ": threshold "
                            + t
                            + " must be between 1 and the number of members ("
                            + n
                            + ")");
                  }
                  yield t;
                }
              };
          groups.put(name, new Group(name, k, members));
        }
        case "quorum" -> {
          arity(items, 2, 2, "quorum <name>", lineNo);
          if (quorum != null) {
            throw new PolicyException(lineNo, "a second quorum line (a policy has exactly one)");
          }
          if (!items[1].equals(NONE) && !defined(items[1], witnesses, groups)) {
            throw new PolicyException(
                lineNo,
                "quorum "
                    + items[1]
                    + " is not none, nor a witness or group defined on an earlier line");
          }
          quorum = items[1];
        }
        default ->
            throw new PolicyException(
                lineNo,
                "unknown keyword \"" + items[0] + "\" (expected log, witness, group or quorum)");
      }
    }
    if (quorum == null) {
      throw new PolicyException(
          0, "the policy has no quorum line (write \"quorum none\" to require no cosignature)");
    }
    return new Policy(logs, witnesses, groups, quorum);
  }

  private static String latin(byte[] raw) {
    return new String(raw, StandardCharsets.ISO_8859_1);
  }

  private static String utf8(byte[] raw, int lineNo) throws PolicyException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new PolicyException(lineNo, "not valid UTF-8 (names and keys must be UTF-8)");
    }
  }

  private static void arity(String[] items, int min, int max, String form, int lineNo)
      throws PolicyException {
    if (items.length < min || items.length > max) {
      throw new PolicyException(lineNo, "expected " + form + ", got " + items.length + " item(s)");
    }
  }

  private static NoteKey key(String vkey, int lineNo) throws PolicyException {
    try {
      return NoteKey.parse(vkey);
    } catch (IllegalArgumentException e) {
      throw new PolicyException(lineNo, e.getMessage());
    }
  }

  private static boolean defined(String name, List<Witness> witnesses, Map<String, Group> groups) {
    return groups.containsKey(name) || witnesses.stream().anyMatch(w -> w.name().equals(name));
  }

  private static String newName(
      String name, List<Witness> witnesses, Map<String, Group> groups, int lineNo)
      throws PolicyException {
    // Witnesses and groups share one namespace; "none" is predefined.
    if (name.equals(NONE)) {
      throw new PolicyException(lineNo, "\"none\" is predefined and cannot be redefined");
    }
    if (defined(name, witnesses, groups)) {
      throw new PolicyException(lineNo, "the name " + name + " is already defined");
    }
    return name;
  }

  /**
   * Whether the witnesses named in {@code cosigned} meet the quorum.
   *
   * @return empty if they do; else the shortfall, starting at the quorum's group
   */
  public Optional<Shortfall> shortfall(Set<String> cosigned) {
    if (quorum.equals(NONE)) return Optional.empty();
    return shortfall(quorum, cosigned);
  }

  private Optional<Shortfall> shortfall(String name, Set<String> cosigned) {
    Group g = groups.get(name);
    if (g == null) {
      return cosigned.contains(name)
          ? Optional.empty()
          : Optional.of(new Shortfall(name, 1, List.of(name), List.of(), Optional.empty()));
    }
    List<String> have = new ArrayList<>();
    Optional<Shortfall> firstCause = Optional.empty();
    for (String m : g.members()) {
      Optional<Shortfall> s = shortfall(m, cosigned);
      if (s.isEmpty()) {
        have.add(m);
      } else if (firstCause.isEmpty() && groups.containsKey(m)) {
        firstCause = s;
      }
    }
    if (have.size() >= g.threshold()) return Optional.empty();
    return Optional.of(new Shortfall(name, g.threshold(), g.members(), have, firstCause));
  }

  /**
   * Verifies a checkpoint note against the policy and collects its cosignatures.
   *
   * @throws NoteException if the note is malformed or not a checkpoint, its origin is not a log of
   *     the policy, no signature by that log verifies, or any signature line by a log or witness
   *     key of the policy fails to verify (the message names the key)
   */
  public Witnessed verify(String note) throws NoteException {
    SignedNote parsed = SignedNote.parse(note);
    Checkpoint cp;
    try {
      cp = Checkpoint.parseHead(parsed.text());
    } catch (IllegalArgumentException e) {
      throw new NoteException("signed note is not a valid checkpoint: " + e.getMessage(), e);
    }
    // tlog-policy "Defining a log": the log's key name is its origin.
    List<Log> candidates = logs.stream().filter(l -> l.key().name().equals(cp.origin())).toList();
    if (candidates.isEmpty()) {
      throw new NoteException("checkpoint origin " + cp.origin() + " is not a log of the policy");
    }
    Log signer = null;
    for (SignedNote.Line line : parsed.signatures()) {
      for (Log l : candidates) {
        if (!line.isBy(l.key())) continue;
        verifyLine(l.key(), parsed.text(), line, "log");
        if (signer == null) signer = l;
      }
    }
    if (signer == null) {
      throw new NoteException(
          "checkpoint has no signature by the log key " + describe(candidates.get(0).key()));
    }
    List<Cosignature> cosignatures = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Witness w : witnesses) {
      for (SignedNote.Line line : parsed.signatures()) {
        if (!line.isBy(w.key())) continue;
        long ts = verifyLine(w.key(), parsed.text(), line, "witness " + w.name());
        if (names.add(w.name())) cosignatures.add(new Cosignature(w, ts, line.line() + "\n"));
      }
    }
    return new Witnessed(cp, parsed.text(), signer, cosignatures, shortfall(names));
  }

  /**
   * Verifies {@code note} as {@link #verify} does and requires the quorum.
   *
   * @throws NoteException as {@link #verify}, or "quorum not met: ..." naming the group that falls
   *     short
   */
  public Witnessed requireQuorum(String note) throws NoteException {
    Witnessed w = verify(note);
    if (w.shortfall().isPresent()) {
      throw new NoteException("quorum not met: " + w.shortfall().get().message());
    }
    return w;
  }

  private static long verifyLine(NoteKey key, String text, SignedNote.Line line, String who)
      throws NoteException {
    try {
      return key.verify(text, line.signature());
    } catch (BadSignatureException e) {
      // signed-note: a failed signature by a known key rejects the whole note.
      throw new NoteException(
          "bad signature by " + who + " (" + describe(key) + "): " + e.getMessage(), e);
    }
  }

  static String describe(NoteKey key) {
    return key.name() + "+" + HexFormat.of().formatHex(key.keyId());
  }

  @Override
  public String toString() {
    return "Policy["
        + logs.size()
        + " log(s), "
        + witnesses.size()
        + " witness(es), quorum "
        + quorum
        + "]";
  }
}
