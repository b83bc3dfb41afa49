package org.stabilis.log.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.erdtman.jcs.NumberToJSON;

/**
 * JSON Canonicalization Scheme (JCS, RFC 8785).
 *
 * <p>Output: no whitespace, object members sorted by the UTF-16 code units of their names (§3.2.3),
 * strings with minimal escaping (§3.2.2.2), numbers serialized as ECMAScript {@code
 * Number.prototype.toString} would (§3.2.2.3), all encoded as UTF-8 (§3.2.4).
 *
 * <p>Every number is taken as an IEEE 754 double, as RFC 8785 §3.2.2.3 specifies: integers beyond
 * ±(2<sup>53</sup>-1) and non-integers are rounded to the nearest double, so the canonical form of
 * a canonical form is itself (a fixed point). Non-finite numbers, numbers that overflow a double,
 * and strings or names with unpaired surrogates (RFC 7493 §2.1) are rejected with {@link
 * IllegalArgumentException}. Refusing numbers outside the I-JSON range (RFC 7493 §2.2) before
 * anything is signed is the submission gate's job.
 */
public final class Jcs {
  /** 2^53 - 1, the largest integer I-JSON guarantees to be exact (RFC 7493 §2.2). */
  private static final BigInteger MAX_SAFE = BigInteger.TWO.pow(53).subtract(BigInteger.ONE);

  private Jcs() {}

  /**
   * Canonicalizes a JSON tree.
   *
   * @throws IllegalArgumentException if the tree holds a value outside the I-JSON domain (see class
   *     docs) or a node that is not plain JSON (binary, POJO, missing)
   */
  public static byte[] canonicalize(JsonNode node) {
    Objects.requireNonNull(node, "node");
    StringBuilder sb = new StringBuilder();
    write(node, sb);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses {@code json} with {@link StrictJson#parse} and canonicalizes it.
   *
   * @throws IllegalArgumentException if the text is rejected by {@link StrictJson} (the cause is
   *     the {@link JsonInputException}) or holds a value outside the I-JSON domain
   */
  public static byte[] canonicalize(String json) {
    Objects.requireNonNull(json, "json");
    if (StrictJson.hasUnpairedSurrogate(json)) {
      throw new IllegalArgumentException("JSON text contains an unpaired UTF-16 surrogate");
    }
    try {
      return canonicalize(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8)));
    } catch (JsonInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static void write(JsonNode node, StringBuilder sb) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>(node.size());
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        // RFC 8785 §3.2.3: sort by UTF-16 code units; String.compareTo does exactly that.
        names.sort(String::compareTo);
        sb.append('{');
        boolean first = true;
        for (String name : names) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          writeString(name, sb);
          sb.append(':');
          write(node.get(name), sb);
        }
        sb.append('}');
      }
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(node.get(i), sb);
        }
        sb.append(']');
      }
      case STRING -> writeString(node.textValue(), sb);
      case NUMBER -> sb.append(number(node));
      // RFC 8785 §3.2.2.1: literals as-is.
      case BOOLEAN -> sb.append(node.booleanValue() ? "true" : "false");
      case NULL -> sb.append("null");
      default ->
          throw new IllegalArgumentException(
              "JCS: cannot canonicalize a " + node.getNodeType() + " node (not plain JSON)");
    }
  }

  private static String number(JsonNode node) {
    if (node.isIntegralNumber()) {
      BigInteger v = node.bigIntegerValue();
      // Exact in a double and below 10^21, so ES6 ToString prints the plain integer.
      if (v.abs().compareTo(MAX_SAFE) <= 0) return v.toString();
      // RFC 8785 §3.2.2.3: every JSON number is an IEEE 754 double. Beyond ±(2^53-1) an
      // integer literal is rounded to its double like any other number, which keeps the
      // canonical form a fixed point (ES6 prints doubles below 10^21 as plain integers).
      // Whether such numbers may be signed at all is the submission gate's call (I-JSON).
      return serialize(v.doubleValue(), node);
    }
    double d;
    if (node.isBigDecimal()) {
      // Correctly rounded decimal-to-double conversion (RFC 8785 §3.2.2.3 works on doubles).
      d = Double.parseDouble(node.decimalValue().toString());
    } else {
      d = node.doubleValue();
    }
    return serialize(d, node);
  }

  private static String serialize(double d, JsonNode node) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException(
          "JCS: number "
              + node.asText()
              + " is not representable as a finite IEEE 754 double (RFC 8785 §3.2.2.3)");
    }
    if (d == 0.0) {
      return "0"; // ES6 Number::toString: -0 and +0 both serialize as "0".
    }
    try {
      // RFC 8785 §3.2.2.3: ECMAScript Number.prototype.toString (ES6 §7.1.12.1).
      return NumberToJSON.serializeNumber(d);
    } catch (IOException e) {
      throw new IllegalArgumentException("JCS: cannot serialize number " + d, e);
    }
  }

  private static void writeString(String s, StringBuilder sb) {
    if (StrictJson.hasUnpairedSurrogate(s)) {
      throw new IllegalArgumentException(
          "JCS: string contains an unpaired UTF-16 surrogate (RFC 7493 §2.1)");
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // RFC 8785 §3.2.2.2: escape only '"', '\\' and control characters; use the short forms
      // \b \t \n \f \r where JSON has them, else backslash-u plus 4 lowercase hex digits.
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\f' -> sb.append("\\f");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
