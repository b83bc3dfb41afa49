package org.stabilis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.testing.Chromium;
import org.stabilis.testing.World;

/**
 * The diversion trace on the dashboard, in Debian's Chromium: every trace of {@code /api/v1/trace}
 * drawn on the map from its crossing to the project it was meant for, and listed with its path as
 * text in the materials panel.
 */
class DashboardTraceBrowserTest {
  @TempDir static Path dir;
  static World w;
  static Chromium chromium;
  static String base;
  static String token;
  static Browser browser;

  @BeforeAll
  static void start() {
    w = new World(dir);
    w.zone("khan-younis", 34.28, 31.33);
    w.ok(
        "cmcc",
        "policy.gate-set",
        World.obj().put("require_verified_zone", false).put("min_decommissioned_share", 0));
    w.ok(
        "cmcc",
        "material.item-defined",
        World.obj()
            .put("code", "pipes")
            .put("name", "Steel pipes")
            .put("unit", "m")
            .put("dual_use", true));
    Object[][] nodes = {
      {"kerem", "crossing", 34.27, 31.22},
      {"wh-a", "warehouse", 34.30, 31.30},
      {"wh-b", "warehouse", 34.31, 31.36}
    };
    for (Object[] n : nodes) {
      ObjectNode b =
          World.obj()
              .put("id", (String) n[0])
              .put("kind", (String) n[1])
              .put("name", "Node " + n[0]);
      b.putArray("location").add((double) n[2]).add((double) n[3]);
      w.ok("cmcc", "node.defined", b);
    }
    ObjectNode p =
        World.obj().put("id", "water-1").put("zone", "khan-younis").put("kind", "water-network");
    p.putArray("location").add(34.30).add(31.35);
    p.putArray("materials").addObject().put("item", "pipes").put("quantity", 500);
    w.ok("impl", "project.registered", p);
    w.ok("cmcc", "project.approved", World.obj().put("id", "water-1").put("reason", "gate holds"));
    for (String c : List.of("c-77", "c-78"))
      w.ok(
          "unops",
          "material.entered",
          World.obj()
              .put("consignment", c)
              .put("item", "pipes")
              .put("quantity", 800)
              .put("crossing", "kerem")
              .put("to", "wh-a"));
    w.ok(
        "unops",
        "material.transferred",
        World.obj()
            .put("shipment", "s-1")
            .put("item", "pipes")
            .put("quantity", 600)
            .put("from", "wh-a")
            .put("to", "wh-b"));
    w.ok("unops", "material.received", World.obj().put("shipment", "s-1").put("quantity", 600));
    w.ok(
        "unops",
        "material.transferred",
        World.obj()
            .put("shipment", "s-2")
            .put("item", "pipes")
            .put("quantity", 400)
            .put("from", "wh-b")
            .put("to", "water-1"));
    ObjectNode find = World.obj().put("id", "r-1").put("category", "rockets").put("count", 3);
    find.putArray("location").add(34.30).add(31.34);
    find.putArray("traced").addObject().put("item", "pipes").put("consignment", "c-77");
    w.ok("idf", "demil.item-reported", find);

    chromium = Chromium.launch();
    base = chromium.serve(w.app);
    browser = chromium.browser();
    token = w.app.tokens.issue("cmcc", World.T0, new SecureRandom());
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
    if (w != null) w.close();
  }

  @Test
  void everyTraceOfTheApi_isDrawnToTheProjectItWasMeantFor_andListedWithItsPath() throws Exception {
    JsonNode traces = api("/api/v1/trace").path("traces");
    assertThat(traces).hasSize(1);
    JsonNode t = traces.get(0);
    List<String> errors = new CopyOnWriteArrayList<>();
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 900));
    try {
      Page page = context.newPage();
      page.onPageError(e -> errors.add("page error: " + e));
      page.onConsoleMessage(m -> {
        if (m.type().equals("error")) errors.add("console error: " + m.text());
      });
      page.navigate(base + "/?token=" + token);
      page.waitForSelector("#leaflet[data-ready=true]");

      // The map: one dashed path per trace, ending where the API says it was meant for.
      assertThat(page.locator("#leaflet").getAttribute("data-traces")).isEqualTo("1");
      Locator path = page.locator("#leaflet path[data-trace='r-1/c-77']");
      assertThat(path.count()).isEqualTo(1);
      assertThat(path.getAttribute("data-meant-for")).isEqualTo(t.path("meant_for").asText());
      // A thin dashed line: the event goes to the line itself, not to whatever lies at its box's
      // centre.
      Locator tip = Chromium.tooltipOpenedBy(page, () -> path.dispatchEvent("mouseover"));
      assertThat(tip.textContent())
          .isEqualTo(
              "find r-1 ← consignment c-77 of pipes: kerem → wh-a → wh-b → water-1"
                  + " · meant for water-1");
      assertThat(tip.locator("*").count()).isZero();

      // The panel: the same trace as text, each step with its log entry.
      Locator row = page.locator("#trace-table tr[data-trace='r-1/c-77']");
      assertThat(row.locator(".meant-for").innerText()).isEqualTo("water-1");
      List<String> steps = row.locator("ol.trace-path li").allInnerTexts();
      assertThat(steps).hasSize(1 + t.path("movements").size());
      assertThat(steps.get(0))
          .startsWith("entered at Node kerem (crossing) into Node wh-a (warehouse): 800 [c-77]")
          .contains("entry " + t.path("entry").path("index").asLong());
      assertThat(steps.get(steps.size() - 1))
          .startsWith("sent from Node wh-b (warehouse) to water-1 (project): 400 [s-2]");
      // A consignment no find is traced to is not drawn.
      assertThat(page.locator("#leaflet path[data-trace$='/c-78']").count()).isZero();
    } finally {
      context.close();
    }
    assertThat(errors).as("script errors").isEmpty();
  }

  private static JsonNode api(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return StrictJson.mapper().readTree(r.body());
  }
}
