package org.stabilis.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.javalin.Javalin;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stabilis.App;

/**
 * Debian's Chromium driven by Playwright, and the servers the browser tests open in it: every
 * browser test starts them here, the same way. Closing it closes the browser and stops every server
 * it started (the {@link App}s stay the caller's to close).
 */
public final class Chromium implements AutoCloseable {
  private final Playwright playwright;
  private final Browser browser;
  private final List<Javalin> servers = new ArrayList<>();

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Headless, with nothing that reaches the network by itself. */
  public static Chromium launch() {
    Path chromium = onPath();
    // Playwright's own browser builds are never downloaded: the system's Chromium is the one.
    Playwright p =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser b =
          p.chromium()
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
      return new Chromium(p, b);
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /**
   * Debian's Chromium, found on PATH; its absence fails the build rather than skipping the tests.
   */
  public static Path onPath() {
    String path = System.getenv("PATH");
    for (String d : (path == null ? "" : path).split(File.pathSeparator)) {
      Path p = Path.of(d, "chromium");
      if (Files.isExecutable(p)) return p;
    }
    throw new IllegalStateException(
        "the browser tests need Debian's Chromium as `chromium` on PATH "
            + "(apt-get install chromium); PATH is "
            + path);
  }

  public Browser browser() {
    return browser;
  }

  /**
   * Serves {@code app}'s web interface on a free loopback port, until this is closed; returns its
   * base URL, e.g. {@code http://127.0.0.1:41234}.
   */
  public String serve(App app) {
    Javalin web = app.web().start("127.0.0.1", 0);
    servers.add(web);
    return "http://127.0.0.1:" + web.port();
  }

  @Override
  public void close() {
    try {
      browser.close();
      playwright.close();
    } finally {
      servers.forEach(Javalin::stop);
    }
  }

  /**
   * The map tooltip that {@code trigger} opens. Leaflet removes a closed tooltip only after its
   * fade, so the tooltip of the feature hovered before may still be in the page: this waits until
   * none is, runs {@code trigger}, then waits for the one it opened.
   */
  public static Locator tooltipOpenedBy(Page page, Runnable trigger) {
    Locator tips = page.locator(".leaflet-tooltip");
    tips.first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
    trigger.run();
    Locator tip = tips.last();
    tip.waitFor();
    return tip;
  }
}
