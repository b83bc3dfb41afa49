package org.stabilis.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.stabilis.log.canonical.JsonInputException;
import org.stabilis.log.canonical.StrictJson;

/**
 * A salted disclosure of one top-level body field, as RFC 9901 §4.2.1 defines it for object
 * properties: the base64url (RFC 4648 §5, no padding) of the UTF-8 JSON array {@code [salt, name,
 * value]}. {@code encoded} is the string exactly as sent; the digest is over it, never over a
 * re-serialisation (RFC 9901 §4.2.3).
 */
public record Disclosure(String encoded, String salt, String name, JsonNode value) {

  /** RFC 4648 §5 alphabet without padding. */
  static final Pattern BASE64URL = Pattern.compile("^[A-Za-z0-9_-]*$");

  /** SPEC §2.10: a salt of at least 22 base64url characters, i.e. at least 16 bytes. */
  public static final int MIN_SALT_CHARS = 22;

  /** Random bytes in a salt this code makes (RFC 9901 §9.3 recommends at least 128 bits). */
  public static final int SALT_BYTES = 16;

  /** Names RFC 9901 §4.2.1 reserves for the mechanism itself. */
  public static final List<String> RESERVED = List.of("_sd", "...");

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /** Why a string is not a disclosure; the message says what a party should fix. */
  public static final class Invalid extends Exception {
    public Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** RFC 9901 §4.2.3: base64url of SHA-256 over the US-ASCII bytes of the disclosure string. */
  public static String digest(String encoded) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(encoded.getBytes(StandardCharsets.US_ASCII));
      return B64URL.encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public String digest() {
    return digest(encoded);
  }

  /** A string that has the shape of a digest: base64url of 32 bytes, 43 characters. */
  public static boolean looksLikeDigest(String s) {
    return s.length() == 43
        && BASE64URL.matcher(s).matches()
        && "AEIMQUYcgkosw048".indexOf(s.charAt(42)) >= 0;
  }

  /**
   * Decodes {@code encoded}: base64url without padding, UTF-8, JSON, an array of exactly three
   * elements whose salt is a base64url string of at least 22 characters and whose name is a string.
   * Checks nothing about the name or value beyond their types; the submission does.
   */
  public static Disclosure parse(String encoded) throws Invalid {
    if (encoded.isEmpty()) throw new Invalid("is empty");
    if (!BASE64URL.matcher(encoded).matches())
      throw new Invalid("is not base64url without padding (RFC 4648 §5: A-Z a-z 0-9 - _, no '=')");
    byte[] bytes = decodeBase64Url(encoded);
    if (bytes == null) throw new Invalid("is not base64url: its length leaves a lone character");
    String json;
    try {
      json =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Invalid("does not decode to UTF-8 text");
    }
    JsonNode n;
    try {
      n = StrictJson.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (JsonInputException e) {
      throw new Invalid("does not decode to JSON: " + e.getMessage());
    }
    if (!n.isArray()) throw new Invalid("does not decode to a JSON array [salt, name, value]");
    if (n.size() == 2)
      throw new Invalid(
          "is an array-element disclosure [salt, value] (RFC 9901 §4.2.2), which is not used here; give [salt, name, value]");
    if (n.size() != 3)
      throw new Invalid(
          "decodes to an array of " + n.size() + " elements; expected [salt, name, value]");
    JsonNode salt = n.get(0), name = n.get(1);
    if (!salt.isTextual()) throw new Invalid("its salt is not a string");
    if (!isSalt(salt.textValue()))
      throw new Invalid(
          "its salt must be at least "
              + MIN_SALT_CHARS
              + " base64url characters (at least 16 random bytes, RFC 9901 §9.3)");
    if (!name.isTextual()) throw new Invalid("its name is not a string");
    return new Disclosure(encoded, salt.textValue(), name.textValue(), n.get(2));
  }

  private static boolean isSalt(String s) {
    return s.length() >= MIN_SALT_CHARS && BASE64URL.matcher(s).matches() && s.length() % 4 != 1;
  }

  /**
   * Base64url without padding; unused trailing bits are ignored (SPEC §2.10); null if the length is
   * impossible.
   */
  private static byte[] decodeBase64Url(String s) {
    if (s.length() % 4 == 1) return null;
    try {
      return Base64.getUrlDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Makes a disclosure of {@code name} = {@code value} with a fresh salt of {@link #SALT_BYTES}
   * random bytes from {@code random} (which should be a {@code SecureRandom}).
   */
  public static Disclosure create(String name, JsonNode value, Random random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    ArrayNode a = StrictJson.mapper().createArrayNode();
    a.add(B64URL.encodeToString(salt)).add(name).add(value);
    String json;
    try {
      json = StrictJson.mapper().writeValueAsString(a);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new Disclosure(
        B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8)),
        a.get(0).textValue(),
        name,
        value);
  }

  /** A body with some top-level fields concealed, and the disclosures that reveal them. */
  public record Concealment(ObjectNode body, List<String> disclosures) {}

  /**
   * Conceals the top-level fields {@code names} of {@code body} (SPEC §2.10): each is left out and
   * its digest listed in {@code _sd}, sorted so that the order of the digests reveals nothing of
   * the order of the fields (RFC 9901 §4.2.4.1). Names absent from the body are ignored.
   */
  public static Concealment conceal(ObjectNode body, Collection<String> names, Random random) {
    ObjectNode out = body.deepCopy();
    List<String> disclosures = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    for (String name : names) {
      JsonNode v = out.remove(name);
      if (v == null) continue;
      Disclosure d = create(name, v, random);
      disclosures.add(d.encoded());
      digests.add(d.digest());
    }
    if (!digests.isEmpty()) {
      digests.sort(null);
      ArrayNode sd = out.putArray("_sd");
      digests.forEach(sd::add);
    }
    return new Concealment(out, List.copyOf(disclosures));
  }
}
