package org.stabilis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.demo.DemoScenario;
import org.stabilis.log.EventSigner;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.Chromium;

/**
 * The dashboard in Debian's Chromium, driven by Playwright, against a real server with the demo
 * loaded: every expected figure is read from the API the dashboard claims to show.
 */
class DashboardBrowserTest {
  private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
  private static final Path DOCS = Paths.get("docs", "screenshots");
  private static final Instant NOW = Instant.parse("2025-12-20T00:00:00Z");

  @TempDir static Path dir;
  static DemoScenario.Loaded demo;
  static App app;
  static String base;
  static Chromium chromium;
  static Browser browser;
  static final HttpClient http = HttpClient.newHttpClient();
  BrowserContext context;
  final List<String> pageErrors = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    chromium = Chromium.launch();
    demo =
        DemoScenario.load(
            dir.resolve("demo"),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new SecureRandom(new byte[] {7}));
    app = demo.app();
    base = chromium.serve(app);
    browser = chromium.browser();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
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
        .as("the stock, written by the reader's locale")
        .isEqualTo(
            java.text.NumberFormat.getIntegerInstance(java.util.Locale.ENGLISH)
                .format(row.get("stock").asLong()));
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

  // ---- languages --------------------------------------------------------------------------

  @Test
  void inArabic_everyPanelReadsRightToLeft_inArabic_withNumbersAndDatesByLocale() throws Exception {
    Page page = signedIn(1366, 768, DemoScenario.COORDINATOR);
    page.waitForSelector("#workstation[data-ready=true]");
    page.selectOption("#ws-lang", "ar");
    page.waitForSelector("html[lang=ar][dir=rtl][data-language=ar]");
    JsonNode ar = WorkstationMessagesTest.messages("ar");
    for (String[] h :
        new String[][] {
          {"#map-h", "dash.map.title"},
          {"#coverage-h", "dash.coverage.title"},
          {"#materials-h", "page.nav.materials"},
          {"#reconstruction-h", "page.nav.reconstruction"},
          {"#reciprocity-h", "dash.reciprocity.title"},
          {"#integrity-h", "dash.integrity.title"}
        }) assertThat(page.locator(h[0]).innerText()).as(h[0]).isEqualTo(ar.get(h[1]).asText());
    // Every message the server marked is in Arabic: no header, caption or label left in English.
    @SuppressWarnings("unchecked")
    List<List<String>> marked =
        (List<List<String>>)
            page.evaluate(
                "[...document.querySelectorAll('main [data-i18n]:not([data-i18n-args])')]"
                    + ".map(e => [e.dataset.i18n, e.textContent])");
    assertThat(marked).hasSizeGreaterThan(100);
    for (List<String> m : marked)
      assertThat(m.get(1)).as(m.get(0)).isEqualTo(ar.get(m.get(0)).asText());
    assertThat(page.locator("#zone-table tr[data-zone=rafah-idf] .status").innerText())
        .isEqualTo(ar.get("status.verified").asText());
    assertThat(page.locator("#coverage-table tr[data-task=demil-enforce] .fallback").innerText())
        .isEqualTo(ar.get("dash.coverage.inherited").asText().replace("{party}", "idf"));
    // Numbers in the Arabic digits of the locale, with the same value as the API's.
    JsonNode row = null;
    for (JsonNode b : api("/api/v1/materials/balance").get("balances"))
      if (b.get("holder_kind").asText().equals("node") && b.get("stock").asLong() >= 1000) {
        row = b;
        break;
      }
    assertThat(row).as("the demo holds a thousand or more of an item at a node").isNotNull();
    String stock =
        page.locator(
                "#stock-table tr[data-holder="
                    + row.get("holder").asText()
                    + "][data-item="
                    + row.get("item").asText()
                    + "] .stock")
            .innerText();
    // Grouped by the locale (Latin or Arabic-Indic digits, as the browser's locale data has it).
    assertThat(stock).as("grouped by the locale").isNotEqualTo(row.get("stock").asText());
    assertThat(digits(stock)).isEqualTo(row.get("stock").asText());
    // Moments by locale: the month of an incident's time is named in Arabic, the year is 2025.
    String time = page.locator("#incident-table time").first().innerText();
    assertThat(time).matches("(?s).*[\\u0621-\\u064A].*");
    assertThat(digits(time)).contains("2025");
    // A fragment htmx swaps in arrives in English and is shown in Arabic.
    page.locator("#zone-table tr[data-zone=rafah-idf] button").click();
    page.waitForSelector("#zone-history");
    page.waitForFunction(
        "document.querySelector('#zone-history caption').textContent === "
            + StrictJson.mapper().writeValueAsString(ar.get("dash.zone.history").asText()));
    assertThat(page.locator("#zone-history thead th").first().innerText())
        .isEqualTo(ar.get("dash.col.time").asText());
    assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
        .as("no sideways scrolling at 1366×768 in Arabic")
        .isEqualTo(true);
    Files.createDirectories(DOCS);
    page.locator("#map").scrollIntoViewIfNeeded();
    page.evaluate("window.scrollTo(0, document.getElementById('map').offsetTop - 8)");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(DOCS.resolve("dashboard-ar-1366x768.png")));
    page.evaluate("window.scrollTo(0, document.getElementById('coverage').offsetTop - 8)");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(DOCS.resolve("dashboard-ar-panels-1366x768.png")));
    // Back to English for the next reader of this browser profile.
    page.selectOption("#ws-lang", "en");
    page.waitForSelector("html[lang=en][dir=ltr]");
  }

  /** The digits in `s`, Arabic-Indic ones read as 0–9, everything else dropped. */
  private static String digits(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray())
      if (c >= '\u0660' && c <= '\u0669') b.append((char) ('0' + (c - '\u0660')));
      else if (Character.isDigit(c)) b.append(c);
    return b.toString();
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
    assertThat(page.locator("header .who").innerText()).contains("donors (observers)");
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
