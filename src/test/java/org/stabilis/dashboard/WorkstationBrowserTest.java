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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.App;
import org.stabilis.demo.DemoScenario;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.Chromium;

/**
 * The workstation in Debian's Chromium, against a real server with the demo loaded: keys made and
 * kept in the browser, statements from the forms, the offline queue, receipts checked in the page,
 * three languages and an accessibility check. Facts are read back from the API and the log.
 */
class WorkstationBrowserTest {
  private static final Path SCREENSHOTS = Paths.get("docs", "screenshots");
  private static final Path AXE =
      Paths.get("target", "npm", "axe.min.js"); // unpacked by the build (pom.xml)
  private static final Page.WaitForSelectorOptions LONG =
      new Page.WaitForSelectorOptions().setTimeout(30_000);

  @TempDir static Path dir;
  static DemoScenario.Loaded demo;
  static App app;
  static String base;
  static Chromium chromium;
  static Browser browser;
  static final HttpClient http = HttpClient.newHttpClient();

  /** The demo prints tokens for the coordinator and the observers; the others get theirs here. */
  static final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

  final List<BrowserContext> contexts = new ArrayList<>();
  final List<String> pageErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
  boolean expectRefusal;
  volatile boolean offline;

  @BeforeAll
  static void start() throws Exception {
    chromium = Chromium.launch();
    // The browser signs with its own clock, so the server keeps the real one.
    demo =
        DemoScenario.load(
            dir.resolve("demo"), Clock.systemUTC(), new SecureRandom(new byte[] {11}));
    app = demo.app();
    tokens.putAll(demo.tokens());
    base = chromium.serve(app);
    browser = chromium.browser();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
    if (app != null) app.close();
  }

  @AfterEach
  void closeContexts() {
    contexts.forEach(BrowserContext::close);
    assertThat(pageErrors).as("errors in the page's scripts").isEmpty();
  }

  private Page workstation(String party) {
    return workstation(party, com.microsoft.playwright.options.ServiceWorkerPolicy.ALLOW);
  }

  private Page workstation(
      String party, com.microsoft.playwright.options.ServiceWorkerPolicy workers) {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions().setViewportSize(1366, 768).setServiceWorkers(workers));
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(e -> pageErrors.add(party + ": " + e));
    page.onConsoleMessage(m -> {
      // The browser reports a refusal by the log (a 4xx to a submission) as a failed resource.
      // Offline, the dashboard's polling fails and says so; that is the network, not a script
      // fault.
      if (offline && (m.text().contains("htmx:") || m.text().contains("net::ERR_"))) return;
      if (m.type().equals("error")
          && !m.text().contains("net::ERR_INTERNET_DISCONNECTED")
          && !(expectRefusal && m.text().contains("status of 403")))
        pageErrors.add(party + ": " + m.text());
    });
    page.navigate(
        base
            + "/?token="
            + tokens.computeIfAbsent(
                party, p -> app.tokens.issue(p, java.time.Instant.now(), new SecureRandom())));
    try {
      page.waitForSelector("#workstation[data-ready=true]", LONG);
    } catch (RuntimeException e) {
      System.err.println(
          "DEBUG "
              + page.url()
              + "\n"
              + page.content().substring(0, Math.min(3000, page.content().length())));
      throw e;
    }
    page.waitForSelector("#leaflet[data-ready=true]", LONG);
    return page;
  }

  private static void importKey(Page page, String party) {
    page.fill("#ws-key-id", party + "-1");
    page.setInputFiles("#ws-import", demo.keysDir().resolve(party + ".pem"));
    page.waitForSelector("#ws-public");
  }

  private static void choose(Page page, String type) {
    page.selectOption("#ws-type", type);
    page.waitForSelector("#ws-form[data-type='" + type + "']");
  }

  /** The form's field for `name` at the top level of the body, by its label. */
  private static Locator field(Page page, String name) {
    return page.locator(
            "#ws-form .field[data-path='event.body." + name + "'] :is(input, select, textarea)")
        .first();
  }

  private static String incident(Page page, String id, String summary) {
    choose(page, "incident.reported");
    field(page, "id").fill(id);
    field(page, "category").selectOption("uxo");
    field(page, "severity").fill("2");
    field(page, "summary").fill(summary);
    Locator map = page.locator("#ws-form .field[data-path='event.body.location'] .pick-map");
    map.click(); // the middle of the Strip
    page.waitForFunction(
        "document.querySelector(\"#ws-form .field[data-path='event.body.location'] .pick-map\").dataset.picked");
    String picked = map.getAttribute("data-picked");
    page.click("#ws-sign");
    return picked;
  }

  private static Locator statement(Page page, String type, String state) {
    return page.locator("#ws-queue li[data-type='" + type + "'][data-state=" + state + "]");
  }

  // ---- keys, forms, receipts ------------------------------------------------------------------

  @Test
  void
      aKeyMadeInTheBrowser_isAddedByTheCoordinator_andSignsAnIncidentPickedOnTheMap_whoseReceiptThePageChecks()
          throws Exception {
    expectRefusal = true;
    Page idf = workstation("idf");
    idf.fill("#ws-key-id", "idf-web-1");
    idf.click("#ws-generate");
    idf.waitForSelector("#ws-public");
    String pub = idf.locator("#ws-public").innerText().strip();
    assertThat(Base64.getDecoder().decode(pub)).hasSize(32);
    assertThat(idf.locator("#ws-qr").getAttribute("data-modules")).isNotNull();
    // The private key stays in the browser: it is not extractable, and exporting it fails.
    assertThat(
            idf.evaluate(
                "async () => { const m = await import('/dashboard/assets/ws/keys.js');"
                    + " const k = await m.deviceKey('idf'); try { await crypto.subtle.exportKey('pkcs8', k.privateKey); return 'exported'; }"
                    + " catch (e) { return k.privateKey.extractable + ' ' + k.privateKey.algorithm.name; } }"))
        .isEqualTo("false Ed25519");

    // Before the coordinator adds the key, the log refuses it: the queue stops and says why.
    incident(idf, "inc-ws-early", "Illustrative: stated before the key was added");
    idf.waitForSelector("#ws-queue li[data-state=refused] .problem", LONG);
    assertThat(idf.locator("#ws-queue li[data-state=refused] .problem").innerText())
        .contains("coordinator must add it");

    // The coordinator, from its own workstation, with its own key imported once from its file.
    Page cmcc = workstation(DemoScenario.COORDINATOR);
    importKey(cmcc, DemoScenario.COORDINATOR);
    choose(cmcc, "party.key-added");
    field(cmcc, "party").fill("idf");
    cmcc.fill(
        "#ws-form fieldset[data-path='event.body.key'] .field[data-path='event.body.key.id'] input",
        "idf-web-1");
    cmcc.fill(
        "#ws-form fieldset[data-path='event.body.key'] .field[data-path='event.body.key.public'] input",
        pub);
    cmcc.click("#ws-sign");
    waitFor(
        cmcc,
        "#ws-queue li[data-type='party.key-added'][data-state=committed][data-verified=true]");

    // The refused statement is removed; a new one, its point picked on the map, goes through.
    idf.click("#ws-queue li[data-state=refused] button.remove");
    idf.waitForSelector(
        "#ws-queue li[data-state=refused]",
        new Page.WaitForSelectorOptions()
            .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    String picked =
        incident(idf, "inc-ws-1", "Illustrative: unexploded shell reported from the workstation");
    Locator done =
        idf.locator(
            "#ws-queue li[data-type='incident.reported'][data-state=committed][data-verified=true]");
    done.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
    assertThat(done.locator(".verified").innerText()).contains("Checked in this browser");

    // The log holds it, as signed by the browser's key, at the receipt's index, where it was
    // picked.
    long index =
        Long.parseLong(done.locator(".receipt").innerText().replaceAll("^\\D*(\\d+).*$", "$1"));
    JsonNode entry = entry(index);
    assertThat(entry.at("/event/key").asText()).isEqualTo("idf-web-1");
    assertThat(entry.at("/event/body/id").asText()).isEqualTo("inc-ws-1");
    // The location and summary were concealed by default (SPEC §2.10): digests on the log, the
    // values in disclosures that the coordinator, a reader of them, can read.
    assertThat(entry.at("/event/body").has("location")).isFalse();
    assertThat(entry.at("/event/body/_sd").size()).isEqualTo(2);
    JsonNode location = null;
    for (JsonNode d : api("/api/v1/log/disclosures?index=" + index).get("disclosures")) {
      JsonNode triple = StrictJson.mapper().readTree(Base64.getUrlDecoder().decode(d.asText()));
      if (triple.get(1).asText().equals("location")) location = triple.get(2);
    }
    assertThat(location).as("the location's disclosure").isNotNull();
    String[] lonLat = picked.split(",");
    assertThat(location.get(0).asDouble()).isEqualTo(Double.parseDouble(lonLat[0]));
    assertThat(location.get(1).asDouble()).isEqualTo(Double.parseDouble(lonLat[1]));
    // ... and the dashboard's map shows it, without a reload.
    idf.waitForSelector("#leaflet path[data-incident=inc-ws-1]", LONG);
  }

  @Test
  void aFormRefusesWhatTheSchemaRefuses_nextToTheField_andSignsNothing() throws Exception {
    Page idf = workstation("idf");
    importKey(idf, "idf");
    // Pickers offer the ids of the current projections: every zone, for a reported item's zone.
    choose(idf, "demil.item-reported");
    List<String> zones = new ArrayList<>();
    for (JsonNode z : api("/api/v1/zones").get("features")) zones.add(z.get("id").asText());
    assertThat(field(idf, "zone").getAttribute("list")).isEqualTo("ws-list-zones");
    assertThat(idf.locator("#ws-list-zones option").evaluateAll("os => os.map(o => o.value)"))
        .isEqualTo(zones);
    choose(idf, "incident.reported");
    field(idf, "id").fill("inc-ws-bad");
    field(idf, "category").selectOption("uxo");
    field(idf, "severity").fill("9");
    field(idf, "summary").fill("Illustrative: reported by the liaison at +972 52 123 4567");
    idf.click("#ws-sign");
    assertThat(error(idf, "event.body.severity")).isEqualTo("Enter a number from 1 to 5.");
    assertThat(
            (Boolean)
                idf.evaluate(
                    "document.activeElement === document.querySelector(\"#ws-form .field[data-path='event.body.severity'] input\")"))
        .isTrue();
    field(idf, "severity").fill("3");
    idf.click("#ws-sign");
    assertThat(error(idf, "event.body.location")).isEqualTo("This field is required.");
    idf.locator("#ws-form .field[data-path='event.body.location'] .pick-map").click();
    idf.click("#ws-sign");
    // Personal data is refused before signing, by the server's own pattern.
    assertThat(error(idf, "event.body.summary")).contains("telephone number");
    assertThat(
            idf.locator("#ws-form .field[data-path='event.body.location'] .field-error")
                .isVisible())
        .as("the location is fixed")
        .isFalse();
    assertThat(idf.locator("#ws-queue li").count()).as("nothing was signed").isZero();
  }

  // ---- offline --------------------------------------------------------------------------------

  @Test
  void offline_threeStatementsWaitOnTheDevice_andAreCommittedInOrderWhenTheNetworkReturns()
      throws Exception {
    Page idf = workstation("idf");
    importKey(idf, "idf");
    idf.waitForSelector("#workstation[data-offline-ready=true]", LONG);
    offline = true;
    idf.context().setOffline(true);
    // The page still opens without a network, from the service worker.
    idf.reload();
    idf.waitForSelector("#workstation[data-ready=true]", LONG);
    assertThat(idf.locator("#ws-online").innerText()).startsWith("Offline");
    long size = app.log.size();
    List<String> ids = List.of("inc-off-1", "inc-off-2", "inc-off-3");
    for (String id : ids) {
      incident(idf, id, "Illustrative: stated offline, " + id);
      idf.waitForSelector("#ws-queue li[data-state=queued] >> text=" + id);
    }
    assertThat(idf.locator("#ws-statements").getAttribute("data-waiting")).isEqualTo("3");
    assertThat(app.log.size()).as("nothing reached the log while offline").isEqualTo(size);

    idf.context().setOffline(false);
    idf.waitForSelector("#ws-statements[data-waiting='0']", LONG);
    offline = false;
    idf.waitForFunction(
        "document.querySelectorAll(\"#ws-queue li[data-type='incident.reported'][data-verified=true]\").length === 3",
        null,
        new Page.WaitForFunctionOptions().setTimeout(30_000));
    // In the log in the order they were signed, their seq growing.
    List<String> order = new ArrayList<>();
    long lastSeq = 0;
    for (long i = size; i < app.log.size(); i++) {
      JsonNode e = entry(i);
      if (!e.at("/event/type").asText().equals("incident.reported")) continue;
      order.add(e.at("/event/body/id").asText());
      assertThat(e.at("/event/seq").asLong()).isGreaterThan(lastSeq);
      lastSeq = e.at("/event/seq").asLong();
    }
    assertThat(order).isEqualTo(ids);
  }

  // ---- text is text ---------------------------------------------------------------------------

  @Test
  void scriptTypedIntoFreeText_isShownAsText_inTheQueueAndOnTheDashboard() throws Exception {
    Page idf = workstation("idf");
    importKey(idf, "idf");
    String payload =
        "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script> Illustrative";
    incident(idf, "inc-ws-text", payload);
    idf.waitForSelector("#ws-queue li[data-type='incident.reported'][data-verified=true]", LONG);
    assertThat(idf.locator("#ws-queue li pre.body").first().innerText())
        .contains(payload.replace("\"", "\\\""));
    idf.waitForSelector("#incident-table tr[data-incident=inc-ws-text]", LONG);
    assertThat(idf.locator("#incident-table tr[data-incident=inc-ws-text]").innerText())
        .contains("<img src=x");
    assertThat(idf.evaluate("window.__xss === undefined")).isEqualTo(true);
    assertThat(idf.locator("#workstation img, #incident-table img").count()).isZero();
  }

  @Test
  void aZoneDrawnOnTheMap_corner_byCorner_isSignedFromThePage_andServedWithThatGeometry()
      throws Exception {
    Page cmcc = workstation(DemoScenario.COORDINATOR);
    importKey(cmcc, DemoScenario.COORDINATOR);
    choose(cmcc, "zone.defined");
    field(cmcc, "id").fill("sea-approach-ws");
    field(cmcc, "name").fill("Illustrative: sea approach north of Gaza City");
    field(cmcc, "controller").fill("cmcc");
    // Four corners clicked in the upper middle of the map, the sea off the northern coast (the
    // map fits the Strip, which runs from south-west to north-east): no demo zone lies there.
    Locator map = cmcc.locator("#ws-form .field[data-path='event.body.geometry'] .pick-map");
    map.scrollIntoViewIfNeeded();
    cmcc.waitForFunction(
        "document.querySelector(\"#ws-form .field[data-path='event.body.geometry'] .pick-map\")"
            + ".querySelectorAll('path').length > 0");
    var box = map.boundingBox();
    for (double[] c : new double[][] {{0.36, 0.10}, {0.46, 0.10}, {0.46, 0.22}, {0.36, 0.22}})
      cmcc.mouse().click(box.x + c[0] * box.width, box.y + c[1] * box.height);
    Locator geometry =
        cmcc.locator("#ws-form .field[data-path='event.body.geometry'] textarea").first();
    JsonNode drawn = StrictJson.mapper().readTree(geometry.inputValue());
    assertThat(drawn.get("type").asText()).isEqualTo("Polygon");
    JsonNode ring = drawn.get("coordinates").get(0);
    assertThat(ring.size()).as("four corners and the first again").isEqualTo(5);
    assertThat(ring.get(4)).as("the ring is closed (RFC 7946 §3.1.6)").isEqualTo(ring.get(0));

    cmcc.click("#ws-sign");
    waitFor(
        cmcc, "#ws-queue li[data-type='zone.defined'][data-state=committed][data-verified=true]");

    // The zone is served with the geometry drawn, corner for corner, and the dashboard's map
    // draws it.
    JsonNode zone = api("/api/v1/zones/sea-approach-ws");
    assertThat(zone.at("/geometry/type").asText()).isEqualTo("Polygon");
    assertThat(zone.at("/geometry/coordinates")).isEqualTo(drawn.get("coordinates"));
    boolean listed = false;
    for (JsonNode f : api("/api/v1/zones").get("features"))
      if (f.get("id").asText().equals("sea-approach-ws")) {
        listed = true;
        assertThat(f.get("geometry")).isEqualTo(zone.get("geometry"));
      }
    assertThat(listed).as("in /api/v1/zones").isTrue();
    cmcc.waitForSelector("#leaflet path[data-zone=sea-approach-ws]", LONG);
  }

  // ---- languages and access -------------------------------------------------------------------

  @Test
  void inArabic_thePageIsRightToLeft_theChoiceIsRemembered_andAxeFindsNoViolation()
      throws Exception {
    // No service worker here: the test serves axe-core to the page itself, which one would pass by.
    Page cmcc =
        workstation(
            DemoScenario.COORDINATOR, com.microsoft.playwright.options.ServiceWorkerPolicy.BLOCK);
    cmcc.selectOption("#ws-lang", "ar");
    cmcc.waitForSelector("html[lang=ar][dir=rtl]");
    JsonNode ar = WorkstationMessagesTest.messages("ar");
    assertThat(cmcc.locator("#ws-h").innerText()).isEqualTo(ar.get("ws.title").asText());
    cmcc.reload();
    cmcc.waitForSelector("#workstation[data-ready=true]", LONG);
    assertThat(cmcc.locator("html").getAttribute("dir"))
        .as("the choice is remembered")
        .isEqualTo("rtl");
    importKey(cmcc, DemoScenario.COORDINATOR);
    choose(cmcc, "incident.reported");
    assertThat(cmcc.locator("#ws-form-h").innerText())
        .isEqualTo(ar.get("type.incident.reported").asText());
    field(cmcc, "severity").fill("7");
    cmcc.click("#ws-sign");
    assertThat(error(cmcc, "event.body.id")).isEqualTo(ar.get("check.required").asText());
    Files.createDirectories(SCREENSHOTS);
    cmcc.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("workstation-ar-1366x768.png")));
    assertThat(cmcc.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
        .as("no sideways scrolling")
        .isEqualTo(true);
    assertNoAxeViolations(cmcc);

    cmcc.selectOption("#ws-lang", "he");
    cmcc.waitForSelector("html[lang=he][dir=rtl]");
    assertThat(cmcc.locator("#ws-h").innerText())
        .isEqualTo(WorkstationMessagesTest.messages("he").get("ws.title").asText());
    choose(cmcc, "zone.defined");
    cmcc.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("workstation-he-1366x768.png")));
    cmcc.selectOption("#ws-lang", "en");
    cmcc.waitForSelector("html[lang=en][dir=ltr]");
    choose(cmcc, "zone.defined");
    assertNoAxeViolations(cmcc);
  }

  private static void assertNoAxeViolations(Page page) throws Exception {
    // Served from the page's own origin: the Content-Security-Policy admits no inline script.
    byte[] axe = Files.readAllBytes(AXE);
    page.route(
        base + "/test-only/axe.min.js",
        r ->
            r.fulfill(
                new com.microsoft.playwright.Route.FulfillOptions()
                    .setContentType("text/javascript")
                    .setBodyBytes(axe)));
    page.addScriptTag(new Page.AddScriptTagOptions().setUrl(base + "/test-only/axe.min.js"));
    Object found =
        page.evaluate(
            "async () => { const r = await axe.run(document.getElementById('workstation'),"
                + " { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });"
                + " return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')); }");
    assertThat((List<?>) found).as("axe-core violations in the workstation").isEmpty();
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** The message shown next to the field `path`, once the page has checked the form. */
  private static String error(Page page, String path) {
    Locator e = page.locator("#ws-form .field[data-path='" + path + "'] > .field-error");
    e.waitFor(new Locator.WaitForOptions().setTimeout(10_000));
    return e.innerText();
  }

  /** Waits for `selector`; on a timeout the failure carries what the statements list shows. */
  private static void waitFor(Page page, String selector) {
    try {
      page.waitForSelector(selector, LONG);
    } catch (com.microsoft.playwright.TimeoutError e) {
      throw new AssertionError(
          "no " + selector + "; the statements show: " + page.locator("#ws-statements").innerText(),
          e);
    }
  }

  private static JsonNode api(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + demo.tokens().get(DemoScenario.COORDINATOR))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return StrictJson.mapper().readTree(r.body());
  }

  private static JsonNode entry(long index) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/log/entries?start=" + index + "&end=" + (index + 1)))
                .header("Authorization", "Bearer " + demo.tokens().get(DemoScenario.COORDINATOR))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String data = StrictJson.mapper().readTree(r.body()).at("/entries/0/data").asText();
    return StrictJson.mapper().readTree(Base64.getDecoder().decode(data));
  }
}
