package org.stabilis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.EventSigner;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.testing.Chromium;
import org.stabilis.testing.TestLog;

/**
 * A hostile party writes script into every free-text field the log accepts (zone, node, item,
 * party, task, pledge and project names, sources, summaries, reasons, causes). A reader's browser
 * opens every panel, hovers and clicks every map feature, and watches new ones arrive by live
 * refresh: the text shows as text, and no dialog, script error, policy violation or injected
 * element ever appears.
 */
class DashboardXssTest {
  /**
   * Breaks out of an attribute, then tries an event handler, a script element and an SVG handler.
   */
  static final String P =
      "\"><img src=x onerror=alert(1)><script>alert(2)</script><svg onload=alert(3)>'";

  @TempDir static Path dir;
  static TestLog log;
  static String base;
  static String token;
  static Chromium chromium;
  static Browser browser;
  static final Map<String, EventSigner> signers = new java.util.HashMap<>();

  @BeforeAll
  static void start() {
    log = TestLog.create(dir);
    for (String[] p :
        new String[][] {
          {"sec", "security"},
          {"insp", "inspector"},
          {"impl", "implementer"},
          {"logi", "logistics"},
          {"contrib", "contributor"}
        }) signers.put(p[0], party(p[0], p[1]));
    say("coord", "zone.defined", zone("z-xss", 34.40, 31.45, 34.46, 31.50).put("source", P));
    say("coord", "node.defined", node("n-xss", "crossing", 34.41, 31.47));
    say("coord", "node.defined", node("w-xss", "warehouse", 34.43, 31.48));
    say(
        "coord",
        "material.item-defined",
        TestLog.obj()
            .put("code", "cement-x")
            .put("name", P)
            .put("unit", "kg")
            .put("dual_use", true));
    ObjectNode task =
        TestLog.obj()
            .put("id", "t-xss")
            .put("title", P)
            .put("source", P)
            .put("use_of_force", false)
            .put("priority", 1)
            .put("fallback_party", "sec");
    task.putArray("requirements").addObject().put("capability", "eod").put("units", 3);
    task.putArray("zones").add("z-xss");
    say("coord", "mandate.task-defined", task);
    ObjectNode pledge =
        TestLog.obj()
            .put("id", "pl-xss")
            .put("unit", P)
            .put("capability", "eod")
            .put("personnel", 10)
            .put("readiness", "ready")
            .put("available_from", "2026-10-01")
            .put("source", P);
    pledge.putObject("caveats").put("conditions", P);
    say("contrib", "pledge.made", pledge);
    say("impl", "project.registered", project("p-xss"));
    say("impl", "project.registered", project("p-xss-2"));
    say("coord", "project.rejected", TestLog.obj().put("id", "p-xss").put("reason", P));
    say("sec", "incident.reported", incident("inc-xss", 34.42, 31.46));
    ObjectNode item =
        TestLog.obj()
            .put("id", "item-xss")
            .put("zone", "z-xss")
            .put("category", "cache")
            .put("count", 1);
    item.putArray("location").add(34.45).add(31.46);
    say("sec", "demil.item-reported", item);
    say(
        "logi",
        "material.entered",
        TestLog.obj()
            .put("consignment", "c-xss")
            .put("item", "cement-x")
            .put("quantity", 1000)
            .put("crossing", "n-xss")
            .put("to", "w-xss"));
    say(
        "logi",
        "material.loss-reported",
        TestLog.obj()
            .put("at", "w-xss")
            .put("item", "cement-x")
            .put("quantity", 5)
            .put("cause", P));
    ObjectNode traced =
        TestLog.obj()
            .put("id", "item-xss-traced")
            .put("zone", "z-xss")
            .put("category", "rockets")
            .put("count", 1);
    traced.putArray("location").add(34.44).add(31.47);
    traced.putArray("traced").addObject().put("item", "cement-x").put("consignment", "c-xss");
    say("sec", "demil.item-reported", traced);
    say("insp", "zone.suspended", TestLog.obj().put("zone", "z-xss").put("reason", P));

    chromium = Chromium.launch();
    base = chromium.serve(log.app);
    browser = chromium.browser();
    token = log.app.tokens.issue("coord", log.app.clock.instant(), new SecureRandom());
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
    if (log != null) log.close();
  }

  @Test
  void scriptInEveryFreeTextField_isShownAsText_inEveryPanel_tooltip_andLiveRefresh() {
    List<String> incidents = new CopyOnWriteArrayList<>();
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900));
    try {
      Page page = context.newPage();
      page.onPageError(e -> incidents.add("page error: " + e));
      page.onConsoleMessage(m -> {
        if (m.type().equals("error")) incidents.add("console error: " + m.text());
      });
      page.onDialog(d -> {
        incidents.add("dialog: " + d.message());
        d.dismiss();
      });
      // Violations are reported even where the policy blocked the script: each is an injection.
      page.addInitScript(
          "window.__violations = [];"
              + "document.addEventListener('securitypolicyviolation', function (e) {"
              + " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });");
      page.navigate(base + "/?token=" + token);
      page.waitForSelector("#leaflet[data-ready=true]");

      // Every panel, through the navigation.
      for (String id : List.of("map", "coverage", "materials", "reconstruction", "integrity")) {
        page.click("header nav a[href='#" + id + "']");
        assertThat(page.locator("section#" + id).isVisible()).as(id).isTrue();
      }
      // The payload is on the page as text where each panel shows it.
      assertThat(page.locator("#zone-table").innerText()).contains(P);
      assertThat(page.locator("#incident-table").innerText()).contains(P);
      assertThat(page.locator("#coverage-table").innerText()).contains(P);
      assertThat(page.locator("#stock-table").innerText()).contains(P);
      assertThat(page.locator("#reconstruction").innerText()).contains(P);
      assertThat(page.locator("#trace-table").innerText()).contains(P);

      // Every map feature: hovered for its tooltip, zones clicked for their detail.
      hover(page, "#leaflet path[data-zone=z-xss]", P);
      hover(page, "#leaflet path[data-incident=inc-xss]", "inc-xss");
      hover(page, "#leaflet [data-node=n-xss]", P);
      hover(page, "#leaflet [data-node=w-xss]", P);
      // A thin dashed line: the pointer over its box may rest on a marker; the event goes to it.
      String trace = "#leaflet path[data-trace='item-xss-traced/c-xss']";
      Locator tip =
          Chromium.tooltipOpenedBy(page, () -> page.locator(trace).dispatchEvent("mouseover"));
      assertThat(tip.textContent()).contains("c-xss");
      assertThat(tip.locator("*").count()).isZero();
      page.locator(trace).dispatchEvent("mouseout");
      // Dispatched to the path itself: markers may lie over the middle of the zone.
      page.locator("#leaflet path[data-zone=z-xss]").dispatchEvent("click");
      page.waitForSelector("#zone-detail-h");
      assertThat(page.locator("#zone-detail-h").innerText()).isEqualTo(P);
      assertThat(page.locator("#zone-detail").innerText()).contains(P);
      page.locator("#zone-table tr[data-zone=z-xss] button").click();
      page.waitForSelector("#zone-history");

      // A what-if answer renders the task titles again.
      page.selectOption("#wi-change", "withdraw");
      page.selectOption("#wi-pledge", "pl-xss");
      page.click("#what-if button[type=submit]");
      page.waitForSelector("#what-if-figures");
      assertThat(page.locator("#what-if-table").innerText()).contains(P);

      // New features arriving by live refresh, while the page stays open.
      page.evaluate("window.__sameDocument = true");
      say("coord", "zone.defined", zone("z-xss-live", 34.47, 31.45, 34.52, 31.50));
      say("coord", "node.defined", node("n-xss-live", "warehouse", 34.49, 31.47));
      say("sec", "incident.reported", incident("inc-xss-live", 34.48, 31.46));
      page.waitForSelector(
          "#leaflet path[data-zone=z-xss-live]",
          new Page.WaitForSelectorOptions().setTimeout(15_000));
      page.waitForSelector(
          "#leaflet [data-node=n-xss-live]", new Page.WaitForSelectorOptions().setTimeout(15_000));
      page.waitForSelector(
          "#leaflet path[data-incident=inc-xss-live]",
          new Page.WaitForSelectorOptions().setTimeout(15_000));
      page.waitForSelector(
          "#incident-table tr[data-incident=inc-xss-live]",
          new Page.WaitForSelectorOptions().setTimeout(15_000));
      assertThat(page.evaluate("window.__sameDocument === true"))
          .as("the page was not reloaded")
          .isEqualTo(true);
      hover(page, "#leaflet path[data-zone=z-xss-live]", P);
      hover(page, "#leaflet [data-node=n-xss-live]", P);
      hover(page, "#leaflet path[data-incident=inc-xss-live]", "inc-xss-live");

      assertThat(
              page.evaluate(
                  "document.querySelectorAll('img[src=x], [onerror], [onload], script:not([src])').length"))
          .as("elements injected from log text")
          .isEqualTo(0);
      assertThat(page.evaluate("window.__violations.join('\\n')"))
          .as("Content-Security-Policy violations")
          .isEqualTo("");
    } finally {
      context.close();
    }
    assertThat(incidents).as("dialogs and script errors").isEmpty();
  }

  /**
   * Points at a map feature and checks that its tooltip holds {@code expected} as text. The events
   * go to the feature itself: features overlap (an incident lies inside its zone, and a live
   * refresh redraws the zones over it), so a pointer at its centre may rest on another one.
   */
  private static void hover(Page page, String selector, String expected) {
    Locator feature = page.locator(selector).first();
    Locator tip = Chromium.tooltipOpenedBy(page, () -> feature.dispatchEvent("mouseover"));
    assertThat(tip.textContent()).as("tooltip of " + selector).contains(expected);
    assertThat(tip.locator("*").count()).as("elements inside the tooltip of " + selector).isZero();
    feature.dispatchEvent("mouseout");
  }

  // ---- the hostile statements -------------------------------------------------------------

  private static EventSigner party(String id, String role) {
    Ed25519PrivateKey k = Ed25519PrivateKey.generate(new SecureRandom());
    ObjectNode b = TestLog.obj().put("id", id).put("name", P).put("kind", "test");
    b.putArray("roles").add(role);
    b.putArray("keys").addObject().put("id", id + "-1").put("public", k.publicKey().base64());
    log.accept(log.coordinator, "party.registered", b);
    return new EventSigner(id, id + "-1", k, 0);
  }

  private static void say(String party, String type, ObjectNode body) {
    log.accept(party.equals("coord") ? log.coordinator : signers.get(party), type, body);
  }

  private static ObjectNode zone(String id, double lon0, double lat0, double lon1, double lat1) {
    ObjectNode b = TestLog.obj().put("id", id).put("name", P).put("controller", "sec");
    ObjectNode g = b.putObject("geometry").put("type", "Polygon");
    var ring = g.putArray("coordinates").addArray();
    for (double[] c :
        new double[][] {{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}})
      ring.addArray().add(c[0]).add(c[1]);
    return b;
  }

  private static ObjectNode node(String id, String kind, double lon, double lat) {
    ObjectNode b = TestLog.obj().put("id", id).put("kind", kind).put("name", P);
    b.putArray("location").add(lon).add(lat);
    return b;
  }

  private static ObjectNode project(String id) {
    ObjectNode b = TestLog.obj().put("id", id).put("zone", "z-xss").put("kind", P).put("name", P);
    b.putArray("location").add(34.44).add(31.49);
    b.putArray("materials").addObject().put("item", "cement-x").put("quantity", 100);
    return b;
  }

  private static ObjectNode incident(String id, double lon, double lat) {
    ObjectNode b =
        TestLog.obj().put("id", id).put("category", "uxo").put("severity", 3).put("summary", P);
    b.putArray("location").add(lon).add(lat);
    return b;
  }
}
