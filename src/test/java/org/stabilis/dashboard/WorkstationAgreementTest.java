package org.stabilis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stabilis.catalogue.EventCatalogue;
import org.stabilis.log.canonical.Jcs;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.schema.Schema;
import org.stabilis.testing.Chromium;

/**
 * What the browser computes agrees with the server, byte for byte: the canonical JSON it signs (the
 * vendored canonicalize against {@link Jcs}, on RFC 8785's vectors and on generated objects) and
 * the verdict of the form's schema check (validate.js against {@link Schema#check}, on bodies
 * generated from every type of the catalogue and then broken). The scripts run in Chromium.
 */
class WorkstationAgreementTest {
  private static final String ORIGIN = "http://stabilis.test";
  static Chromium chromium;
  static Browser browser;
  static Page page;

  @BeforeAll
  static void start() {
    chromium = Chromium.launch();
    browser = chromium.browser();
    page = browser.newPage();
    // The workstation's own files, exactly as the jar holds them; nothing else is served.
    page.route(ORIGIN + "/**", WorkstationAgreementTest::serve);
    page.navigate(ORIGIN + "/");
  }

  private static void serve(Route route) {
    String path = route.request().url().substring(ORIGIN.length());
    if (path.equals("/")) {
      route.fulfill(
          new Route.FulfillOptions()
              .setContentType("text/html")
              .setBody("<!doctype html><title>agreement</title>"));
      return;
    }
    try (InputStream in =
        WorkstationAgreementTest.class.getResourceAsStream("/dashboard/workstation" + path)) {
      if (in == null) route.fulfill(new Route.FulfillOptions().setStatus(404));
      else
        route.fulfill(
            new Route.FulfillOptions()
                .setContentType("text/javascript")
                .setBodyBytes(in.readAllBytes()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
  }

  @SuppressWarnings("unchecked")
  private static List<String> canonicalInBrowser(List<String> jsonTexts) {
    return (List<String>)
        page.evaluate(
            "async (texts) => { const c = (await import('/vendor/canonicalize.js')).default;"
                + " return texts.map(t => c(JSON.parse(t))); }",
            jsonTexts);
  }

  // ---- RFC 8785 ---------------------------------------------------------------------------

  @Test
  void rfc8785Vectors_giveTheSameBytesInTheBrowserAsOnTheServer() throws Exception {
    for (String name : List.of("rfc8785-sec3.2.2", "rfc8785-sec3.2.3-sorting")) {
      String input = resource("/jcs/" + name + "-input.json");
      String expected = resource("/jcs/" + name + "-output.json").strip();
      String browserSays = canonicalInBrowser(List.of(input)).get(0);
      assertThat(browserSays).as(name).isEqualTo(expected);
      assertThat(new String(Jcs.canonicalize(input), StandardCharsets.UTF_8))
          .as(name)
          .isEqualTo(browserSays);
    }
    List<String> bits = new ArrayList<>(), expected = new ArrayList<>();
    for (String line : resource("/jcs/rfc8785-appendixB-numbers.csv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split(",");
      bits.add(f[0]);
      expected.add(f[1]);
    }
    @SuppressWarnings("unchecked")
    List<String> browserSays =
        (List<String>)
            page.evaluate(
                "async (bits) => { const c = (await import('/vendor/canonicalize.js')).default;"
                    + " return bits.map(h => { const v = new DataView(new ArrayBuffer(8)); v.setBigUint64(0, BigInt('0x' + h)); return c(v.getFloat64(0)); }); }",
                bits);
    assertThat(browserSays).isEqualTo(expected);
    for (int i = 0; i < bits.size(); i++) {
      double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits.get(i), 16));
      assertThat(
              new String(
                  Jcs.canonicalize(JsonNodeFactory.instance.numberNode(d)), StandardCharsets.UTF_8))
          .as(bits.get(i))
          .isEqualTo(expected.get(i));
    }
  }

  @Test
  void generatedObjects_giveTheSameBytesInTheBrowserAsOnTheServer() {
    Random random = new Random(8785);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 400; i++) texts.add(value(random, 0).toString());
    List<String> browserSays = canonicalInBrowser(texts);
    for (int i = 0; i < texts.size(); i++)
      assertThat(browserSays.get(i))
          .as(texts.get(i))
          .isEqualTo(new String(Jcs.canonicalize(texts.get(i)), StandardCharsets.UTF_8));
  }

  private static final String ALPHABET =
      "aZ09 _-\"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u05d0\u0627\u20ac\u2028\ufeff\ud83d\ude00\ud800\udc00";

  private static JsonNode value(Random r, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    int kind = depth >= 4 ? r.nextInt(4) : r.nextInt(6);
    return switch (kind) {
      case 0 -> f.textNode(string(r));
      case 1 ->
          switch (r.nextInt(4)) {
            case 0 -> f.numberNode((long) (r.nextGaussian() * 1e6));
            case 1 ->
                f.numberNode(
                    r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) * (r.nextBoolean() ? 1 : -1));
            case 2 -> {
              double d;
              do d = Double.longBitsToDouble(r.nextLong());
              while (!Double.isFinite(d));
              yield f.numberNode(d);
            }
            default -> f.numberNode(r.nextInt(2000) - 1000);
          };
      case 2 -> r.nextBoolean() ? f.booleanNode(r.nextBoolean()) : f.nullNode();
      case 3 -> f.textNode("");
      case 4 -> {
        ArrayNode a = f.arrayNode();
        for (int i = r.nextInt(5); i > 0; i--) a.add(value(r, depth + 1));
        yield a;
      }
      default -> {
        ObjectNode o = f.objectNode();
        for (int i = r.nextInt(6); i > 0; i--) o.set(string(r), value(r, depth + 1));
        yield o;
      }
    };
  }

  private static String string(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      int at = r.nextInt(ALPHABET.length());
      char c = ALPHABET.charAt(at);
      if (Character.isHighSurrogate(c))
        sb.append(c).append(ALPHABET.charAt(at + 1)); // whole pairs only
      else if (!Character.isLowSurrogate(c)) sb.append(c);
    }
    return sb.toString();
  }

  // ---- the form's schema check --------------------------------------------------------------

  @Test
  void thePagesSchemaCheck_refusesExactlyWhatTheServerRefuses_atTheSameField() throws Exception {
    Random random = new Random(2803);
    Map<String, Object> personal =
        Map.of("email", Schema.Text.EMAIL.pattern(), "phone", Schema.Text.PHONE.pattern());
    int refused = 0, accepted = 0;
    for (EventCatalogue.Type t : new EventCatalogue().types().values()) {
      JsonNode schema = Workstation.describe(t.body(), t.name(), null);
      List<String> bodies = new ArrayList<>();
      List<String> server = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        JsonNode body = sample(schema, random);
        if (i > 0) body = broken(body, schema, random);
        bodies.add(body.toString());
        Schema.Problem p =
            t.body().check(StrictJson.mapper().readTree(body.toString()), "event.body");
        server.add(p == null ? null : p.path());
        if (p == null) accepted++;
        else refused++;
      }
      @SuppressWarnings("unchecked")
      List<String> browser =
          (List<String>)
              page.evaluate(
                  "async ([schemaText, bodies, personal]) => {"
                      + " const { validate } = await import('/validate.js'); const schema = JSON.parse(schemaText);"
                      + " return bodies.map(b => { const p = validate(schema, JSON.parse(b), 'event.body', personal); return p ? p.path : null; }); }",
                  List.of(schema.toString(), bodies, personal));
      for (int i = 0; i < bodies.size(); i++)
        assertThat(browser.get(i)).as(t.name() + " " + bodies.get(i)).isEqualTo(server.get(i));
    }
    assertThat(accepted).as("valid bodies were among them").isGreaterThan(50);
    assertThat(refused).as("refused bodies were among them").isGreaterThan(500);
  }

  /** A body that fits `schema` (the described form the page receives). */
  private static JsonNode sample(JsonNode s, Random r) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (s.get("kind").asText()) {
      case "text" -> {
        String pattern = s.path("pattern").asText("");
        if (pattern.equals("^[0-9a-f]{64}$")) yield f.textNode("ab".repeat(32));
        if (pattern.contains("{43}=")) yield f.textNode("A".repeat(43) + "=");
        if (pattern.equals("^[A-Z]{3}$")) yield f.textNode("AZE");
        yield f.textNode(
            pattern.isEmpty() ? "Illustrative text " + r.nextInt(100) : "id-" + r.nextInt(100));
      }
      case "gs1" -> {
        StringBuilder d = new StringBuilder();
        for (int i = s.get("digits").asInt() - 1; i > 0; i--) d.append(r.nextInt(10));
        // One in four with a wrong check digit: the check itself is compared too.
        char check = Schema.gs1CheckDigit(d.toString());
        yield f.textNode(
            d.append(r.nextInt(4) == 0 ? (char) ('0' + (check - '0' + 1) % 10) : check).toString());
      }
      case "enum" -> f.textNode(s.get("values").get(r.nextInt(s.get("values").size())).asText());
      case "integer" ->
          f.numberNode(
              s.get("min").asLong()
                  + (long)
                      (r.nextDouble()
                          * Math.min(100, s.get("max").asLong() - s.get("min").asLong())));
      case "boolean" -> f.booleanNode(r.nextBoolean());
      case "date" -> f.textNode("2025-1" + r.nextInt(3) + "-0" + (1 + r.nextInt(9)));
      case "point" -> f.arrayNode().add(34.3 + r.nextDouble() / 10).add(31.4 + r.nextDouble() / 10);
      case "object-any" -> f.objectNode().put("type", "Polygon");
      case "array" -> {
        ArrayNode a = f.arrayNode();
        for (int i = Math.max(1, s.get("min").asInt()); i > 0; i--)
          a.add(sample(s.get("items"), r));
        yield a;
      }
      default -> {
        ObjectNode o = f.objectNode();
        for (JsonNode field : s.get("fields"))
          if (field.get("required").asBoolean() || r.nextBoolean())
            o.set(field.get("name").asText(), sample(field.get("schema"), r));
        yield o;
      }
    };
  }

  /** The body with one thing broken, somewhere in it, the way a form's reader might. */
  private static JsonNode broken(JsonNode body, JsonNode schema, Random r) {
    JsonNode copy = body.deepCopy();
    if (!copy.isObject() || copy.isEmpty())
      return JsonNodeFactory.instance.textNode("not an object");
    ObjectNode o = (ObjectNode) copy;
    // Descend into a nested object or array now and then, so that paths like a[0].b are compared.
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    String name = names.get(r.nextInt(names.size()));
    JsonNode v = o.get(name);
    if (v.isObject() && r.nextBoolean()) {
      o.set(name, broken(v, schema, r));
      return o;
    }
    if (v.isArray() && !v.isEmpty() && r.nextBoolean()) {
      ArrayNode a = (ArrayNode) v;
      a.set(0, a.get(0).isObject() ? broken(a.get(0), schema, r) : wrong(r));
      return o;
    }
    switch (r.nextInt(5)) {
      case 0 -> o.remove(name);
      case 1 -> o.set(name, wrong(r));
      case 2 -> o.put("unexpected_" + r.nextInt(3), "x");
      case 3 -> o.putNull(name);
      default -> o.set(name, wrong(r));
    }
    return o;
  }

  private static JsonNode wrong(Random r) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (r.nextInt(14)) {
      case 0 -> f.textNode("");
      case 1 -> f.textNode("x".repeat(4001));
      case 2 -> f.textNode("write to desk@example.org");
      case 3 -> f.textNode("call +44 20 7946 0018");
      case 4 -> f.numberNode(1e300);
      case 5 -> f.numberNode(-5);
      case 6 -> f.numberNode(2.5);
      case 7 -> f.textNode("2025-02-30");
      case 8 -> f.arrayNode().add(200).add(10);
      case 9 -> f.arrayNode();
      case 10 -> f.textNode("Not-An-Id");
      case 11 -> f.booleanNode(true);
      case 12 -> f.objectNode();
      default -> f.textNode("2026-13-01");
    };
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = WorkstationAgreementTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
