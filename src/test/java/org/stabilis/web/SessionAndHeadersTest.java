package org.stabilis.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.testing.TestLog;

/**
 * Dashboard sessions are server-side: the cookie carries a session id, not the token; signing out,
 * expiry and revoking the token each end what the old cookie can read. Every response carries the
 * security headers.
 */
class SessionAndHeadersTest {
  @TempDir Path dir;
  TestLog log;
  final MovableClock clock = new MovableClock(TestLog.T0);
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  final List<Javalin> servers = new java.util.ArrayList<>();
  String token;

  /** A clock the test moves forward, to see a session expire. */
  static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void start() {
    log = TestLog.create(dir, clock);
    token = log.app.tokens.issue("coord", clock.instant(), new SecureRandom());
  }

  @AfterEach
  void stop() {
    servers.forEach(Javalin::stop);
    log.close();
  }

  String serve(Auth.Settings settings) {
    Javalin web = log.app.web(settings).start("127.0.0.1", 0);
    servers.add(web);
    return "http://127.0.0.1:" + web.port();
  }

  HttpResponse<String> signIn(String base, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/signin"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("token=" + token));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String setCookie(HttpResponse<?> r) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(Auth.COOKIE + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + r.headers().map()));
  }

  /** The "name=value" part of a Set-Cookie header, as a browser sends it back. */
  static String cookie(String setCookie) {
    return setCookie.split(";", 2)[0];
  }

  int statusWith(String base, String path, String cookie) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void theCookieCarriesASessionId_notTheToken_andSigningOutEndsIt_evenForACopyOfTheCookie()
      throws Exception {
    String base = serve(Auth.Settings.DEFAULT);
    HttpResponse<String> in = signIn(base);
    assertThat(in.statusCode()).isEqualTo(303);
    String set = setCookie(in);
    assertThat(set)
        .doesNotContain(token)
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .doesNotContain("Secure");
    String copy = cookie(set);
    assertThat(statusWith(base, "/dashboard/panel/integrity", copy)).isEqualTo(200);
    assertThat(statusWith(base, "/api/v1/log/entries?start=0&end=1", copy)).isEqualTo(200);

    HttpResponse<String> out =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/signout"))
                .header("Cookie", copy)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(""))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(statusWith(base, "/dashboard/panel/integrity", copy))
        .as("the old cookie after sign-out")
        .isEqualTo(401);
    assertThat(statusWith(base, "/api/v1/log/entries?start=0&end=1", copy)).isEqualTo(401);
    // The page asks for a token again.
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", copy).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())
        .contains("name=\"token\"");
    // The token itself still works: signing out ends the session, not the token.
    assertThat(statusWith(base, "/dashboard/panel/integrity", cookie(setCookie(signIn(base)))))
        .isEqualTo(200);
  }

  @Test
  void aSessionEnds_whenItExpires_andWhenItsTokenIsRevoked() throws Exception {
    String base = serve(Auth.Settings.DEFAULT);
    String first = cookie(setCookie(signIn(base)));
    clock.now = clock.now.plus(SessionStore.LIFETIME).minusSeconds(1);
    assertThat(statusWith(base, "/dashboard/panel/integrity", first))
        .as("just before expiry")
        .isEqualTo(200);
    clock.now = clock.now.plus(Duration.ofSeconds(1));
    assertThat(statusWith(base, "/dashboard/panel/integrity", first))
        .as("at expiry")
        .isEqualTo(401);

    String second = cookie(setCookie(signIn(base)));
    assertThat(statusWith(base, "/dashboard/panel/integrity", second)).isEqualTo(200);
    assertThat(log.app.tokens.revoke(token, clock.instant())).isEqualTo(1);
    assertThat(statusWith(base, "/dashboard/panel/integrity", second))
        .as("after the token is revoked")
        .isEqualTo(401);
  }

  @Test
  void theCookieIsSecure_behindATlsProxy_onlyWhenTheServerIsToldToTrustIt() throws Exception {
    String trusting = serve(new Auth.Settings(true));
    assertThat(setCookie(signIn(trusting, "X-Forwarded-Proto", "https"))).contains("Secure");
    assertThat(setCookie(signIn(trusting))).doesNotContain("Secure");
    String untrusting = serve(Auth.Settings.DEFAULT);
    assertThat(setCookie(signIn(untrusting, "X-Forwarded-Proto", "https")))
        .as("a header any client can send")
        .doesNotContain("Secure");
  }

  @Test
  void everyKindOfResponse_carriesTheSecurityHeaders() throws Exception {
    String base = serve(Auth.Settings.DEFAULT);
    String session = cookie(setCookie(signIn(base)));
    record Ask(
        String method, String path, String cookie, String contentType, String body, int status) {}
    List<Ask> asks =
        List.of(
            new Ask("GET", "/", null, null, null, 200),
            new Ask("GET", "/", session, null, null, 200),
            new Ask("GET", "/dashboard/assets/app.js", null, null, null, 200),
            new Ask("GET", "/webjars/leaflet/1.9.4/dist/leaflet.js", null, null, null, 200),
            new Ask("GET", "/dashboard/panel/coverage", session, null, null, 200),
            new Ask("GET", "/api/v1/log/checkpoint", null, null, null, 200),
            new Ask("GET", "/api/v1/log/entries?start=0&end=1", null, null, null, 401),
            new Ask("GET", "/no-such-page", null, null, null, 404),
            new Ask("POST", "/api/v1/events", null, "text/plain", "{}", 415),
            new Ask("POST", "/api/v1/events", null, "application/json", "{", 400),
            new Ask(
                "POST",
                "/signin",
                null,
                "application/x-www-form-urlencoded",
                "token=" + token,
                303));
    for (Ask a : asks) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + a.path()));
      if (a.cookie() != null) b.header("Cookie", a.cookie());
      if (a.contentType() != null) b.header("Content-Type", a.contentType());
      b.method(
          a.method(),
          a.body() == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(a.body()));
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      String what = a.method() + " " + a.path();
      assertThat(r.statusCode()).as(what).isEqualTo(a.status());
      Optional<String> csp = r.headers().firstValue("Content-Security-Policy");
      assertThat(csp).as(what + " CSP").isPresent();
      assertThat(csp.get())
          .contains("script-src 'self'")
          .contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(what).contains("no-referrer");
    }
  }
}
