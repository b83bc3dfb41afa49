package org.stabilis.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
  private static final Set<String> ENVELOPE =
      Set.of("v", "type", "party", "key", "seq", "time", "body");
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
      return Result.no(
          Rejection.of(
              ErrorCode.TOO_LARGE,
              "submission is " + body.length + " bytes; the limit is " + MAX_BYTES));
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
      return Result.no(
          Rejection.of(
              ErrorCode.MALFORMED, "expected an object {\"event\": {...}, \"sig\": \"...\"}"));
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("event") && !f.equals("sig") && !f.equals("disclosures"))
        return Result.no(
            Rejection.of(
                ErrorCode.MALFORMED,
                "unexpected top-level field \""
                    + f
                    + "\"; only \"event\", \"sig\" and \"disclosures\" are allowed"));
    }
    JsonNode d = root.get("disclosures");
    List<String> disclosures = new ArrayList<>();
    if (d != null) {
      if (!d.isArray())
        return Result.no(
            Rejection.schema(
                "disclosures", "expected an array of disclosure strings (SPEC §2.10)"));
      for (int i = 0; i < d.size(); i++) {
        if (!d.get(i).isTextual())
          return Result.no(
              Rejection.schema(
                  "disclosures[" + i + "]",
                  "expected a string: the base64url of [salt, name, value]"));
        disclosures.add(d.get(i).textValue());
      }
    }
    return parse(root, disclosures);
  }

  /**
   * Parses a signed event whose disclosures are not at hand (a log read without them): checks the
   * envelope, the shape of {@code _sd} and the visible body, letting concealable fields be absent.
   * The event's {@code body} is then the visible body, {@code _sd} removed.
   */
  public Result parseWithoutDisclosures(JsonNode root) {
    return parse(root, null);
  }

  /** {@code disclosures} null: not known, check what the signed event alone allows. */
  private Result parse(JsonNode root, List<String> disclosures) {
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
      return Result.no(
          Rejection.of(
              ErrorCode.MALFORMED,
              "\"sig\" is not standard padded base64 (RFC 4648 §4): " + e.getMessage()));
    }
    if (sig.length != 64)
      return Result.no(
          Rejection.of(
              ErrorCode.MALFORMED, "\"sig\" must decode to 64 bytes (Ed25519); got " + sig.length));

    ObjectNode event = (ObjectNode) ev;
    Rejection shape = checkEnvelope(event);
    if (shape != null) return Result.no(shape);
    String type = event.get("type").textValue();
    Schema schema = types.bodySchema(type);
    if (schema == null)
      return Result.no(Rejection.schema("event.type", "unknown event type \"" + type + "\""));
    ObjectNode signedBody = (ObjectNode) event.get("body");
    Disclosed merged;
    try {
      merged =
          disclosures == null
              ? visible(signedBody)
              : merge(signedBody, disclosures, types.concealableFields(type));
    } catch (Refused r) {
      return Result.no(r.rejection);
    }
    String unsafe = unsafeNumber(merged.body(), "event.body");
    if (unsafe != null)
      return Result.no(
          Rejection.schema(
              unsafe,
              "number beyond ±(2^53-1), outside I-JSON (RFC 7493 §2.2): it cannot be signed and"
                  + " verified without loss; quantities are integers in the item's base unit"));
    Schema.Problem p =
        disclosures == null && signedBody.has("_sd") && schema instanceof Schema.Obj o
            ? o.check(merged.body(), "event.body", types.concealableFields(type))
            : schema.check(merged.body(), "event.body");
    if (p != null) return Result.no(Rejection.schema(p.path(), p.message()));

    Instant time = utc(event.get("time").textValue());
    Event e =
        new Event(
            type,
            event.get("party").textValue(),
            event.get("key").textValue(),
            event.get("seq").longValue(),
            time,
            merged.body(),
            event,
            merged.names());
    byte[] canonical;
    try {
      canonical = Jcs.canonicalize(event);
    } catch (IllegalArgumentException ex) {
      return Result.no(
          Rejection.schema("event", "cannot be canonicalized (RFC 8785): " + ex.getMessage()));
    }
    return Result.ok(
        new SignedEvent(
            e, canonical, sig, sigNode.textValue(), disclosures == null ? List.of() : disclosures));
  }

  /** The body a party stated, and the names of the fields its disclosures gave. */
  private record Disclosed(ObjectNode body, Set<String> names) {}

  private static final class Refused extends Exception {
    final Rejection rejection;

    Refused(String field, String detail) {
      super(detail, null, false, false);
      this.rejection = Rejection.schema(field, detail);
    }
  }

  /**
   * SPEC §2.10: checks {@code _sd} and the disclosures against each other and the catalogue, and
   * merges them into the body (RFC 9901 §7.1 step 3, restricted to the top level). Every fault is a
   * {@code schema} refusal naming {@code disclosures[i]}, {@code event.body._sd} or {@code
   * event.body.<name>}.
   */
  private static Disclosed merge(ObjectNode body, List<String> disclosures, Set<String> concealable)
      throws Refused {
    List<String> digests = digests(body);
    ObjectNode merged = body.deepCopy();
    merged.remove("_sd");
    checkPlain(merged);
    // RFC 9901 §7.1 step 3.1: the digest of each disclosure, over the string as sent.
    Map<String, Integer> byDigest = new HashMap<>();
    Set<String> salts = new HashSet<>();
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < disclosures.size(); i++) {
      String field = "disclosures[" + i + "]";
      String s = disclosures.get(i);
      Disclosure d;
      try {
        d = Disclosure.parse(s);
      } catch (Disclosure.Invalid ex) {
        throw new Refused(field, "the disclosure " + ex.getMessage());
      }
      if (byDigest.putIfAbsent(d.digest(), i) != null)
        throw new Refused(
            field,
            "the same disclosure as disclosures[" + byDigest.get(d.digest()) + "]; give each once");
      if (!salts.add(d.salt()))
        throw new Refused(
            field,
            "its salt is used by another disclosure of this submission; every disclosure needs its own salt");
      if (Disclosure.RESERVED.contains(d.name()))
        throw new Refused(
            field, "discloses \"" + d.name() + "\", a name reserved by RFC 9901 §4.2.1");
      if (!names.add(d.name()))
        throw new Refused(
            field, "discloses \"" + d.name() + "\" a second time; a field is concealed once");
      if (!digests.contains(d.digest()))
        throw new Refused(
            field,
            "its digest "
                + d.digest()
                + " is not in event.body._sd (a disclosure must match a digest the party signed)");
      if (merged.has(d.name()))
        throw new Refused(
            "event.body." + d.name(),
            "is both a plain field of the body and disclosed by " + field);
      if (!concealable.contains(d.name()))
        throw new Refused(
            "event.body." + d.name(),
            "may not be concealed in this event type; "
                + (concealable.isEmpty()
                    ? "it conceals no field"
                    : "concealable: " + concealable.stream().sorted().toList()));
      String nested = nestedMarker(d.value(), "");
      if (nested != null)
        throw new Refused(
            field,
            "its value holds "
                + nested
                + ": recursive and nested disclosures (RFC 9901 §4.2.6) are not used here");
      merged.set(d.name(), d.value());
    }
    for (String digest : digests)
      if (!byDigest.containsKey(digest))
        throw new Refused(
            "event.body._sd",
            "digest "
                + digest
                + " has no disclosure in \"disclosures\"; decoy digests are not used here");
    return new Disclosed(merged, names);
  }

  /** The visible body of a signed event read without its disclosures. */
  private static Disclosed visible(ObjectNode body) throws Refused {
    digests(body);
    ObjectNode v = body.deepCopy();
    v.remove("_sd");
    checkPlain(v);
    return new Disclosed(v, Set.of());
  }

  /** The digests of {@code _sd}: absent, or a non-empty array of distinct digest strings. */
  private static List<String> digests(ObjectNode body) throws Refused {
    JsonNode sd = body.get("_sd");
    if (sd == null) return List.of();
    if (!sd.isArray() || sd.isEmpty())
      throw new Refused(
          "event.body._sd",
          "expected a non-empty array of digest strings (SPEC §2.10); leave it out when nothing is concealed");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < sd.size(); i++) {
      JsonNode n = sd.get(i);
      if (!n.isTextual() || !Disclosure.looksLikeDigest(n.textValue()))
        throw new Refused(
            "event.body._sd",
            "element "
                + i
                + " is not a digest: base64url without padding of a SHA-256 (43 characters)");
      if (out.contains(n.textValue()))
        throw new Refused(
            "event.body._sd", "digest " + n.textValue() + " appears twice (RFC 9901 §7.1 step 4)");
      out.add(n.textValue());
    }
    return out;
  }

  /**
   * Refuses the parts of RFC 9901 SPEC §2.10 leaves out: {@code _sd_alg}, nested {@code _sd},
   * array-element digests.
   */
  private static void checkPlain(ObjectNode body) throws Refused {
    if (body.has("_sd_alg"))
      throw new Refused(
          "event.body._sd_alg", "is not used here: digests are always SHA-256 (SPEC §2.10)");
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      var f = it.next();
      String nested = nestedMarker(f.getValue(), "");
      if (nested != null)
        throw new Refused(
            "event.body." + f.getKey(),
            "holds " + nested + ": only top-level fields may be concealed (SPEC §2.10)");
    }
  }

  /** Where {@code n} holds an {@code _sd} key or an array-element digest {"...": d}, or null. */
  private static String nestedMarker(JsonNode n, String path) {
    if (n.isObject()) {
      if (n.has("_sd")) return "an \"_sd\" array" + (path.isEmpty() ? "" : " at " + path);
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        var f = it.next();
        String p = nestedMarker(f.getValue(), path + "." + f.getKey());
        if (p != null) return p;
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        JsonNode e = n.get(i);
        if (e.isObject() && e.has("..."))
          return "an array-element digest {\"...\": ...} (RFC 9901 §4.2.4.2) at "
              + path
              + "["
              + i
              + "]";
        String p = nestedMarker(e, path + "[" + i + "]");
        if (p != null) return p;
      }
    }
    return null;
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
      if (!event.has(f) || event.get(f).isNull())
        return Rejection.schema("event." + f, "required field is missing");
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
    if (!seq.isIntegralNumber()
        || !seq.canConvertToLong()
        || seq.asLong() < 1
        || seq.asLong() > MAX_SEQ)
      return Rejection.schema("event.seq", "expected an integer from 1 to 2^53-1");
    JsonNode time = event.get("time");
    if (!time.isTextual() || !RFC3339_UTC.matcher(time.textValue()).matches())
      return Rejection.schema(
          "event.time", "expected an RFC 3339 UTC time such as 2026-11-29T06:00:00Z");
    try {
      utc(time.textValue());
    } catch (DateTimeParseException e) {
      return Rejection.schema("event.time", "not a valid date and time");
    }
    if (!event.get("body").isObject()) return Rejection.schema("event.body", "expected an object");
    return null;
  }
}
