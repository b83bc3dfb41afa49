package org.stabilis.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.stabilis.log.canonical.Jcs;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.crypto.Ed25519PrivateKey;

/**
 * Builds and signs events for one (party, key), numbering them with increasing {@code seq}
 * (SPEC §2.1–2.2). Used by the command line, the demo and the benchmarks. Not thread-safe.
 */
public final class EventSigner {
  private final String party;
  private final String keyId;
  private final Ed25519PrivateKey key;
  private long seq;

  /** @param lastSeq the last seq this key used; the next event gets lastSeq + 1 */
  public EventSigner(String party, String keyId, Ed25519PrivateKey key, long lastSeq) {
    if (!Event.isId(party) || !Event.isId(keyId)) throw new IllegalArgumentException("party and key must be ids matching " + Event.ID);
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

  /** Signs the next event; the caller submits it in-process with {@link LogService#submit(SignedEvent)}. */
  public SignedEvent sign(String type, JsonNode body, Instant time) {
    ObjectNode ev = StrictJson.mapper().createObjectNode();
    ev.put("v", 1);
    ev.put("type", type);
    ev.put("party", party);
    ev.put("key", keyId);
    ev.put("seq", ++seq);
    ev.put("time", DateTimeFormatter.ISO_INSTANT.format(time));
    ev.set("body", body);
    byte[] canonical = Jcs.canonicalize(ev);
    byte[] sig = key.sign(canonical); // SPEC §2.2: Ed25519 over the JCS bytes
    Event event = new Event(type, party, keyId, seq, time, body, ev);
    return new SignedEvent(event, canonical, sig, Base64.getEncoder().encodeToString(sig));
  }

  public static byte[] toSubmission(SignedEvent e) {
    String json = "{\"event\":" + new String(e.canonical(), StandardCharsets.UTF_8) + ",\"sig\":\"" + e.sigBase64() + "\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
