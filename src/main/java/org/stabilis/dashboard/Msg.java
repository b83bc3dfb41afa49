package org.stabilis.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stabilis.log.canonical.StrictJson;

/**
 * A message of the page's catalogue ({@code i18n/en.json}, {@code ar.json}, {@code he.json},
 * written by {@code src/main/frontend/messages.py}) with its parameters. The server writes it in
 * English, marked with its key and parameters, and the page puts it in the reader's language
 * ({@code i18n.js}): one catalogue for the workstation and every panel. A parameter is text, a
 * number, an {@link Instant} or {@link LocalDate} (shown by locale in the page), or another message
 * (a translated value such as a zone status).
 *
 * <p>Guarantee: a key missing from the English catalogue fails where the message is made, so no
 * panel can show a key instead of words.
 */
record Msg(String key, Map<String, Object> args) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)\\}");
  private static final JsonNode EN = load("en");

  Msg {
    if (!EN.has(key))
      throw new IllegalArgumentException(
          "the message \"" + key + "\" is not in i18n/en.json; add it to messages.py");
    args = Map.copyOf(args);
  }

  /** {@code of("dash.x", "name", value, ...)}: the key, then name, value pairs. */
  static Msg of(String key, Object... nameValues) {
    if (nameValues.length % 2 != 0)
      throw new IllegalArgumentException("parameters come in name, value pairs");
    Map<String, Object> args = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2)
      args.put((String) nameValues[i], nameValues[i + 1] == null ? "" : nameValues[i + 1]);
    return new Msg(key, args);
  }

  /** A value from the log shown by its label where the catalogue has one ({@code prefix + v}). */
  static Object value(String prefix, String v) {
    return v != null && EN.has(prefix + v) ? of(prefix + v) : v;
  }

  /** The English text, as a reader without scripts sees it. */
  String english() {
    Matcher m = PLACEHOLDER.matcher(EN.get(key).asText());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = args.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : englishOf(v)));
    }
    return m.appendTail(out).toString();
  }

  private static String englishOf(Object v) {
    return switch (v) {
      case Msg m -> m.english();
      case Instant t -> Panels.TIME.format(t);
      case java.util.List<?> l -> String.join(", ", l.stream().map(Msg::englishOf).toList());
      default -> String.valueOf(v);
    };
  }

  /** The parameters as i18n.js reads them from {@code data-i18n-args}. */
  String argsJson() {
    return json().get("args").toString();
  }

  private ObjectNode json() {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("key", key);
    ObjectNode a = o.putObject("args");
    args.forEach((k, v) -> a.set(k, argJson(v)));
    return o;
  }

  private static JsonNode argJson(Object v) {
    var f = StrictJson.mapper().getNodeFactory();
    return switch (v) {
      case Msg m -> m.json();
      case Instant t -> f.objectNode().put("time", t.toString());
      case LocalDate d -> f.objectNode().put("date", d.toString());
      case Integer n -> f.numberNode(n);
      case Long n -> f.numberNode(n);
      case Double n -> f.numberNode(n);
      case java.util.List<?> l -> {
        var arr = f.arrayNode();
        l.forEach(x -> arr.add(argJson(x)));
        yield arr;
      }
      default -> f.textNode(String.valueOf(v));
    };
  }

  private static JsonNode load(String lang) {
    String name = "/dashboard/workstation/i18n/" + lang + ".json";
    try (InputStream in = Msg.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is missing from the build");
      return StrictJson.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
