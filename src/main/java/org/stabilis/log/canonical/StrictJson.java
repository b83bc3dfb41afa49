package org.stabilis.log.canonical;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Strict JSON (RFC 8259) parsing for untrusted input.
 *
 * <p>{@link #parse} accepts only a single JSON value encoded as well-formed UTF-8 (RFC 3629) and
 * rejects: malformed JSON, trailing content, a byte-order mark, duplicate object keys (RFC 8259 §4
 * / RFC 7493 §2.3), {@code NaN}/{@code Infinity} and other non-standard tokens, nesting deeper than
 * {@value #MAX_NESTING_DEPTH}, strings or names longer than {@value #MAX_STRING_CHARS} characters,
 * numbers longer than {@value #MAX_NUMBER_CHARS} characters, and unpaired UTF-16 surrogates
 * produced by {@code \}{@code u} escapes (RFC 7493 §2.1). Floating-point numbers are read as {@link
 * java.math.BigDecimal}, so no precision is lost before canonicalization.
 */
public final class StrictJson {
  public static final int MAX_NESTING_DEPTH = 64;
  public static final int MAX_STRING_CHARS = 1 << 20;
  public static final int MAX_NUMBER_CHARS = 100;

  private static final ObjectMapper READER = newMapper();
  private static final ObjectMapper WRITER = newMapper();

  private StrictJson() {}

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_STRING_CHARS)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .build();
  }

  /**
   * Parses one JSON value from strict UTF-8 bytes.
   *
   * @throws JsonInputException with a message naming the problem and its position
   */
  public static JsonNode parse(byte[] utf8) throws JsonInputException {
    Objects.requireNonNull(utf8, "utf8");
    String text = decodeUtf8(utf8);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      // RFC 8259 §8.1: implementations MUST NOT add a byte order mark.
      throw new JsonInputException(
          "JSON input starts with a byte-order mark (U+FEFF), which is not allowed");
    }
    JsonNode node;
    try {
      node = READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new JsonInputException(
          "invalid JSON: " + e.getOriginalMessage() + where(e.getLocation()), e);
    } catch (NumberFormatException e) {
      // Jackson's number parser refuses some literals (e.g. 1e99999999999) with an unchecked
      // exception; it is still the input's fault, found by fuzzing (JcsFuzzTest).
      throw new JsonInputException("invalid JSON: a number cannot be read: " + e.getMessage(), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new JsonInputException("invalid JSON: input is empty (no JSON value)");
    }
    checkSurrogates(node, "");
    return node;
  }

  /**
   * The shared mapper for writing JSON (and for reading trusted JSON): dates as ISO strings, the
   * same parser constraints as {@link #parse}. It is a separate instance from the one {@link
   * #parse} uses, so reconfiguring it cannot weaken {@link #parse}; do not reconfigure it.
   */
  public static ObjectMapper mapper() {
    return WRITER;
  }

  private static String decodeUtf8(byte[] utf8) throws JsonInputException {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(utf8);
    CharBuffer out = CharBuffer.allocate(utf8.length);
    // RFC 3629 §3: the JDK decoder rejects overlong forms, encoded surrogates and > U+10FFFF.
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      throw new JsonInputException("invalid UTF-8 at byte offset " + in.position());
    }
    r = dec.flush(out);
    if (r.isError()) {
      throw new JsonInputException("invalid UTF-8 at end of input");
    }
    out.flip();
    return out.toString();
  }

  private static String where(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return " (at line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }

  /** Rejects unpaired surrogates in names and string values; reports a JSON Pointer. */
  private static void checkSurrogates(JsonNode node, String pointer) throws JsonInputException {
    if (node.isTextual()) {
      if (hasUnpairedSurrogate(node.textValue())) {
        throw new JsonInputException(
            "string value at JSON Pointer \""
                + pointer
                + "\" contains an unpaired UTF-16 surrogate (\\uD800-\\uDFFF escape)");
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
        if (hasUnpairedSurrogate(e.getKey())) {
          throw new JsonInputException(
              "object member name at JSON Pointer \""
                  + pointer
                  + "\" contains an unpaired UTF-16 surrogate (\\uD800-\\uDFFF escape)");
        }
        checkSurrogates(e.getValue(), child);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkSurrogates(node.get(i), pointer + "/" + i);
      }
    }
  }

  static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
