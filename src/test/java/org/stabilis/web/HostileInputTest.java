package org.stabilis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.EventSigner;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.TestLog;

/**
 * Several hundred malformed and hostile requests against a real server: each is answered with a 4xx
 * problem document carrying a stable code and a message a person can act on (or, for what Jetty
 * refuses before the application sees it, with a 4xx status), the server keeps answering, and the
 * log is exactly as it was.
 */
class HostileInputTest {
  @TempDir static Path dir;
  static TestLog log;
  static Javalin server;
  static String base;
  static EventSigner monitor;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * One hostile request. {@code jettyMayAnswer}: refused by the HTTP layer, with no problem
   * document, or by closing the connection. {@code raw}, when set, is sent as it is instead of a
   * request built from the other fields; {@code code}, when set, is the code the answer must carry.
   */
  record Case(
      String name,
      String method,
      String path,
      String contentType,
      String header,
      byte[] body,
      boolean jettyMayAnswer,
      byte[] raw,
      String code) {
    Case(
        String name,
        String method,
        String path,
        String contentType,
        String header,
        byte[] body,
        boolean jettyMayAnswer) {
      this(name, method, path, contentType, header, body, jettyMayAnswer, null, null);
    }
  }

  @BeforeAll
  static void start() {
    log = TestLog.create(dir);
    monitor = log.register("monitors", "inspector");
    log.accept(monitor, "incident.reported", TestLog.incident("inc-0"));
    server = log.app.web().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.stop();
    log.close();
  }

  @TestFactory
  Stream<DynamicTest> everyHostileRequest_gets4xxWithCodeAndDetail_andTheLogIsUnchanged() {
    long size = log.app.log.size();
    String checkpoint = log.app.log.checkpoint().orElseThrow().note();
    List<Case> cases = cases();
    assertThat(cases.size()).as("case count").isGreaterThan(300);
    Stream<DynamicTest> each =
        cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    Stream<DynamicTest> after =
        Stream.of(
            DynamicTest.dynamicTest(
                "the server still answers /healthz",
                () -> {
                  HttpResponse<String> r =
                      HTTP.send(
                          HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                          HttpResponse.BodyHandlers.ofString());
                  assertThat(r.statusCode()).isEqualTo(200);
                }),
            DynamicTest.dynamicTest(
                "the log size and checkpoint are unchanged",
                () -> {
                  assertThat(log.app.log.size()).isEqualTo(size);
                  assertThat(log.app.store.size()).isEqualTo(size);
                  assertThat(log.app.log.checkpoint().orElseThrow().note()).isEqualTo(checkpoint);
                }));
    return Stream.concat(each, after);
  }

  private static void check(Case c) throws Exception {
    long size = log.app.log.size();
    Raw r = send(c);
    if (r == null) {
      // RFC 9110 §15.5: a server may refuse an oversized head by closing the connection before the
      // client has written it all. That is a correct answer for what the HTTP layer refuses, as
      // long as the server lives on and nothing was written.
      assertThat(c.jettyMayAnswer())
          .as(c.name() + ": the connection was closed without an answer")
          .isTrue();
      HttpResponse<String> h =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(h.statusCode()).as("the server answers after " + c.name()).isEqualTo(200);
      assertThat(log.app.log.size()).as("log size after " + c.name()).isEqualTo(size);
      return;
    }
    assertThat(r.status).as(c.name() + " status").isBetween(400, 499);
    if (c.jettyMayAnswer() && !r.contentType.startsWith("application/problem+json")) return;
    assertThat(r.contentType).as(c.name() + " content type").startsWith("application/problem+json");
    JsonNode p = StrictJson.mapper().readTree(r.body);
    assertThat(p.path("status").asInt()).isEqualTo(r.status);
    assertThat(p.path("code").asText()).as(c.name() + " code").matches("[a-z-]+");
    assertThat(p.path("detail").asText()).as(c.name() + " detail").hasSizeGreaterThan(10);
    if (c.code() != null)
      assertThat(p.path("code").asText()).as(c.name() + " code").isEqualTo(c.code());
    assertThat(log.app.log.size()).as("log size after " + c.name()).isEqualTo(size);
  }

  // ---- the cases ---------------------------------------------------------------------------

  private static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    byte[] valid = monitor.submission("incident.reported", TestLog.incident("hostile"), TestLog.T0);
    String validText = new String(valid, StandardCharsets.UTF_8);
    // A valid submission of a party the log does not know: everything below stays unsigned-valid.
    Random random = new Random(20260101);

    // Truncated JSON at many positions.
    for (int cut = 0; cut < valid.length; cut += Math.max(1, valid.length / 120))
      out.add(post("truncated at byte " + cut, java.util.Arrays.copyOf(valid, cut)));
    // Random byte flips: malformed, schema or signature errors, never a 2xx or 5xx.
    for (int i = 0; i < 80; i++) {
      byte[] b = valid.clone();
      int at = random.nextInt(b.length);
      // A real change: the keys (so the bytes) differ per run, and setting a byte to the value it
      // already holds would leave the valid submission intact.
      int v;
      do {
        v = random.nextInt(256);
      } while (v == (b[at] & 0xff));
      b[at] = (byte) v;
      out.add(post("byte " + at + " set to " + (b[at] & 0xff), b));
    }
    // Not an object, empty, whitespace.
    for (String s :
        new String[] {
          "",
          " ",
          "\n",
          "null",
          "true",
          "0",
          "\"text\"",
          "[]",
          "[{}]",
          "{}",
          "{\"event\":{}}",
          "{\"sig\":\"\"}",
          "{\"event\":null,\"sig\":null}",
          "{\"event\":[],\"sig\":[]}",
          "{,}",
          "{\"a\" \"b\"}",
          "{'event':1}",
          "\u0000",
          "{\"event\":{}}\u0000",
          validText + "garbage",
          validText + validText,
          "// comment\n" + validText,
          "\uFEFF" + validText
        }) out.add(post("body " + printable(s), s.getBytes(StandardCharsets.UTF_8)));
    // Deep nesting, top level and inside the body.
    for (int depth : new int[] {65, 100, 1_000, 10_000, 100_000}) {
      out.add(
          post(
              "arrays nested " + depth + " deep",
              ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8)));
      out.add(
          post(
              "objects nested " + depth + " deep",
              ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))
                  .getBytes(StandardCharsets.UTF_8)));
      out.add(
          post(
              "unclosed nesting " + depth + " deep",
              "[".repeat(depth).getBytes(StandardCharsets.UTF_8)));
      out.add(
          post(
              "body nested " + depth + " deep",
              validText
                  .replace(
                      "\"body\":{",
                      "\"body\":{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + ",")
                  .getBytes(StandardCharsets.UTF_8)));
    }
    // Numbers: huge, tiny, special.
    for (String n :
        new String[] {
          "1e999999",
          "-1e999999",
          "123456789012345678901234567890123456789",
          "9007199254740993",
          "1.0e+400",
          "1e-400",
          "-0",
          "0.0",
          "1.5",
          "01",
          "+1",
          ".5",
          "1.",
          "0x10",
          "NaN",
          "-NaN",
          "Infinity",
          "-Infinity",
          "1" + "0".repeat(5000),
          "0." + "0".repeat(5000) + "1",
          "1e2147483648",
          "9223372036854775808",
          "90071e992740993300"
        }) {
      out.add(
          post(
              "seq " + printable(n),
              validText
                  .replaceFirst("\"seq\":\\d+", "\"seq\":" + n)
                  .getBytes(StandardCharsets.UTF_8)));
      out.add(
          post(
              "severity " + printable(n),
              validText
                  .replaceFirst("\"severity\":\\d+", "\"severity\":" + n)
                  .getBytes(StandardCharsets.UTF_8)));
      out.add(
          post(
              "v " + printable(n),
              validText.replaceFirst("\"v\":1", "\"v\":" + n).getBytes(StandardCharsets.UTF_8)));
    }
    // Duplicate keys at each level.
    out.add(
        post(
            "duplicate top-level key",
            ("{\"sig\":\"AA==\"," + validText.substring(1)).getBytes(StandardCharsets.UTF_8)));
    out.add(
        post(
            "duplicate envelope key",
            validText
                .replaceFirst("\"party\":", "\"party\":\"x\",\"party\":")
                .getBytes(StandardCharsets.UTF_8)));
    out.add(
        post(
            "duplicate body key",
            validText
                .replaceFirst("\"summary\":", "\"summary\":\"x\",\"summary\":")
                .getBytes(StandardCharsets.UTF_8)));
    out.add(
        post(
            "duplicate key differing by escape",
            validText
                .replaceFirst("\"summary\":", "\"summ\\u0061ry\":\"x\",\"summary\":")
                .getBytes(StandardCharsets.UTF_8)));
    // Unicode tricks in strings and ids.
    for (String u :
        new String[] {
          "\\ud800",
          "\\udc00",
          "\\ud800\\ud800",
          "\\udbff",
          "x\\ud83d",
          "\\u0000",
          "\\uFFFE",
          "\\uFEFF",
          "\\u202e",
          "mon\\u0131tors",
          "m\\u043enitors",
          "monitors\\u200b",
          "\\u0301",
          "\\uD83D\\uDE00",
          "\\\\u0000",
          "\\x41",
          "\\u12",
          "\\u",
          "\\",
          "\\q"
        }) {
      out.add(
          post(
              "summary with " + u,
              validText
                  .replaceFirst("\"summary\":\"", "\"summary\":\"" + literal(u))
                  .getBytes(StandardCharsets.UTF_8)));
      out.add(
          post(
              "party with " + u,
              validText
                  .replaceFirst("\"party\":\"monitors", "\"party\":\"monitors" + literal(u))
                  .getBytes(StandardCharsets.UTF_8)));
    }
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xC0, (byte) 0x80},
          {(byte) 0xFF},
          {(byte) 0xE2, (byte) 0x82},
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          {(byte) 0x80},
          {(byte) 0xFE, (byte) 0xFF}
        }) {
      out.add(
          post(
              "invalid UTF-8 " + java.util.HexFormat.of().formatHex(bad) + " in a string",
              splice(validText, "\"summary\":\"", bad)));
      out.add(
          post(
              "invalid UTF-8 " + java.util.HexFormat.of().formatHex(bad) + " in an id",
              splice(validText, "\"party\":\"", bad)));
    }
    out.add(post("UTF-16 body", validText.getBytes(StandardCharsets.UTF_16)));
    // Oversized fields and bodies.
    out.add(
        post(
            "summary of 200 KB",
            validText
                .replaceFirst("\"summary\":\"", "\"summary\":\"" + "a".repeat(200_000))
                .getBytes(StandardCharsets.UTF_8)));
    out.add(
        post(
            "id of 10,000 characters",
            validText
                .replaceFirst("\"party\":\"monitors", "\"party\":\"" + "m".repeat(10_000))
                .getBytes(StandardCharsets.UTF_8)));
    out.add(
        post(
            "type of 100,000 characters",
            validText
                .replaceFirst("\"type\":\"", "\"type\":\"" + "t".repeat(100_000))
                .getBytes(StandardCharsets.UTF_8)));
    out.add(post("body of 1 MiB + 1", new byte[(1 << 20) + 1]));
    out.add(
        post(
            "body of 3 MiB",
            ("{\"event\":\"" + "a".repeat(3 << 20) + "\"}").getBytes(StandardCharsets.UTF_8)));
    out.add(
        post(
            "100,000 fields",
            ("{"
                    + String.join(
                        ",",
                        java.util.stream.IntStream.range(0, 100_000)
                            .mapToObj(i -> "\"f" + i + "\":0")
                            .toList())
                    + "}")
                .getBytes(StandardCharsets.UTF_8)));
    // SQL metacharacters and path traversal in ids.
    for (String id :
        new String[] {
          "'; DROP TABLE log_entries;--",
          "\\\" OR 1=1 --",
          "../../etc/passwd",
          "..\\\\..\\\\windows",
          "%2e%2e%2f",
          "monitors'--",
          "monitors; DELETE FROM log_meta",
          "/etc/passwd",
          "monitors/../coord",
          "coord\\u0000",
          "*",
          "%",
          "_"
        }) {
      out.add(
          post(
              "party " + id,
              validText
                  .replaceFirst("\"party\":\"monitors\"", "\"party\":\"" + literal(id) + "\"")
                  .getBytes(StandardCharsets.UTF_8)));
      out.add(
          post(
              "key " + id,
              validText
                  .replaceFirst("\"key\":\"monitors-1\"", "\"key\":\"" + literal(id) + "\"")
                  .getBytes(StandardCharsets.UTF_8)));
      out.add(
          post(
              "incident id " + id,
              validText
                  .replaceFirst("\"id\":\"hostile\"", "\"id\":\"" + literal(id) + "\"")
                  .getBytes(StandardCharsets.UTF_8)));
      out.add(
          post(
              "type " + id,
              validText
                  .replaceFirst(
                      "\"type\":\"incident.reported\"", "\"type\":\"" + literal(id) + "\"")
                  .getBytes(StandardCharsets.UTF_8)));
    }
    for (String q :
        new String[] {
          "start=0;DROP%20TABLE%20log_entries&end=1",
          "start='&end=1",
          "start=-1&end=1",
          "start=0&end=99999999999999999999",
          "start=1e3&end=2e3",
          "start=0x1&end=2",
          "start=%00&end=1",
          "start=0&start=1&end=2",
          "start=0&end=0",
          "start=5&end=1",
          "start=0&end=100000"
        }) out.add(get("entries ?" + q, "/api/v1/log/entries?" + q));
    for (String q :
        new String[] {
          "index=-1&size=1",
          "index=0&size=0",
          "index=0&size=999999999",
          "index=NaN&size=1",
          "index=0",
          "size=1",
          "index=1%27%20OR%201=1&size=2"
        }) out.add(get("inclusion ?" + q, "/api/v1/log/proof/inclusion?" + q));
    for (String q :
        new String[] {
          "from=0&to=1", "from=2&to=1", "from=1&to=999999999", "from=&to=", "from=1.0&to=2"
        }) out.add(get("consistency ?" + q, "/api/v1/log/proof/consistency?" + q));
    for (String p :
        new String[] {
          "/../../etc/passwd",
          "/%2e%2e/%2e%2e/etc/passwd",
          "/webjars/../../../etc/passwd",
          "/webjars/%2e%2e/%2e%2e/etc/passwd",
          "/api/v1/log/../../../etc/passwd",
          "/api/v1/events/..%2f..%2f",
          "/..%5c..%5cwindows",
          "/%00",
          "/api/v1/log/entries%00",
          "/webjars/leaflet/1.9.4/../../../../pom.xml",
          "/api/v1/nope",
          "/" + "a".repeat(5000)
        }) out.add(new Case("GET " + printable(p), "GET", p, null, null, null, true));
    // Wrong content types.
    for (String ct :
        new String[] {
          "text/plain",
          "application/xml",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "application/jsonx",
          "text/json+html",
          "image/png",
          "*/*",
          "application/json, text/plain"
        })
      out.add(
          new Case(
              "content type " + printable(ct), "POST", "/api/v1/events", ct, null, valid, false));
    out.add(
        new Case(
            "content type of 12 KB",
            "POST",
            "/api/v1/events",
            "application/json" + "; x=y".repeat(2000),
            null,
            valid,
            true));
    out.add(
        new Case(
            "content type application/json; charset=utf-16 with a UTF-16 body",
            "POST",
            "/api/v1/events",
            "application/json; charset=utf-16",
            null,
            validText.getBytes(StandardCharsets.UTF_16),
            false));
    // Wrong methods on the submission endpoint.
    for (String m : new String[] {"PUT", "DELETE", "PATCH"})
      out.add(
          new Case(
              m + " /api/v1/events", m, "/api/v1/events", "application/json", null, valid, true));
    // Giant and many headers: Jetty answers 431 before the application runs.
    out.add(
        new Case(
            "a 64 KB header",
            "POST",
            "/api/v1/events",
            "application/json",
            "X-Big: " + "a".repeat(64 * 1024),
            valid,
            true));
    out.add(
        new Case(
            "a 1 MB header", "GET", "/healthz", null, "X-Big: " + "a".repeat(1 << 20), null, true));
    out.add(
        new Case(
            "2,000 headers",
            "POST",
            "/api/v1/events",
            "application/json",
            String.join(
                "\r\n",
                java.util.stream.IntStream.range(0, 2000)
                    .mapToObj(i -> "X-H" + i + ": v")
                    .toList()),
            valid,
            true));
    out.add(
        new Case(
            "an 8 KB bearer token",
            "GET",
            "/api/v1/log/entries?start=0&end=1",
            null,
            "Authorization: Bearer " + "t".repeat(8000),
            null,
            true));
    // Malformed chunked bodies (RFC 9112 §7.1): the client's error, answered 400 malformed.
    for (String[] chunk :
        new String[][] {
          {"not hex", "zz"}, {"overflowing", "FFFFFFFFFFFFFFFFFFFF"}, {"negative", "-5"}
        })
      out.add(
          raw(
              "chunk size " + chunk[0],
              ("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                      + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + chunk[1]
                      + "\r\n{}\r\n0\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1),
              "malformed",
              false));
    // A declared length above the limit is refused at once, before any body byte is sent.
    for (String path :
        new String[] {"/api/v1/events", "/api/v1/coverage/what-if", "/dashboard/what-if"})
      for (long declared : new long[] {(1 << 20) + 1, 3L << 20, 1_000_000_000_000L})
        out.add(
            raw(
                "declared length " + declared + " on " + path + ", no body sent",
                ("POST "
                        + path
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
                        + token()
                        + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + declared
                        + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1),
                "too-large",
                false));
    // A body that is not declared JSON.
    out.add(
        raw(
            "POST without a content type",
            ("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Length: "
                    + valid.length
                    + "\r\n\r\n"
                    + validText)
                .getBytes(StandardCharsets.UTF_8),
            "unsupported-media-type",
            false));
    out.add(
        raw(
            "what-if without a content type",
            ("POST /api/v1/coverage/what-if HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Authorization: Bearer "
                    + token()
                    + "\r\nContent-Length: 14\r\n\r\n{\"changes\":[]}")
                .getBytes(StandardCharsets.UTF_8),
            "unsupported-media-type",
            false));
    return out;
  }

  private static Case raw(String name, byte[] request, String code, boolean jettyMayAnswer) {
    return new Case(
        name, "POST", "", null, null, null, jettyMayAnswer, request, jettyMayAnswer ? null : code);
  }

  private static String literal(String s) {
    return java.util.regex.Matcher.quoteReplacement(s);
  }

  private static byte[] splice(String text, String after, byte[] bytes) {
    int at = text.indexOf(after) + after.length();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
    b.writeBytes(bytes);
    b.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  private static Case post(String name, byte[] body) {
    return new Case(name, "POST", "/api/v1/events", "application/json", null, body, false);
  }

  private static Case get(String name, String path) {
    return new Case(name, "GET", path, null, null, null, false);
  }

  private static String printable(String s) {
    String p = s.replaceAll("[^\\x20-\\x7e]", "?");
    return p.length() <= 40 ? p : p.substring(0, 40) + "…";
  }

  // ---- raw HTTP: lets a case send bytes and headers a well-behaved client would refuse ---------

  record Raw(int status, String contentType, String body) {}

  /** The server's answer, or null when it closed the connection without one (a reset included). */
  private static Raw send(Case c) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      // Shorter than Jetty's idle timeout (30 s): a server that waits for a body it refused fails
      // here.
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      if (c.raw() != null) {
        out.write(c.raw());
        out.flush();
        return read(s);
      }
      StringBuilder head =
          new StringBuilder(
              c.method()
                  + " "
                  + c.path()
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      if (c.header() == null || !c.header().startsWith("Authorization:"))
        head.append("Authorization: Bearer ").append(token()).append("\r\n");
      if (c.header() != null) head.append(c.header()).append("\r\n");
      if (c.contentType() != null)
        head.append("Content-Type: ").append(c.contentType()).append("\r\n");
      if (c.body() != null) head.append("Content-Length: ").append(c.body().length).append("\r\n");
      head.append("\r\n");
      try {
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (c.body() != null) out.write(c.body());
        out.flush();
      } catch (SocketException e) {
        // Broken pipe or reset: the server answered (431, 413) and closed before reading all we
        // sent. Read what it said, if it is still there to read.
      }
      return read(s);
    }
  }

  private static Raw read(Socket s) throws IOException {
    byte[] answer;
    try {
      answer = s.getInputStream().readAllBytes();
    } catch (SocketException e) {
      return null; // reset: the answer, if any, was discarded with the connection
    }
    return answer.length == 0 ? null : parse(answer);
  }

  static Raw parse(byte[] response) {
    int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    String head = new String(response, 0, Math.max(end, 0), StandardCharsets.ISO_8859_1);
    if (!head.startsWith("HTTP/1.1 ") || end < 0)
      throw new AssertionError(
          "not an HTTP response: " + printable(new String(response, StandardCharsets.ISO_8859_1)));
    int status = Integer.parseInt(head.substring(9, 12));
    String contentType = "";
    boolean chunked = false;
    for (String h : head.split("\r\n")) {
      String lower = h.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("content-type:")) contentType = h.substring(13).trim();
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
    }
    byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
    return new Raw(
        status, contentType, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
  }

  /** RFC 9112 §7.1 chunked transfer coding, without trailers. */
  private static byte[] dechunk(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; ; ) {
      int nl = indexOf(b, crlf, i);
      int n =
          Integer.parseInt(
              new String(b, i, nl - i, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
      if (n == 0) return out.toByteArray();
      out.write(b, nl + 2, n);
      i = nl + 2 + n + 2;
    }
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  private static String token;

  /** A valid read token, so that GET cases reach the handlers rather than stopping at sign-in. */
  private static synchronized String token() {
    if (token == null)
      token =
          log.app.tokens.issue(
              "monitors", log.app.clock.instant(), new java.security.SecureRandom());
    return token;
  }
}
