package org.stabilis.log.proof;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.stabilis.log.Event;
import org.stabilis.log.LeafCodec;
import org.stabilis.log.SubmissionParser;
import org.stabilis.log.checkpoint.NoteException;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.crypto.BadSignatureException;
import org.stabilis.log.crypto.Ed25519PublicKey;
import org.stabilis.log.crypto.InvalidKeyException;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.ProofException;
import org.stabilis.log.merkle.ProofVerifier;
import org.stabilis.log.merkle.TreeHasher;

/**
 * Checks an offline proof (SPEC §2.8, c2sp.org/tlog-proof "Verifying a tlog proof") with no
 * network: the leaf hash from the extra data, the log's signature and the quorum of cosignatures
 * under a policy, the inclusion proof, and, given the party's key, the event's own signature; given
 * disclosures (SPEC §2.10), that each is one the entry's {@code _sd} commits to.
 *
 * <p>{@link #check} returns only if every check holds; otherwise it throws a {@link Failure} naming
 * the first that does not. Stateless and thread-safe.
 */
public final class ProofCheck {

  /** A check that did not hold: {@code what} names it (a stable word), {@code detail} says why. */
  public static final class Failure extends Exception {
    private final String what;

    public Failure(String what, String detail) {
      super(what + ": " + detail);
      this.what = what;
    }

    public String what() {
      return what;
    }
  }

  /** What held: the entry, and one line per check, in order. */
  public record Checked(
      long index,
      long size,
      Event event,
      byte[] leafData,
      List<String> checks,
      List<String> disclosed) {}

  private final Policy policy;
  private final SubmissionParser parser;

  public ProofCheck(Policy policy, SubmissionParser parser) {
    this.policy = policy;
    this.parser = parser;
  }

  /**
   * @param partyKey the signing party's key, when the verifier has it (SPEC §2.8 {@code --key})
   * @param disclosures disclosure strings to check against the entry's {@code _sd}
   */
  public Checked check(
      String proofText, Optional<Ed25519PublicKey> partyKey, List<String> disclosures)
      throws Failure {
    List<String> done = new ArrayList<>();
    TlogProof proof;
    try {
      proof = TlogProof.parse(proofText);
    } catch (IllegalArgumentException e) {
      throw new Failure("format", e.getMessage());
    }
    byte[] data = proof.extra();
    if (data == null)
      throw new Failure(
          "extra",
          "the proof has no extra line; a Stabilis proof carries the entry's leaf data there");
    // tlog-proof step 1, application specific: SPEC §2.4, the leaf hash of the exact leaf data.
    Hash leaf = TreeHasher.leafHash(data);
    LeafCodec.Decoded entry;
    try {
      entry = LeafCodec.decode(data, parser);
    } catch (LeafCodec.BadLeafException e) {
      throw new Failure("extra", "the extra data is not a Stabilis entry: " + e.getMessage());
    }
    done.add(
        "leaf hash "
            + leaf.base64()
            + " recomputed from the extra data (an entry of type "
            + entry.signed().event().type()
            + ")");

    // Steps 2 and 3: a log of the policy signed the checkpoint; the cosignatures meet the quorum.
    Policy.Witnessed w;
    try {
      w = policy.verify(proof.checkpoint());
    } catch (NoteException e) {
      throw new Failure("checkpoint", e.getMessage());
    }
    done.add(
        "checkpoint signed by the log "
            + w.log().key().name()
            + " of the policy (size "
            + w.checkpoint().size()
            + ")");
    if (w.shortfall().isPresent()) throw new Failure("quorum", w.shortfall().get().message());
    List<String> names = w.cosignatures().stream().map(c -> c.witness().name()).toList();
    done.add(
        policy.quorum().equals(Policy.NONE)
            ? "quorum none: no cosignature required"
            : "quorum " + policy.quorum() + " met by cosignatures of " + String.join(", ", names));

    // Step 4: the inclusion proof binds the leaf hash to the signed root.
    long size = w.checkpoint().size();
    try {
      ProofVerifier.verifyInclusion(proof.index(), size, leaf, proof.path(), w.checkpoint().root());
    } catch (ProofException e) {
      throw new Failure(
          "inclusion",
          "entry " + proof.index() + " in the tree of " + size + ": " + e.getMessage());
    }
    done.add(
        "inclusion proof of entry "
            + proof.index()
            + " in the tree of "
            + size
            + " leaves ("
            + proof.path().size()
            + " hashes)");

    Event ev = entry.signed().event();
    Optional<Ed25519PublicKey> key = partyKey;
    String keySource = "the given key";
    if (key.isEmpty()) {
      key = ownKey(ev);
      keySource = "the key the entry itself registers";
    }
    if (key.isPresent()) {
      try {
        key.get().verify(entry.signed().canonical(), entry.signed().sig());
      } catch (BadSignatureException e) {
        throw new Failure(
            "signature",
            "the event's signature does not verify with "
                + keySource
                + " (party "
                + ev.party()
                + ", key "
                + ev.key()
                + ")");
      }
      done.add(
          "event signature by party "
              + ev.party()
              + " key "
              + ev.key()
              + " verified with "
              + keySource);
    } else {
      done.add(
          "event signature not checked: pass --key with party " + ev.party() + "'s public key");
    }

    List<String> disclosed = new ArrayList<>();
    JsonNode sd = ev.body().path("_sd");
    for (int i = 0; i < disclosures.size(); i++) {
      String d = disclosures.get(i);
      String digest = digest(d);
      boolean found = false;
      for (JsonNode n : sd) found |= n.isTextual() && n.asText().equals(digest);
      if (!found)
        throw new Failure(
            "disclosure",
            "disclosure "
                + (i + 1)
                + " has digest "
                + digest
                + ", which the entry's _sd "
                + (sd.isArray() ? "does not list" : "cannot list: the entry conceals nothing"));
      disclosed.add(describe(d));
      done.add("disclosure " + (i + 1) + " matches a digest of the entry's _sd: " + describe(d));
    }
    return new Checked(proof.index(), size, ev, data, List.copyOf(done), List.copyOf(disclosed));
  }

  /**
   * SPEC §2.10: base64url without padding of SHA-256 over the ASCII bytes of the disclosure string
   * as given (RFC 9901 §4.2.3).
   */
  public static String digest(String disclosure) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(disclosure.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * {@code name = value} of a disclosure {@code [salt, name, value]}, or a note that it does not
   * decode.
   */
  private static String describe(String disclosure) {
    try {
      JsonNode a =
          org.stabilis.log.canonical.StrictJson.mapper()
              .readTree(Base64.getUrlDecoder().decode(disclosure));
      if (a.isArray() && a.size() == 3 && a.get(1).isTextual())
        return a.get(1).asText() + " = " + a.get(2);
    } catch (java.io.IOException | IllegalArgumentException e) {
      // described below
    }
    return "(not a [salt, name, value] disclosure)";
  }

  /**
   * The genesis case of SPEC §2.8: a party registering itself carries its own key, so the signature
   * can be checked with no key from outside.
   */
  private static Optional<Ed25519PublicKey> ownKey(Event ev) {
    if (!ev.type().equals("party.registered") || !ev.party().equals(ev.body().path("id").asText()))
      return Optional.empty();
    for (JsonNode k : ev.body().path("keys")) {
      if (k.path("id").asText().equals(ev.key())) {
        try {
          return Optional.of(Ed25519PublicKey.fromBase64(k.path("public").asText()));
        } catch (InvalidKeyException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
