package org.stabilis.witness;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.Cosigner;
import org.stabilis.log.checkpoint.NoteException;
import org.stabilis.log.checkpoint.NoteKey;
import org.stabilis.log.checkpoint.SignedNote;
import org.stabilis.log.crypto.BadSignatureException;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.ProofException;
import org.stabilis.log.merkle.ProofVerifier;
import org.stabilis.log.merkle.TreeHasher;

/**
 * The witness's {@code add-checkpoint} (c2sp.org/tlog-witness): checks a checkpoint against the
 * latest one it cosigned for that log and, if it is consistent, records it and cosigns it.
 *
 * <p>Guarantees: it cosigns a checkpoint only after it has durably recorded it as the latest, in
 * the same transaction that checked it against the previous latest; so whatever the order,
 * concurrency or interruption of requests, every checkpoint it ever cosigned for one origin is
 * consistent with every other, and the recorded size never decreases.
 */
public final class Witness {
  /** tlog-witness: "The client MUST NOT send more than 63 consistency proof lines." */
  public static final int MAX_PROOF_LINES = 63;

  /** What {@code add-checkpoint} answers. */
  public sealed interface Response {
    int status();
  }

  /** 200: the cosignature lines, each ending in a newline. */
  public record Cosigned(String lines) implements Response {
    public int status() {
      return 200;
    }
  }

  /** 409: the size of the latest checkpoint it cosigned for the origin (0 if none). */
  public record Conflict(long size) implements Response {
    public int status() {
      return 409;
    }
  }

  /** 400, 403, 404 or 422 with a message saying why. */
  public record Refused(int status, String message) implements Response {}

  private final List<Cosigner> cosigners;
  private final Map<String, List<NoteKey>> logs;
  private final WitnessStore store;

  /**
   * @param cosigners its keys, in the order their lines are returned (at least one)
   * @param logKeys the trusted log keys; each key's name is the origin of its log
   */
  public Witness(List<Cosigner> cosigners, List<NoteKey> logKeys, WitnessStore store) {
    if (cosigners.isEmpty()) throw new IllegalArgumentException("a witness needs a cosigning key");
    this.cosigners = List.copyOf(cosigners);
    Map<String, List<NoteKey>> m = new LinkedHashMap<>();
    for (NoteKey k : logKeys) m.computeIfAbsent(k.name(), o -> new ArrayList<>()).add(k);
    this.logs = Map.copyOf(m);
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The verifier keys of this witness, in the order of its cosignature lines. */
  public List<NoteKey> verifierKeys() {
    return cosigners.stream().map(Cosigner::verifierKey).toList();
  }

  /**
   * Handles one {@code add-checkpoint} request body.
   *
   * @param now the POSIX time in seconds the cosignature carries (must be positive: tlog-witness
   *     forbids a zero timestamp)
   */
  public Response addCheckpoint(byte[] body, long now) {
    if (now <= 0) throw new IllegalArgumentException("the cosignature time must be positive");
    Request req;
    try {
      req = Request.parse(body);
    } catch (IllegalArgumentException e) {
      return new Refused(400, e.getMessage());
    }
    SignedNote note;
    Checkpoint cp;
    try {
      note = SignedNote.parse(req.checkpoint());
      cp = Checkpoint.parseHead(note.text());
    } catch (NoteException | IllegalArgumentException e) {
      return new Refused(400, "malformed checkpoint: " + e.getMessage());
    }
    List<NoteKey> trusted = logs.get(cp.origin());
    if (trusted == null) {
      return new Refused(404, "unknown log origin " + cp.origin());
    }
    // tlog-witness: 403 if no signature by a trusted key, or one by a trusted key fails,
    // even if another verifies. Signatures of unknown keys are ignored.
    List<String> logLines = new ArrayList<>();
    for (SignedNote.Line line : note.signatures()) {
      for (NoteKey k : trusted) {
        if (!line.isBy(k)) continue;
        try {
          k.verify(note.text(), line.signature());
        } catch (BadSignatureException e) {
          return new Refused(
              403,
              "the signature by the log key "
                  + k.name()
                  + "+"
                  + HexFormat.of().formatHex(k.keyId())
                  + " does not verify: "
                  + e.getMessage());
        }
        logLines.add(line.line());
      }
    }
    if (logLines.isEmpty()) {
      return new Refused(
          403, "the checkpoint carries no signature by a trusted key of " + cp.origin());
    }
    if (req.old() > cp.size()) {
      return new Refused(
          400, "old size " + req.old() + " is above the checkpoint size " + cp.size());
    }
    // RFC 6962 §2.1: the empty tree's root is the hash of the empty string.
    if (cp.size() == 0 && !cp.root().equals(TreeHasher.emptyRoot())) {
      return new Refused(422, "a checkpoint of size 0 must have the empty tree's root");
    }
    if (req.old() == 0 && !req.proof().isEmpty()) {
      return new Refused(
          422,
          "old size 0 takes an empty consistency proof; got " + req.proof().size() + " line(s)");
    }
    StringBuilder stored = new StringBuilder(note.text()).append('\n');
    for (String l : logLines) stored.append(l).append('\n');
    return store.update(
        cp.origin(),
        latest -> {
          long known = latest.map(WitnessStore.Latest::size).orElse(0L);
          if (req.old() != known) {
            return WitnessStore.Decision.answer(new Conflict(known));
          }
          // Old size 0: the empty tree is consistent with every tree, so no proof is needed.
          if (latest.isPresent()) {
            Hash knownRoot = latest.get().root();
            if (req.old() == cp.size()) {
              if (!knownRoot.equals(cp.root())) {
                return WitnessStore.Decision.answer(
                    new Refused(
                        422,
                        "checkpoint of size "
                            + cp.size()
                            + " has root "
                            + cp.root().base64()
                            + ", but the one cosigned has "
                            + knownRoot.base64()));
              }
              if (!req.proof().isEmpty()) {
                return WitnessStore.Decision.answer(
                    new Refused(422, "a consistency proof between equal sizes is empty"));
              }
            } else if (req.old() > 0) {
              try {
                // RFC 6962 §2.1.2 / RFC 9162 §2.1.4.2.
                ProofVerifier.verifyConsistency(
                    req.old(), cp.size(), knownRoot, cp.root(), req.proof());
              } catch (ProofException e) {
                return WitnessStore.Decision.answer(
                    new Refused(
                        422,
                        "consistency proof from "
                            + req.old()
                            + " to "
                            + cp.size()
                            + " does not verify: "
                            + e.getMessage()));
              }
            }
          }
          StringBuilder lines = new StringBuilder();
          for (Cosigner c : cosigners) lines.append(c.cosign(note.text(), now));
          String kept = stored.toString() + lines;
          return WitnessStore.Decision.write(
              new WitnessStore.Latest(cp.size(), cp.root(), kept, now),
              new Cosigned(lines.toString()));
        });
  }

  /**
   * The latest checkpoint cosigned for {@code origin}, with the log's signatures it verified and
   * its own cosignatures (tlog-witness "Monitor Retrieval Mechanism").
   */
  public Optional<String> latest(String origin) {
    return store.latest(origin).map(WitnessStore.Latest::note);
  }

  /** The origins it witnesses. */
  public List<String> origins() {
    return List.copyOf(logs.keySet());
  }

  /** A parsed {@code add-checkpoint} body: the old size, the proof and the checkpoint note. */
  record Request(long old, List<Hash> proof, String checkpoint) {
    /**
     * @throws IllegalArgumentException naming what is malformed (a 400)
     */
    static Request parse(byte[] body) {
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("the request body is not UTF-8");
      }
      int nl = text.indexOf('\n');
      if (nl < 0) throw new IllegalArgumentException("the request has no old size line");
      String oldLine = text.substring(0, nl);
      // tlog-witness: "old", one space, ASCII decimal without leading zeroes.
      if (!oldLine.matches("old (0|[1-9][0-9]{0,18})")) {
        throw new IllegalArgumentException(
            "the first line must be \"old <size>\" in decimal without leading zeroes");
      }
      long old;
      try {
        old = Long.parseLong(oldLine.substring(4));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("old size does not fit in 63 bits");
      }
      List<Hash> proof = new ArrayList<>();
      int pos = nl + 1;
      while (true) {
        int end = text.indexOf('\n', pos);
        if (end < 0)
          throw new IllegalArgumentException("the request has no empty line before the checkpoint");
        String line = text.substring(pos, end);
        pos = end + 1;
        if (line.isEmpty()) break;
        if (proof.size() == MAX_PROOF_LINES) {
          throw new IllegalArgumentException(
              "more than " + MAX_PROOF_LINES + " consistency proof lines");
        }
        try {
          proof.add(Hash.of(Base64s.decodeStrict(line)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "consistency proof line " + (proof.size() + 1) + ": " + e.getMessage());
        }
      }
      return new Request(old, List.copyOf(proof), text.substring(pos));
    }
  }
}
