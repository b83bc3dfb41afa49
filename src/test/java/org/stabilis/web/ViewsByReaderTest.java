package org.stabilis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.catalogue.Views;
import org.stabilis.catalogue.Views.Detail;
import org.stabilis.catalogue.Views.View;
import org.stabilis.log.EventSigner;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.log.tiles.TilePath;
import org.stabilis.testing.TestLog;

/**
 * SPEC §2.6 and §2.10, walked: every route and dashboard fragment of the {@link Views} table, read
 * by a party of every role. A view closed to a role answers 403; an open one shows each concealed
 * value it lists exactly to the readers entitled to it (its author, and the reader roles SPEC §2.10
 * names) and to nobody else, shows no concealed value it does not list, and every aggregate is the
 * same for every reader. Each concealed value is a sentinel that appears nowhere else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewsByReaderTest {
  @TempDir static Path dir;
  TestLog log;
  Javalin server;
  String base;
  final HttpClient http = HttpClient.newHttpClient();

  /** One party per role; the key is the role. */
  final Map<String, String> partyOfRole = new LinkedHashMap<>();

  final Map<String, String> tokenOfRole = new LinkedHashMap<>();

  static final Set<String> SECURITY_FACTS = Set.of("coordinator", "security", "inspector");
  static final Set<String> PROJECT_FACTS = Set.of("coordinator", "inspector");

  /**
   * A concealed value: the detail, the text that betrays it, its author and its reader roles (as
   * SPEC §2.10 writes them).
   */
  record Secret(Detail detail, String sentinel, String author, Set<String> readers) {}

  final List<Secret> secrets = new ArrayList<>();
  long incidentIndex;

  @BeforeAll
  void build() {
    log = TestLog.create(dir);
    partyOfRole.put("coordinator", "coord");
    Map<String, EventSigner> s = new HashMap<>();
    for (String[] p :
        new String[][] {
          {"idf", "security"},
          {"monitors", "inspector"},
          {"builders", "implementer"},
          {"unops", "logistics"},
          {"aze", "contributor"},
          {"press", "observer"}
        }) {
      s.put(p[0], log.register(p[0], p[1]));
      partyOfRole.put(p[1], p[0]);
    }
    s.put("coord", log.coordinator);
    SecureRandom random = new SecureRandom();
    partyOfRole.forEach(
        (role, party) -> tokenOfRole.put(role, log.app.tokens.issue(party, TestLog.T0, random)));

    ObjectNode zone = TestLog.obj();
    zone.put("id", "z1").put("name", "Zone one").put("controller", "idf");
    zone.set(
        "geometry",
        org.stabilis.zone.Mission.polygon(
            org.stabilis.zone.Mission.box(34.40, 31.40, 34.50, 31.50)));
    log.accept(log.coordinator, "zone.defined", zone);
    ObjectNode est = TestLog.obj();
    est.put("zone", "z1").put("category", "cache").put("count", 1);
    log.accept(s.get("monitors"), "demil.estimate-set", est);

    ObjectNode item = TestLog.obj();
    item.put("id", "it1").put("zone", "z1").put("category", "cache").put("count", 1);
    item.putArray("location").add(34.4321).add(31.4321);
    conceal(s.get("idf"), "demil.item-reported", item, "location", "34.4321", SECURITY_FACTS);
    ObjectNode dec = TestLog.obj();
    dec.put("id", "it1").put("method", "destroyed").putArray("evidence").add("e1".repeat(32));
    conceal(
        s.get("idf"),
        "demil.item-decommissioned",
        dec,
        "evidence",
        "e1".repeat(32),
        SECURITY_FACTS);
    ObjectNode ver = TestLog.obj();
    ver.put("id", "it1").putArray("evidence").add("e2".repeat(32));
    conceal(
        s.get("monitors"), "demil.item-verified", ver, "evidence", "e2".repeat(32), SECURITY_FACTS);
    ObjectNode cert = TestLog.obj();
    cert.put("zone", "z1")
        .put("criteria", "every reported item verified")
        .putArray("evidence")
        .add("e3".repeat(32));
    conceal(s.get("monitors"), "zone.certified", cert, "evidence", "e3".repeat(32), SECURITY_FACTS);
    ObjectNode project = TestLog.obj();
    project.put("id", "p1").put("zone", "z1").put("kind", "school").putArray("materials");
    project.putArray("location").add(34.4567).add(31.4567);
    conceal(s.get("builders"), "project.registered", project, "location", "34.4567", PROJECT_FACTS);
    ObjectNode incident = TestLog.obj();
    incident
        .put("id", "inc1")
        .put("category", "uxo")
        .put("severity", 2)
        .put("summary", "Sentinel-summary of a find");
    incident.putArray("location").add(34.4789).add(31.4789);
    incidentIndex = log.app.log.size();
    var o =
        log.app.log.submit(
            s.get("idf")
                .sign(
                    "incident.reported",
                    incident,
                    TestLog.T0,
                    List.of("location", "summary"),
                    random));
    assertThat(o).isInstanceOf(org.stabilis.log.Outcome.Accepted.class);
    secrets.add(
        new Secret(new Detail("incident.reported", "location"), "34.4789", "idf", SECURITY_FACTS));
    secrets.add(
        new Secret(
            new Detail("incident.reported", "summary"), "Sentinel-summary", "idf", SECURITY_FACTS));
    ObjectNode susp = TestLog.obj();
    susp.put("zone", "z1").put("reason", "Sentinel-reason for the suspension");
    conceal(s.get("monitors"), "zone.suspended", susp, "reason", "Sentinel-reason", SECURITY_FACTS);

    server = log.app.web().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
  }

  private void conceal(
      EventSigner by,
      String type,
      ObjectNode body,
      String field,
      String sentinel,
      Set<String> readers) {
    var o = log.app.log.submit(by.sign(type, body, TestLog.T0, List.of(field), new SecureRandom()));
    assertThat(o).as(type).isInstanceOf(org.stabilis.log.Outcome.Accepted.class);
    secrets.add(new Secret(new Detail(type, field), sentinel, by.party(), readers));
  }

  @AfterAll
  void stop() {
    server.stop();
    log.close();
  }

  /** A request that exercises a view: the table's row and a concrete address. */
  record Probe(View view, String url, String form) {}

  List<Probe> probes() {
    long size = log.app.log.size();
    Map<String, List<String>> urls = new LinkedHashMap<>();
    urls.put("/api/v1/log/entries", List.of("/api/v1/log/entries?start=0&end=" + size));
    urls.put(
        "/api/v1/log/proof/inclusion", List.of("/api/v1/log/proof/inclusion?index=1&size=" + size));
    urls.put(
        "/api/v1/log/proof/consistency",
        List.of("/api/v1/log/proof/consistency?from=1&to=" + size));
    urls.put("/api/v1/log/disclosures", List.of("/api/v1/log/disclosures?index=" + incidentIndex));
    urls.put(
        "/api/v1/log/proof/bundle", List.of("/api/v1/log/proof/bundle?index=" + incidentIndex));
    // The entry bundle that holds the concealing incident: leaf data, digests only.
    long bundle = incidentIndex / TilePath.WIDTH;
    int width = (int) Math.min(TilePath.WIDTH, size - bundle * TilePath.WIDTH);
    urls.put(
        "/api/v1/log/tile/{path}", List.of("/api/v1/log/" + TilePath.bundle(bundle, width).path()));
    urls.put("/api/v1/zones/{id}", List.of("/api/v1/zones/z1", "/api/v1/zones/z1?at=" + size));
    urls.put("/api/v1/zones", List.of("/api/v1/zones", "/api/v1/zones?at=" + size));
    urls.put(
        "/api/v1/incidents",
        List.of(
            "/api/v1/incidents", "/api/v1/incidents?format=geojson", "/api/v1/incidents?zone=z1"));
    urls.put("/api/v1/projects/{id}", List.of("/api/v1/projects/p1"));
    urls.put("/dashboard/zone/{id}", List.of("/dashboard/zone/z1"));
    List<Probe> out = new ArrayList<>();
    for (View v : Views.ALL_VIEWS) {
      String form =
          switch (v.path()) {
            case "/api/v1/coverage/what-if" -> "{\"changes\":[]}";
            case "/dashboard/what-if" -> "change=withdraw&pledge=none";
            default -> null;
          };
      for (String u : urls.getOrDefault(v.path(), List.of(v.path())))
        out.add(new Probe(v, u, form));
    }
    return out;
  }

  record Reply(int status, String body) {}

  Reply read(Probe p, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + p.url()));
    if (p.url().equals("/")) b.header("Cookie", session(token));
    else b.header("Authorization", "Bearer " + token);
    if (p.form() != null) {
      b.header(
          "Content-Type",
          p.form().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
      b.POST(HttpRequest.BodyPublishers.ofString(p.form()));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  /** Signs in to the dashboard with {@code token} as a browser does; the session cookie it sets. */
  String session(String token) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie =
        r.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(Auth.COOKIE + "="))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("signing in set no session cookie: " + r.statusCode()));
    return cookie.split(";", 2)[0];
  }

  boolean entitled(String role, Secret s) {
    return s.readers().contains(role) || s.author().equals(partyOfRole.get(role));
  }

  @Test
  void everyViewTimesEveryRole_showsEachConcealedValueExactlyToTheEntitled() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Probe p : probes()) {
      for (String role : partyOfRole.keySet()) {
        Reply r = read(p, tokenOfRole.get(role));
        String what = p.view().method() + " " + p.url() + " as " + role;
        boolean opens =
            p.view().openTo().isEmpty()
                || p.view().openTo().stream().anyMatch(x -> x.wire().equals(role));
        if (p.view().path().equals("/api/v1/log/disclosures")) {
          // Per entry: the author and the reader roles of its type (SPEC §2.10).
          boolean mayRead = SECURITY_FACTS.contains(role) || role.equals("security");
          if (r.status() != (mayRead ? 200 : 403)) failures.add(what + ": status " + r.status());
          String decoded = mayRead ? decodedDisclosures(r.body()) : r.body();
          for (Secret s : secrets)
            if (s.detail().type().equals("incident.reported")
                && decoded.contains(s.sentinel()) != mayRead)
              failures.add(
                  what + ": disclosure of " + s.detail() + (mayRead ? " missing" : " leaked"));
          checked++;
          continue;
        }
        if (!opens) {
          if (r.status() != 403) failures.add(what + ": expected 403, got " + r.status());
          if (!r.body().contains("\"forbidden\""))
            failures.add(what + ": the refusal is not a forbidden problem");
        } else if (r.status() != 200
            && !(p.form() != null && r.status() < 500 && r.status() != 403)) {
          failures.add(
              what
                  + ": status "
                  + r.status()
                  + " "
                  + r.body().substring(0, Math.min(200, r.body().length())));
        }
        for (Secret s : secrets) {
          boolean shown = opens && p.view().details().contains(s.detail()) && entitled(role, s);
          boolean present = r.body().contains(s.sentinel());
          if (present != shown)
            failures.add(
                what
                    + ": "
                    + s.detail().type()
                    + " "
                    + s.detail().field()
                    + (present ? " is shown" : " is missing"));
          if (opens
              && p.view().details().contains(s.detail())
              && !entitled(role, s)
              && !r.body().contains("concealed"))
            failures.add(what + ": nothing says that " + s.detail() + " is concealed");
        }
        checked++;
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).isGreaterThanOrEqualTo(Views.ALL_VIEWS.size() * partyOfRole.size());
  }

  private static String decodedDisclosures(String body) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (JsonNode d : StrictJson.mapper().readTree(body).path("disclosures"))
      sb.append(new String(Base64.getUrlDecoder().decode(d.asText()), StandardCharsets.UTF_8));
    return sb.toString();
  }

  @Test
  void aggregatesAndDerivedFacts_areTheSameForEveryReader() throws Exception {
    for (String url :
        List.of(
            "/api/v1/zones",
            "/api/v1/materials/alerts",
            "/api/v1/materials/balance",
            "/api/v1/coverage",
            "/dashboard/panel/reconstruction",
            "/dashboard/panel/materials")) {
      Set<String> answers = new TreeSet<>();
      for (String role : partyOfRole.keySet())
        answers.add(
            read(
                    new Probe(Views.of("GET", url.split("\\?")[0]).orElseThrow(), url, null),
                    tokenOfRole.get(role))
                .body()
                .replaceAll("\"solve_ms\":\\d+", ""));
      assertThat(answers).as(url).hasSize(1);
    }
    // The zone an incident falls in, its category and severity, and each project's zone and gate
    // state.
    Set<String> derived = new TreeSet<>();
    for (String role : partyOfRole.keySet()) {
      JsonNode inc =
          StrictJson.mapper()
              .readTree(
                  read(
                          new Probe(
                              Views.of("GET", "/api/v1/incidents").orElseThrow(),
                              "/api/v1/incidents",
                              null),
                          tokenOfRole.get(role))
                      .body())
              .path("incidents")
              .get(0);
      JsonNode prj =
          StrictJson.mapper()
              .readTree(
                  read(
                          new Probe(
                              Views.of("GET", "/api/v1/projects").orElseThrow(),
                              "/api/v1/projects",
                              null),
                          tokenOfRole.get(role))
                      .body())
              .path("projects")
              .get(0);
      derived.add(
          inc.path("zone").asText()
              + inc.path("category").asText()
              + inc.path("severity").asInt()
              + prj.path("zone").asText()
              + prj.path("gate_state").asText());
    }
    assertThat(derived).containsExactly("z1uxo2z1pending");
    // The zone's status and the figures of its history are there for an observer, the concealed
    // parts marked.
    JsonNode z =
        StrictJson.mapper()
            .readTree(
                read(
                        new Probe(
                            Views.of("GET", "/api/v1/zones/{id}").orElseThrow(),
                            "/api/v1/zones/z1",
                            null),
                        tokenOfRole.get("observer"))
                    .body());
    assertThat(z.path("properties").path("status").asText()).isEqualTo("suspended");
    JsonNode last =
        z.path("properties")
            .path("status_history")
            .get(z.path("properties").path("status_history").size() - 1);
    assertThat(last.path("reason")).isEqualTo(StrictJson.mapper().readTree("{\"concealed\":true}"));
  }

  @Test
  void anObserversGeoJson_hasANullGeometry_andAConcealedLocation() throws Exception {
    JsonNode fc =
        StrictJson.mapper()
            .readTree(
                read(
                        new Probe(
                            Views.of("GET", "/api/v1/incidents").orElseThrow(),
                            "/api/v1/incidents?format=geojson",
                            null),
                        tokenOfRole.get("observer"))
                    .body());
    JsonNode f = fc.path("features").get(0);
    assertThat(f.get("geometry").isNull()).isTrue();
    assertThat(f.path("properties").path("location"))
        .isEqualTo(StrictJson.mapper().readTree("{\"concealed\":true}"));
    assertThat(f.path("properties").path("zone").asText()).isEqualTo("z1");
    JsonNode mine =
        StrictJson.mapper()
            .readTree(
                read(
                        new Probe(
                            Views.of("GET", "/api/v1/incidents").orElseThrow(),
                            "/api/v1/incidents?format=geojson",
                            null),
                        tokenOfRole.get("inspector"))
                    .body())
            .path("features")
            .get(0);
    assertThat(mine.path("geometry").path("coordinates").get(0).asDouble()).isEqualTo(34.4789);
  }

  @Test
  void theTableNamesEveryDocumentedOperation_andEveryDashboardRoute() throws Exception {
    Set<String> table = new TreeSet<>();
    for (View v : Views.ALL_VIEWS) table.add(v.method() + " " + v.path());
    Set<String> served = new TreeSet<>();
    JsonNode api =
        StrictJson.mapper()
            .readTree(
                read(
                        new Probe(
                            Views.of("GET", "/api/v1/openapi.json").orElseThrow(),
                            "/api/v1/openapi.json",
                            null),
                        tokenOfRole.get("observer"))
                    .body());
    for (Iterator<String> it = api.path("paths").fieldNames(); it.hasNext(); ) {
      String path = it.next();
      for (Iterator<String> m = api.path("paths").path(path).fieldNames(); m.hasNext(); ) {
        String method = m.next().toUpperCase(Locale.ROOT);
        if (!(path.equals("/api/v1/events") && method.equals("POST")))
          served.add(method + " " + path);
      }
    }
    // The dashboard's routes that read the log (sign-in, sign-out and static assets carry no data).
    for (String name : List.of("map-lists", "coverage", "materials", "reconstruction", "integrity"))
      served.add("GET /dashboard/panel/" + name);
    served.addAll(
        List.of(
            "GET /",
            "GET /dashboard/pulse",
            "GET /dashboard/zone/{id}",
            "POST /dashboard/what-if"));
    assertThat(table).containsAll(served);
  }
}
