package org.stabilis.log.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.stabilis.log.Event;

/**
 * The shape of a JSON value: required and optional fields and their types. {@link #check} returns
 * the first problem as {@link Problem} naming the field path, or null when the value fits. Schemas
 * are immutable and thread-safe.
 */
public sealed interface Schema {

  /** A mismatch: the dotted path of the field and what is wrong with it. */
  record Problem(String path, String message) {}

  Problem check(JsonNode value, String path);

  // ---- factories -------------------------------------------------------------------------

  static Schema text(int maxLength) {
    return new Text(maxLength, null);
  }

  static Schema id() {
    return new Text(64, Event.ID);
  }

  static Schema sha256() {
    return new Text(64, Pattern.compile("^[0-9a-f]{64}$"));
  }

  static Schema pattern(String regex, int maxLength) {
    return new Text(maxLength, Pattern.compile(regex));
  }

  /**
   * A GS1 key of {@code digits} digits whose last digit is its check digit (GS1 General
   * Specifications §7.9.1): a GLN is 13, a GTIN-14 is 14.
   */
  static Schema gs1Key(int digits) {
    return new Gs1Key(digits);
  }

  /**
   * The GS1 mod-10 check digit of {@code digits} (General Specifications §7.9.1: weights 3, 1, 3, …
   * from the right).
   */
  static char gs1CheckDigit(String digits) {
    int sum = 0;
    for (int i = digits.length() - 1, w = 3; i >= 0; i--, w = 4 - w)
      sum += (digits.charAt(i) - '0') * w;
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  static Schema oneOf(String... values) {
    return new OneOf(Set.of(values));
  }

  static Schema integer(long min, long max) {
    return new Int(min, max);
  }

  static Schema bool() {
    return new Bool();
  }

  /** A calendar date, YYYY-MM-DD (RFC 3339 full-date). */
  static Schema date() {
    return new Date();
  }

  /** A GeoJSON position [lon, lat] in WGS84 (RFC 7946 §3.1.1). */
  static Schema point() {
    return new Point();
  }

  static Schema array(Schema items, int minItems, int maxItems) {
    return new Arr(items, minItems, maxItems);
  }

  /** A JSON object whose content a module checks itself (e.g. GeoJSON, EPCIS). */
  static Schema anyObject() {
    return new AnyObject();
  }

  static ObjectBuilder object() {
    return new ObjectBuilder();
  }

  /** Builds an object schema; unknown fields are refused unless {@link #open()} is called. */
  final class ObjectBuilder {
    private final Map<String, Schema> required = new LinkedHashMap<>();
    private final Map<String, Schema> optional = new LinkedHashMap<>();
    private boolean open;

    public ObjectBuilder req(String name, Schema s) {
      required.put(name, s);
      return this;
    }

    public ObjectBuilder opt(String name, Schema s) {
      optional.put(name, s);
      return this;
    }

    public ObjectBuilder open() {
      open = true;
      return this;
    }

    public Schema build() {
      return new Obj(
          Map.copyOf(required), Map.copyOf(optional), List.copyOf(required.keySet()), open);
    }
  }

  // ---- kinds -----------------------------------------------------------------------------

  /**
   * Free text. The log holds organisations, units, places, quantities and evidence digests, never
   * personal data (SPEC §1 principle 3), so text that carries an e-mail address or a telephone
   * number is refused: the two kinds of personal data a machine can recognise without guessing.
   */
  record Text(int maxLength, Pattern pattern) implements Schema {
    /** Personal data refused in free text; served to browsers so that they check exactly this. */
    public static final Pattern EMAIL =
        Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

    // E.164-style numbers: a '+' then 8 to 15 digits, possibly grouped by spaces, dots or dashes.
    public static final Pattern PHONE = Pattern.compile("\\+\\d(?:[\\s.-]?\\d){7,14}");

    @Override
    public Problem check(JsonNode v, String path) {
      if (!v.isTextual()) return new Problem(path, "expected a string");
      String s = v.textValue();
      if (s.isEmpty()) return new Problem(path, "must not be empty");
      if (s.length() > maxLength)
        return new Problem(path, "longer than " + maxLength + " characters");
      if (pattern != null && !pattern.matcher(s).matches())
        return new Problem(path, "does not match " + pattern.pattern());
      if (EMAIL.matcher(s).find())
        return new Problem(
            path,
            "contains an e-mail address; the log holds no personal data (name organisations, units and places only)");
      if (PHONE.matcher(s).find())
        return new Problem(
            path,
            "contains a telephone number; the log holds no personal data (name organisations, units and places only)");
      return null;
    }
  }

  record Gs1Key(int digits) implements Schema {
    @Override
    public Problem check(JsonNode v, String path) {
      if (!v.isTextual()) return new Problem(path, "expected a string");
      String s = v.textValue();
      if (s.length() != digits || !s.chars().allMatch(c -> c >= '0' && c <= '9'))
        return new Problem(
            path,
            "must be "
                + digits
                + " digits; got \""
                + (s.length() > 20 ? s.substring(0, 20) + "…" : s)
                + "\"");
      char expected = gs1CheckDigit(s.substring(0, digits - 1));
      if (s.charAt(digits - 1) != expected)
        return new Problem(
            path,
            "check digit is "
                + s.charAt(digits - 1)
                + " but the GS1 mod-10 check digit of "
                + s.substring(0, digits - 1)
                + " is "
                + expected
                + " (GS1 General Specifications §7.9.1)");
      return null;
    }
  }

  record OneOf(Set<String> values) implements Schema {
    @Override
    public Problem check(JsonNode v, String path) {
      if (!v.isTextual() || !values.contains(v.textValue()))
        return new Problem(path, "expected one of " + values.stream().sorted().toList());
      return null;
    }
  }

  record Int(long min, long max) implements Schema {
    @Override
    public Problem check(JsonNode v, String path) {
      if (!v.isIntegralNumber() && !(v.isNumber() && isWhole(v)))
        return new Problem(path, "expected an integer");
      if (!v.canConvertToLong()) return new Problem(path, "integer out of range");
      long n = v.asLong();
      if (n < min || n > max) return new Problem(path, "must be between " + min + " and " + max);
      return null;
    }

    private static boolean isWhole(JsonNode v) {
      try {
        return v.decimalValue().stripTrailingZeros().scale() <= 0;
      } catch (ArithmeticException e) {
        return false;
      }
    }
  }

  record Bool() implements Schema {
    @Override
    public Problem check(JsonNode v, String path) {
      return v.isBoolean() ? null : new Problem(path, "expected true or false");
    }
  }

  record Date() implements Schema {
    private static final Pattern FORM = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    @Override
    public Problem check(JsonNode v, String path) {
      if (!v.isTextual() || !FORM.matcher(v.textValue()).matches())
        return new Problem(path, "expected a date YYYY-MM-DD");
      try {
        LocalDate.parse(v.textValue());
        return null;
      } catch (DateTimeParseException e) {
        return new Problem(path, "not a calendar date");
      }
    }
  }

  record Point() implements Schema {
    @Override
    public Problem check(JsonNode v, String path) {
      if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber())
        return new Problem(path, "expected [lon, lat] numbers");
      double lon = v.get(0).asDouble();
      double lat = v.get(1).asDouble();
      if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90))
        return new Problem(path, "longitude or latitude out of range");
      return null;
    }
  }

  record Arr(Schema items, int minItems, int maxItems) implements Schema {
    @Override
    public Problem check(JsonNode v, String path) {
      if (!v.isArray()) return new Problem(path, "expected an array");
      if (v.size() < minItems) return new Problem(path, "needs at least " + minItems + " item(s)");
      if (v.size() > maxItems) return new Problem(path, "more than " + maxItems + " items");
      for (int i = 0; i < v.size(); i++) {
        Problem p = items.check(v.get(i), path + "[" + i + "]");
        if (p != null) return p;
      }
      return null;
    }
  }

  record AnyObject() implements Schema {
    @Override
    public Problem check(JsonNode v, String path) {
      return v.isObject() ? null : new Problem(path, "expected an object");
    }
  }

  record Obj(
      Map<String, Schema> required, Map<String, Schema> optional, List<String> order, boolean open)
      implements Schema {
    @Override
    public Problem check(JsonNode v, String path) {
      return check(v, path, Set.of());
    }

    /**
     * Like {@link #check(JsonNode, String)}, letting the required fields {@code mayBeAbsent} be
     * absent (concealed ones, SPEC §2.10).
     */
    public Problem check(JsonNode v, String path, Set<String> mayBeAbsent) {
      if (!v.isObject()) return new Problem(path, "expected an object");
      for (String name : order) {
        JsonNode f = v.get(name);
        if (f == null && mayBeAbsent.contains(name)) continue;
        if (f == null || f.isNull())
          return new Problem(path + "." + name, "required field is missing");
        Problem p = required.get(name).check(f, path + "." + name);
        if (p != null) return p;
      }
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) names.add(it.next());
      for (String name : names) {
        if (required.containsKey(name)) continue;
        Schema s = optional.get(name);
        if (s == null) {
          if (open) continue;
          return new Problem(path + "." + name, "unknown field");
        }
        JsonNode f = v.get(name);
        if (f.isNull()) continue;
        Problem p = s.check(f, path + "." + name);
        if (p != null) return p;
      }
      return null;
    }
  }
}
