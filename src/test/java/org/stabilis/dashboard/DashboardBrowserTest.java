package org.stabilis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.demo.DemoScenario;
import org.stabilis.log.EventSigner;
import org.stabilis.log.canonical.StrictJson;

/**
 * The dashboard in Debian's Chromium, driven by Playwright, against a real server with the demo
 * loaded: every expected figure is read from the API the dashboard claims to show.
 */
class DashboardBrowserTest {
  private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  private static final Instant NOW = Instant.parse("2025-12-20T00:00:00Z");

  @TempDir static Path dir;
  static DemoScenario.Loaded demo;
  static App app;
  static io.javalin.Javalin web;
  static String base;
  static Playwright playwright;
  static Browser browser;
  static final HttpClient http = HttpClient.newHttpClient();
  BrowserContext context;
  final List<String> pageErrors = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path chromium = chromiumOnPath();
    demo =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new SecureRandom(new byte[] {7}));
    app = demo.app();
    web = app.web().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + web.port();
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run",
                            "--disable-quic")));
  }

  /**
   * Debian's Chromium, found on PATH; its absence fails the build rather than skipping these tests.
   */
  static Path chromiumOnPath() {
    String path = System.getenv("PATH");
    for (String d : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
      Path p = Paths.get(d, "chromium");
      if (Files.isExecutable(p)) return p;
    }
    throw new IllegalStateException(
        "the dashboard tests need Debian's Chromium as `chromium` on PATH "
            + "(apt-get install chromium); PATH is "
            + path);
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
    if (web != null) web.stop();
    if (app != null) app.close();
  }

  @AfterEach
  void closeContext() {
    if (context != null) context.close();
    assertThat(pageErrors).as("errors in the page's scripts").isEmpty();
  }

  private Page signedIn(int width, int height, String party) {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    Page page = context.newPage();
    // Script errors fail the test with their message, not with a timeout.
    page.onPageError(e -> pageErrors.add(e));
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) pageErrors.add(m.text());
    });
    page.navigate(base + "/?token=" + demo.tokens().get(party));
    page.waitForSelector("#leaflet[data-ready=true]");
    return page;
  }

  // ---- panels -----------------------------------------------------------------------------

  @Test
  void signingInWithTheDemoAddress_takesTheTokenOutOfTheAddress_andEachPanelShowsTheDemoFigures()
      throws Exception {
    Page page = signedIn(1366, 768, DemoScenario.COORDINATOR);
    assertThat(page.url()).isEqualTo(base + "/");

    // Coverage: the figures of /api/v1/coverage, and the demo's known gap.
    JsonNode cov = api("/api/v1/coverage");
    assertThat(figure(page, "#coverage-figures", "uncovered"))
        .isEqualTo(cov.get("uncovered_units").asText());
    assertThat(figure(page, "#coverage-figures", "required"))
        .isEqualTo(cov.get("required_units").asText());
    Locator demil = page.locator("#coverage-table tr[data-task=demil-enforce]");
    assertThat(demil.locator(".uncovered").innerText()).isEqualTo("5");
    assertThat(demil.locator(".fallback").innerText()).isEqualTo("inherited by idf");
    for (JsonNode t : cov.get("tasks"))
      assertThat(
              page.locator("#coverage-table tr[data-task=" + t.get("id").asText() + "] .uncovered")
                  .innerText())
          .isEqualTo(
              String.valueOf(t.get("required_units").asInt() - t.get("assigned_units").asInt()));
    assertThat(page.locator("#coverage canvas").count()).isEqualTo(1);

    // Map: every zone drawn with its status, listed as text, and every incident drawn.
    JsonNode zones = api("/api/v1/zones").get("features");
    assertThat(page.locator("#leaflet path[data-zone]").count()).isEqualTo(zones.size());
    for (JsonNode z : zones) {
      String id = z.get("id").asText(), status = z.at("/properties/status").asText();
      assertThat(page.locator("#zone-table tr[data-zone=" + id + "] .status").innerText())
          .isEqualTo(status);
      assertThat(page.locator("#leaflet path[data-zone=" + id + "]").getAttribute("data-status"))
          .isEqualTo(status);
    }
    assertThat(page.locator("#zone-table tr[data-zone=rafah-idf] .status").innerText())
        .isEqualTo("verified");
    assertThat(page.locator("#zone-table tr[data-zone=deir-al-balah-idf] .status").innerText())
        .isEqualTo("suspended");
    int incidents = api("/api/v1/incidents").get("incidents").size();
    assertThat(page.locator("#leaflet path[data-incident]").count()).isEqualTo(incidents);
    assertThat(page.locator("#leaflet .node-icon").count())
        .isEqualTo(api("/api/v1/materials/nodes").get("nodes").size());

    // A zone chosen in the list shows its history and the evidence digests behind it.
    page.locator("#zone-table tr[data-zone=rafah-idf] button").click();
    JsonNode history = api("/api/v1/zones/rafah-idf").at("/properties/status_history");
    String digest = history.get(history.size() - 1).get("evidence").get(0).asText();
    page.waitForSelector("#zone-history code.digest");
    assertThat(page.locator("#zone-detail").innerText())
        .contains(digest)
        .contains("in-progress → verified");

    // Reconstruction: gate states and the waiting project.
    JsonNode projects = api("/api/v1/projects").get("projects");
    for (String state : List.of("pending", "approved", "frozen")) {
      long n = 0;
      for (JsonNode p : projects) if (p.get("gate_state").asText().equals(state)) n++;
      assertThat(figure(page, "#gate-figures", state)).as(state).isEqualTo(Long.toString(n));
    }
    assertThat(page.locator("#pending-table tr[data-project=proj-shelter-2]").innerText())
        .contains("gaza-city-west")
        .contains("25 d");

    // Materials: open alerts and stock as the materials API answers.
    long open = 0;
    for (JsonNode a : api("/api/v1/materials/alerts").get("alerts"))
      if (a.get("status").asText().equals("open")) open++;
    assertThat(figure(page, "#materials-figures", "open-alerts")).isEqualTo(Long.toString(open));
    JsonNode row = null;
    for (JsonNode b : api("/api/v1/materials/balance").get("balances"))
      if (b.get("holder_kind").asText().equals("node")) {
        row = b;
        break;
      }
    assertThat(row).as("the demo holds stock at a node").isNotNull();
    assertThat(
            page.locator(
                    "#stock-table tr[data-holder="
                        + row.get("holder").asText()
                        + "][data-item="
                        + row.get("item").asText()
                        + "] .stock")
                .innerText())
        .isEqualTo(row.get("stock").asText());
    assertThat(page.locator("#flow-table tbody tr").count()).isGreaterThan(0);

    // Integrity: the checkpoint and key exactly as served publicly.
    assertThat(page.locator("#checkpoint").innerText().strip())
        .isEqualTo(text("/api/v1/log/checkpoint").strip());
    assertThat(page.locator("#verifier-key").innerText())
        .isEqualTo(text("/api/v1/log/key").strip());
    assertThat(page.locator("#independent-check").innerText())
        .contains("openssl pkeyutl -verify")
        .contains("B=" + base + "/api/v1");

    screenshot(page, "dashboard-1366x768.png");
    assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
        .as("no sideways scrolling at 1366×768")
        .isEqualTo(true);
  }

  @Test
  void onAWallScreen_thePageUsesTheWidth_andKeepsEveryPanel() throws Exception {
    Page page = signedIn(2560, 1440, DemoScenario.COORDINATOR);
    for (String id : List.of("map", "coverage", "materials", "reconstruction", "integrity"))
      assertThat(page.locator("section#" + id).isVisible()).as(id).isTrue();
    assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
        .isEqualTo(true);
    assertThat(
            (Number)
                page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))
        .as("text grows on a large screen")
        .satisfies(n -> assertThat(n.doubleValue()).isGreaterThan(16));
    screenshot(page, "dashboard-2560x1440.png");
  }

  // ---- live -------------------------------------------------------------------------------

  @Test
  void anIncidentPostedThroughTheApi_appearsOnTheMapAndInTheList_withoutAReload() throws Exception {
    Page page = signedIn(1366, 768, DemoScenario.COORDINATOR);
    page.evaluate("window.__sameDocument = true");
    JsonNode existing = api("/api/v1/incidents").get("incidents").get(0);
    var body =
        StrictJson.mapper()
            .createObjectNode()
            .put("id", "inc-browser-1")
            .put("category", "uxo")
            .put("severity", 2)
            .put("summary", "Illustrative: test incident posted while the dashboard is open");
    body.set("location", existing.get("location"));
    var signer =
        new EventSigner("idf", "idf-1", App.readKey(demo.keysDir().resolve("idf.pem")), 1_000_000);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        signer.submission("incident.reported", body, NOW)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);

    page.waitForSelector(
        "#leaflet path[data-incident=inc-browser-1]",
        new Page.WaitForSelectorOptions().setTimeout(15_000));
    page.waitForSelector(
        "#incident-table tr[data-incident=inc-browser-1]",
        new Page.WaitForSelectorOptions().setTimeout(15_000));
    assertThat(page.evaluate("window.__sameDocument === true"))
        .as("the page was not reloaded")
        .isEqualTo(true);
    assertThat(page.locator("#pulse-size").innerText()).isEqualTo(Long.toString(app.log.size()));
    assertThat(page.locator("#integrity-figures [data-figure=size] dd").innerText())
        .isEqualTo(Long.toString(app.log.size()));
  }

  @Test
  void aWhatIf_changesTheCoverageShown_andWritesNothingToTheLog() throws Exception {
    Page page = signedIn(1366, 768, DemoScenario.COORDINATOR);
    long size = app.log.size();
    String before = figure(page, "#coverage-figures", "uncovered");
    // The same hypothetical as the form sends, asked of the API, gives the expected answer.
    String req =
        "{\"changes\":[{\"add\":{\"id\":\"what-if-idn-eod\",\"party\":\"idn\",\"capability\":\"eod\","
            + "\"readiness\":\"ready\",\"available_from\":\"2025-11-01\"}}]}";
    JsonNode expected =
        StrictJson.mapper()
            .readTree(
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/coverage/what-if"))
                            .header(
                                "Authorization",
                                "Bearer " + demo.tokens().get(DemoScenario.COORDINATOR))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(req))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
    String after = expected.at("/coverage/uncovered_units").asText();
    assertThat(after).isNotEqualTo(before);

    page.selectOption("#wi-change", "add");
    page.selectOption("#wi-party", "idn");
    page.selectOption("#wi-capability", "eod");
    page.selectOption("#wi-readiness", "ready");
    page.fill("#wi-from", "2025-11-01");
    page.click("#what-if button[type=submit]");
    page.waitForSelector("#what-if-figures");

    assertThat(page.locator("#what-if-figures [data-figure=uncovered] dd").innerText())
        .isEqualTo(after + " (was " + before + ")");
    assertThat(page.locator("#coverage-view .banner").innerText())
        .contains("Nothing was written to the log");
    assertThat(app.log.size()).isEqualTo(size);
    assertThat(api("/healthz").get("size").asLong()).isEqualTo(size);
    screenshot(page, "dashboard-what-if.png");
  }

  // ---- access and usability ---------------------------------------------------------------

  @Test
  void theKeyboardReachesTheSkipLink_first_andOpensAZoneFromTheList() {
    Page page = signedIn(1366, 768, DemoScenario.COORDINATOR);
    page.keyboard().press("Tab");
    assertThat(page.evaluate("document.activeElement.textContent")).isEqualTo("Skip to the panels");
    page.locator("#zone-table tr[data-zone=deir-al-balah-idf] button").focus();
    page.keyboard().press("Enter");
    page.waitForSelector("#zone-detail-h");
    // htmx moves the focus once the swapped content has settled, a moment after it appears.
    page.waitForFunction(
        "document.activeElement && document.activeElement.id === 'zone-detail-h'",
        null,
        new Page.WaitForFunctionOptions().setTimeout(15_000));
    assertThat(page.evaluate("document.activeElement.id")).isEqualTo("zone-detail-h");
    assertThat(page.locator("#zone-detail").innerText()).contains("verified → suspended");
  }

  @Test
  void withoutASession_thePageAsksForAToken_andTheFragmentsAndApiRefuse() throws Exception {
    context = browser.newContext();
    Page page = context.newPage();
    page.navigate(base + "/");
    assertThat(page.locator("label[for=token]").innerText()).isEqualTo("Token");
    page.fill("#token", "stb_not-a-real-token");
    page.click("button[type=submit]");
    assertThat(page.locator("[role=alert]").innerText()).contains("not valid");
    assertThat(status("/dashboard/panel/coverage")).isEqualTo(401);
    assertThat(status("/dashboard/zone/rafah-idf")).isEqualTo(401);
    // Signing in through the form sets the session the page then uses.
    page.fill("#token", demo.tokens().get("donors"));
    page.click("button[type=submit]");
    page.waitForSelector("#leaflet[data-ready=true]");
    assertThat(page.locator("header .who").innerText()).contains("donors (observer)");
    assertThat(context.cookies().get(0).httpOnly).isTrue();
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static String figure(Page page, String list, String key) {
    return page.locator(list + " [data-figure=" + key + "] dd").innerText().strip();
  }

  private static void screenshot(Page page, String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(false));
  }

  private static JsonNode api(String path) throws Exception {
    return StrictJson.mapper().readTree(text(path));
  }

  private static String text(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + demo.tokens().get(DemoScenario.COORDINATOR))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  private static int status(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static HttpResponse<String> get(String path, String cookie) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
