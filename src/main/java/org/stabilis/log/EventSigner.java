package org.stabilis.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.stabilis.log.canonical.Jcs;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/**
 * Builds and signs events for one (party, key), numbering them with increasing {@code seq} (SPEC
 * §2.1–2.2). Used by the command line, the demo and the benchmarks. Not thread-safe.
 */
public final class EventSigner {
  private final String party;
  private final String keyId;
  private final Ed25519PrivateKey key;
  private long seq;

  /**
   * @param lastSeq the last seq this key used; the next event gets lastSeq + 1
   */
  public EventSigner(String party, String keyId, Ed25519PrivateKey key, long lastSeq) {
    if (!Event.isId(party) || !Event.isId(keyId))
      throw new IllegalArgumentException("party and key must be ids matching " + Event.ID);
    this.party = party;
    this.keyId = keyId;
    this.key = key;
    this.seq = lastSeq;
  }

  public String party() {
    return party;
  }

  public String keyId() {
    return keyId;
  }

  public long lastSeq() {
    return seq;
  }

  /** The submission body {"event": ..., "sig": ...} as UTF-8 JSON bytes. */
  public byte[] submission(String type, JsonNode body, Instant time) {
    return toSubmission(sign(type, body, time));
  }

  /**
   * Signs the next event; the caller submits it in-process with {@link
   * LogService#submit(SignedEvent)}.
   */
  public SignedEvent sign(String type, JsonNode body, Instant time) {
    return sign(type, body, time, List.of(), null);
  }

  /**
   * Signs the next event with the top-level fields {@code conceal} of {@code body} concealed (SPEC
   * §2.10): the signed body lists their digests in {@code _sd}, and the returned event carries the
   * disclosures. Salts come from {@code random}, which should be a {@code SecureRandom}.
   */
  public SignedEvent sign(
      String type, JsonNode body, Instant time, Collection<String> conceal, Random random) {
    if (conceal.isEmpty()) return signed(type, body, body, time, Set.of(), List.of());
    if (!body.isObject())
      throw new IllegalArgumentException("only the fields of an object body can be concealed");
    Disclosure.Concealment c = Disclosure.conceal((ObjectNode) body, conceal, random);
    Set<String> names = new java.util.LinkedHashSet<>(conceal);
    names.retainAll(toSet(body.fieldNames()));
    return signed(type, c.body(), body, time, names, c.disclosures());
  }

  private static Set<String> toSet(java.util.Iterator<String> it) {
    Set<String> s = new java.util.HashSet<>();
    it.forEachRemaining(s::add);
    return s;
  }

  private SignedEvent signed(
      String type,
      JsonNode signedBody,
      JsonNode body,
      Instant time,
      Set<String> concealed,
      List<String> disclosures) {
    ObjectNode ev = StrictJson.mapper().createObjectNode();
    ev.put("v", 1);
    ev.put("type", type);
    ev.put("party", party);
    ev.put("key", keyId);
    ev.put("seq", ++seq);
    ev.put("time", DateTimeFormatter.ISO_INSTANT.format(time));
    ev.set("body", signedBody);
    byte[] canonical = Jcs.canonicalize(ev);
    byte[] sig = key.sign(canonical); // SPEC §2.2: Ed25519 over the JCS bytes
    Event event = new Event(type, party, keyId, seq, time, body, ev, concealed);
    return new SignedEvent(
        event, canonical, sig, Base64.getEncoder().encodeToString(sig), disclosures);
  }

  /**
   * The submission {"event": ..., "sig": ..., "disclosures": [...]} (disclosures only when there
   * are any).
   */
  public static byte[] toSubmission(SignedEvent e) {
    StringBuilder json =
        new StringBuilder("{\"event\":")
            .append(new String(e.canonical(), StandardCharsets.UTF_8))
            .append(",\"sig\":\"")
            .append(e.sigBase64())
            .append('"');
    if (!e.disclosures().isEmpty()) {
      // Disclosures are base64url: nothing in them needs escaping in JSON.
      json.append(",\"disclosures\":[");
      for (int i = 0; i < e.disclosures().size(); i++)
        json.append(i == 0 ? "\"" : ",\"").append(e.disclosures().get(i)).append('"');
      json.append(']');
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }
}
