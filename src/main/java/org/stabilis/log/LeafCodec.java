package org.stabilis.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stabilis.log.canonical.Jcs;
import org.stabilis.log.canonical.JsonInputException;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.merkle.TreeHasher;

/** Leaf data of an entry (SPEC §2.4): encoding on append, decoding on replay and audit. */
public final class LeafCodec {

  /** RFC 3339 UTC with milliseconds, as SPEC §2.4 asks for {@code received}. */
  public static final DateTimeFormatter RECEIVED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private LeafCodec() {}

  /**
   * The JCS bytes of {"event": ..., "received": ..., "sig": ...}. Written directly: RFC 8785 §3.2.3
   * orders the three keys exactly so, the event is already canonical, and neither base64 nor the
   * timestamp contains a character JSON escapes.
   */
  public static byte[] encode(SignedEvent e, Instant received) {
    String rec = RECEIVED.format(received.truncatedTo(ChronoUnit.MILLIS));
    byte[] head = "{\"event\":".getBytes(StandardCharsets.US_ASCII);
    byte[] tail =
        (",\"received\":\"" + rec + "\",\"sig\":\"" + e.sigBase64() + "\"}")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + e.canonical().length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(e.canonical(), 0, out, head.length, e.canonical().length);
    System.arraycopy(tail, 0, out, head.length + e.canonical().length, tail.length);
    return out;
  }

  /** A decoded leaf; thrown {@link BadLeafException} says what is wrong with it. */
  public record Decoded(SignedEvent signed, Instant received) {}

  public static Decoded decode(byte[] data, SubmissionParser parser) throws BadLeafException {
    return decode(data, null, parser);
  }

  /**
   * Decodes and fully checks leaf data with the disclosures stored beside it (SPEC §2.10): every
   * digest of {@code _sd} has exactly one disclosure and every disclosure matches a digest of this
   * entry. {@code disclosures} null: not at hand (a remote log), so only the signed event is
   * checked.
   */
  public static Decoded decode(byte[] data, List<String> disclosures, SubmissionParser parser)
      throws BadLeafException {
    JsonNode root;
    try {
      root = StrictJson.parse(data);
    } catch (JsonInputException e) {
      throw new BadLeafException("leaf data is not valid JSON: " + e.getMessage());
    }
    if (!root.isObject()
        || root.size() != 3
        || !root.has("event")
        || !root.has("sig")
        || !root.has("received"))
      throw new BadLeafException("leaf data must hold exactly event, sig and received");
    if (!java.util.Arrays.equals(Jcs.canonicalize(root), data))
      throw new BadLeafException("leaf data is not in RFC 8785 canonical form");
    Instant received;
    try {
      received = Instant.parse(root.get("received").asText());
    } catch (RuntimeException e) {
      throw new BadLeafException("received is not an RFC 3339 time");
    }
    ObjectNode sub = StrictJson.mapper().createObjectNode();
    sub.set("event", root.get("event"));
    sub.set("sig", root.get("sig"));
    if (disclosures != null && !disclosures.isEmpty()) {
      var arr = sub.putArray("disclosures");
      disclosures.forEach(arr::add);
    }
    SubmissionParser.Result r =
        disclosures == null ? parser.parseWithoutDisclosures(sub) : parser.parseNode(sub);
    if (r.rejection() != null)
      throw new BadLeafException("event is not valid: " + r.rejection().detail());
    return new Decoded(r.event(), received);
  }

  /**
   * Decodes leaf data already accepted into this log's store, for rebuilding projections on start.
   * Skips what {@code verify} re-checks (canonical form, schema, signature): a restart does not
   * re-verify the whole log.
   */
  public static Entry trusted(long index, byte[] data) throws BadLeafException {
    return trusted(index, data, List.of());
  }

  /**
   * Like {@link #trusted(long, byte[])}, with the disclosures stored beside the entry merged into
   * its body (SPEC §2.10): projections see what the party stated.
   */
  public static Entry trusted(long index, byte[] data, List<String> disclosures)
      throws BadLeafException {
    try {
      JsonNode root = StrictJson.mapper().readTree(data);
      JsonNode ev = root.get("event");
      if (ev == null || !ev.isObject()) throw new BadLeafException("leaf data has no event object");
      JsonNode body = ev.path("body");
      Set<String> concealed = Set.of();
      if (body.has("_sd")) {
        if (disclosures.isEmpty())
          throw new BadLeafException(
              "the entry conceals fields but no disclosures are stored beside it");
        ObjectNode merged = body.deepCopy();
        merged.remove("_sd");
        Set<String> names = new LinkedHashSet<>();
        for (String s : disclosures) {
          Disclosure d = Disclosure.parse(s);
          merged.set(d.name(), d.value());
          names.add(d.name());
        }
        body = merged;
        concealed = names;
      }
      Event e =
          new Event(
              ev.path("type").asText(),
              ev.path("party").asText(),
              ev.path("key").asText(),
              ev.path("seq").asLong(),
              SubmissionParser.utc(ev.path("time").asText()),
              body,
              (ObjectNode) ev,
              concealed);
      return new Entry(
          index, e, Instant.parse(root.path("received").asText()), data, TreeHasher.leafHash(data));
    } catch (java.io.IOException | RuntimeException | Disclosure.Invalid e) {
      throw new BadLeafException("leaf data cannot be read: " + e.getMessage());
    }
  }

  public static Entry entry(long index, byte[] data, SubmissionParser parser)
      throws BadLeafException {
    Decoded d = decode(data, parser);
    return new Entry(index, d.signed().event(), d.received(), data, TreeHasher.leafHash(data));
  }

  /** Leaf data that cannot be decoded. */
  public static final class BadLeafException extends Exception {
    public BadLeafException(String message) {
      super(message);
    }
  }
}
