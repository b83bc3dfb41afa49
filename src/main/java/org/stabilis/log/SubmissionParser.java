package org.stabilis.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import org.stabilis.log.canonical.Jcs;
import org.stabilis.log.canonical.JsonInputException;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.crypto.Base64s;
import org.stabilis.log.schema.Schema;

/**
 * Turns the bytes of a submission (SPEC §2.3) into a {@link SignedEvent}, or the rejection that
 * says exactly what is wrong. Checks only what needs no state: JSON, shape, envelope and body
 * schema. Thread-safe.
 */
public final class SubmissionParser {

  /** SPEC §2.3: at most 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;

  // RFC 3339 §5.6 date-time restricted to UTC ("Z"), as SPEC §2.1 asks.
  // "Z" and "+00:00" both name UTC (RFC 3339 §4.3 gives "-00:00" another meaning: refused).
  private static final Pattern RFC3339_UTC =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|\\+00:00)$");
  private static final Set<String> ENVELOPE = Set.of("v", "type", "party", "key", "seq", "time", "body");
  private static final long MAX_SEQ = (1L << 53) - 1; // I-JSON safe integer, RFC 7493 §2.2

  private final EventTypes types;

  public SubmissionParser(EventTypes types) {
    this.types = types;
  }

  /** The parse result: exactly one of the two is non-null. */
  public record Result(SignedEvent event, Rejection rejection) {
    static Result ok(SignedEvent e) {
      return new Result(e, null);
    }

    static Result no(Rejection r) {
      return new Result(null, r);
    }
  }

  public Result parse(byte[] body) {
    if (body.length > MAX_BYTES)
      return Result.no(Rejection.of(ErrorCode.TOO_LARGE, "submission is " + body.length + " bytes; the limit is " + MAX_BYTES));
    JsonNode root;
    try {
      root = StrictJson.parse(body);
    } catch (JsonInputException e) {
      return Result.no(Rejection.of(ErrorCode.MALFORMED, "not valid JSON: " + e.getMessage()));
    }
    return parseNode(root);
  }

  /** Like {@link #parse(byte[])}, from an already parsed submission object. */
  public Result parseNode(JsonNode root) {
    if (!root.isObject())
      return Result.no(Rejection.of(ErrorCode.MALFORMED, "expected an object {\"event\": {...}, \"sig\": \"...\"}"));
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("event") && !f.equals("sig"))
        return Result.no(Rejection.of(ErrorCode.MALFORMED, "unexpected top-level field \"" + f + "\"; only \"event\" and \"sig\" are allowed"));
    }
    JsonNode ev = root.get("event");
    JsonNode sigNode = root.get("sig");
    if (ev == null || !ev.isObject())
      return Result.no(Rejection.of(ErrorCode.MALFORMED, "\"event\" must be a JSON object"));
    if (sigNode == null || !sigNode.isTextual())
      return Result.no(Rejection.of(ErrorCode.MALFORMED, "\"sig\" must be a base64 string"));
    byte[] sig;
    try {
      sig = Base64s.decodeStrict(sigNode.textValue());
    } catch (IllegalArgumentException e) {
      return Result.no(Rejection.of(ErrorCode.MALFORMED, "\"sig\" is not standard padded base64 (RFC 4648 §4): " + e.getMessage()));
    }
    if (sig.length != 64)
      return Result.no(Rejection.of(ErrorCode.MALFORMED, "\"sig\" must decode to 64 bytes (Ed25519); got " + sig.length));

    ObjectNode event = (ObjectNode) ev;
    Rejection shape = checkEnvelope(event);
    if (shape != null) return Result.no(shape);
    String unsafe = unsafeNumber(event.get("body"), "event.body");
    if (unsafe != null)
      return Result.no(Rejection.schema(unsafe, "number beyond ±(2^53-1), outside I-JSON (RFC 7493 §2.2): it cannot be signed and"
          + " verified without loss; quantities are integers in the item's base unit"));
    String type = event.get("type").textValue();
    Schema schema = types.bodySchema(type);
    if (schema == null)
      return Result.no(Rejection.schema("event.type", "unknown event type \"" + type + "\""));
    Schema.Problem p = schema.check(event.get("body"), "event.body");
    if (p != null) return Result.no(Rejection.schema(p.path(), p.message()));

    Instant time = utc(event.get("time").textValue());
    Event e =
        new Event(type, event.get("party").textValue(), event.get("key").textValue(),
            event.get("seq").longValue(), time, event.get("body"), event);
    byte[] canonical;
    try {
      canonical = Jcs.canonicalize(event);
    } catch (IllegalArgumentException ex) {
      return Result.no(Rejection.schema("event", "cannot be canonicalized (RFC 8785): " + ex.getMessage()));
    }
    return Result.ok(new SignedEvent(e, canonical, sig, sigNode.textValue()));
  }

  /**
   * The path of the first number whose magnitude reaches 2^53, or null. RFC 8785 rounds such
   * numbers to a double, so what a party signs would not be what it wrote; refuse them instead.
   */
  private static String unsafeNumber(JsonNode n, String path) {
    if (n.isNumber()) {
      java.math.BigDecimal v = n.decimalValue().abs();
      return v.compareTo(SAFE_LIMIT) >= 0 ? path : null;
    }
    if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        String p = unsafeNumber(n.get(i), path + "[" + i + "]");
        if (p != null) return p;
      }
    } else if (n.isObject()) {
      for (Iterator<java.util.Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        var f = it.next();
        String p = unsafeNumber(f.getValue(), path + "." + f.getKey());
        if (p != null) return p;
      }
    }
    return null;
  }

  private static final java.math.BigDecimal SAFE_LIMIT = new java.math.BigDecimal(1L << 53);

  /** An RFC 3339 UTC time already matched by {@link #RFC3339_UTC}. */
  static Instant utc(String s) {
    return java.time.OffsetDateTime.parse(s).toInstant();
  }

  private static Rejection checkEnvelope(ObjectNode event) {
    for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ENVELOPE.contains(f)) return Rejection.schema("event." + f, "unknown field");
    }
    for (String f : new String[] {"v", "type", "party", "key", "seq", "time", "body"}) {
      if (!event.has(f) || event.get(f).isNull()) return Rejection.schema("event." + f, "required field is missing");
    }
    JsonNode v = event.get("v");
    if (!v.isIntegralNumber() || v.asLong() != 1 || !v.canConvertToInt())
      return Rejection.schema("event.v", "must be 1");
    if (!event.get("type").isTextual()) return Rejection.schema("event.type", "expected a string");
    for (String f : new String[] {"party", "key"}) {
      JsonNode n = event.get(f);
      if (!n.isTextual() || !Event.isId(n.textValue()))
        return Rejection.schema("event." + f, "expected an id matching " + Event.ID.pattern());
    }
    JsonNode seq = event.get("seq");
    if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() < 1 || seq.asLong() > MAX_SEQ)
      return Rejection.schema("event.seq", "expected an integer from 1 to 2^53-1");
    JsonNode time = event.get("time");
    if (!time.isTextual() || !RFC3339_UTC.matcher(time.textValue()).matches())
      return Rejection.schema("event.time", "expected an RFC 3339 UTC time such as 2026-11-29T06:00:00Z");
    try {
      utc(time.textValue());
    } catch (DateTimeParseException e) {
      return Rejection.schema("event.time", "not a valid date and time");
    }
    if (!event.get("body").isObject()) return Rejection.schema("event.body", "expected an object");
    return null;
  }
}
