package org.stabilis.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.Rejection;
import org.stabilis.log.SubmissionParser;

/** The HTTP server: Javalin on virtual threads, errors mapped to problem documents in one place. */
public final class WebServer {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  /**
   * Connections the kernel holds until they are accepted (the listen backlog; Linux caps it at
   * {@code net.core.somaxconn}). Jetty's default leaves the JDK's 50, and a burst of a thousand
   * clients connecting at once overflows it: the kernel drops their handshakes and they are reset.
   */
  static final int ACCEPT_QUEUE = 4096;

  /**
   * Content-Security-Policy of every response (CSP Level 3): scripts and styles from this server
   * only, never inline, so that text from the log that slipped into markup could still not run; no
   * framing by other sites (clickjacking), no plug-ins, forms post back here only.
   */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  private WebServer() {}

  /** Creates (does not start) the server with {@code routes} registered after sign-in checks. */
  public static Javalin create(Auth auth, List<Consumer<RoutesConfig>> routes) {
    return create(auth, routes, null);
  }

  /**
   * As {@link #create(Auth, List)}, with {@code beside} annotating every view it {@link
   * Beside#applies} to.
   */
  public static Javalin create(Auth auth, List<Consumer<RoutesConfig>> routes, Beside beside) {
    return Javalin.create(c -> {
      c.concurrency.useVirtualThreads = true;
      c.startup.showJavalinBanner = false;
      Server[] server = {null};
      c.jetty.modifyServer(s -> server[0] = s);
      // Javalin adds its connector after modifyServer and before starting it.
      c.events.serverStarting(() -> {
        for (Connector k : server[0].getConnectors())
          if (k instanceof ServerConnector sc) sc.setAcceptQueueSize(ACCEPT_QUEUE);
      });
      // Slack above the submission limit so the handlers, not Jetty, answer with too-large.
      c.http.maxRequestSize = SubmissionParser.MAX_BYTES + 64 * 1024;
      c.staticFiles.enableWebjars();
      c.routes.before(WebServer::securityHeaders);
      c.routes.before(WebServer::refuseUnreadableBodies);
      c.routes.before(auth::check);
      if (beside != null)
        c.routes.before(ctx -> {
          if (Beside.applies(ctx.path())) ctx.attribute(Beside.ATTRIBUTE, beside);
        });
      for (Consumer<RoutesConfig> r : routes) r.accept(c.routes);
      c.routes.exception(ApiException.class, (e, ctx) -> Http.problem(ctx, e.rejection()));
      c.routes.exception(
          HttpResponseException.class,
          (e, ctx) -> Http.problem(ctx, fromStatus(e.getStatus(), e.getMessage())));
      c.routes.exception(
          Exception.class,
          (e, ctx) -> {
            Rejection framing = badFraming(e);
            if (framing != null) {
              Http.problem(ctx, framing);
              return;
            }
            // One line per unexpected error: what was asked, what failed and where.
            LOG.error(
                "unexpected error on {} {}: {}",
                ctx.method(),
                Http.abbreviate(ctx.path()),
                oneLine(e));
            Http.problem(
                ctx,
                Rejection.of(
                    ErrorCode.UNAVAILABLE,
                    "unexpected server error; nothing was written; the server log has details"));
          });
      c.routes.error(
          404,
          "*",
          ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty())
              Http.problem(
                  ctx,
                  Rejection.of(
                      ErrorCode.NOT_FOUND,
                      "no such endpoint: " + ctx.method() + " " + Http.abbreviate(ctx.path())));
          });
    });
  }

  static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    // Sign-in addresses may carry a token (`demo` prints one): never send the address elsewhere.
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY"); // frame-ancestors for browsers without CSP Level 2
  }

  /**
   * Refuses, before any handler reads a byte of it, a body declared larger than the limit (413,
   * rather than waiting for bytes a client may never send), and an API body that is not declared
   * JSON (415).
   */
  static void refuseUnreadableBodies(Context ctx) {
    String length = ctx.header("Content-Length");
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        throw ApiException.of(
            ErrorCode.MALFORMED,
            "Content-Length must be a decimal number of bytes; got \""
                + Http.abbreviate(length)
                + "\"");
      }
      if (declared > SubmissionParser.MAX_BYTES)
        throw ApiException.of(
            ErrorCode.TOO_LARGE,
            "the request body is declared as "
                + declared
                + " bytes; the limit is "
                + SubmissionParser.MAX_BYTES);
    }
    String method = ctx.method().name();
    if (ctx.path().startsWith("/api/")
        && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      String ct = ctx.contentType();
      if (ct == null || !isJson(ct))
        throw ApiException.of(
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            ct == null
                ? "send the body with \"Content-Type: application/json\"; the request named no content type"
                : "send the body as application/json; got \"" + Http.abbreviate(ct) + "\"");
    }
  }

  private static boolean isJson(String contentType) {
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("application/json") || base.endsWith("+json");
  }

  /**
   * A body the HTTP layer could not read (RFC 9112 §7.1: a chunk size that is not hex, overflows or
   * is negative; a body that ends before its declared length) is the client's error: 400.
   */
  static Rejection badFraming(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500)
        return h.getCode() == 413
            ? Rejection.of(
                ErrorCode.TOO_LARGE,
                "the request body is larger than the limit of "
                    + SubmissionParser.MAX_BYTES
                    + " bytes")
            : Rejection.of(
                ErrorCode.MALFORMED,
                "the request body could not be read as HTTP/1.1 framing (RFC 9112 §6–7): "
                    + Http.abbreviate(String.valueOf(h.getReason())));
      if (t instanceof EofException)
        return Rejection.of(
            ErrorCode.MALFORMED,
            "the request body ended before its declared length or final chunk (RFC 9112 §6–7)");
    }
    return null;
  }

  /** {@code Class: message at frame}, on one line. */
  static String oneLine(Throwable e) {
    StackTraceElement[] st = e.getStackTrace();
    String where = st.length == 0 ? "" : " at " + st[0];
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String cause =
        root == e ? "" : " (cause " + root.getClass().getName() + ": " + root.getMessage() + ")";
    return (e.getClass().getName() + ": " + e.getMessage() + where + cause)
        .replaceAll("[\\r\\n]+", " ");
  }

  private static Rejection fromStatus(int status, String message) {
    return switch (status) {
      case 413 ->
          Rejection.of(
              ErrorCode.TOO_LARGE,
              "request body too large; the limit is " + SubmissionParser.MAX_BYTES + " bytes");
      case 404 -> Rejection.of(ErrorCode.NOT_FOUND, message);
      case 401 -> Rejection.of(ErrorCode.UNAUTHORIZED, message);
      case 415 -> Rejection.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, message);
      default ->
          Rejection.of(status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.BAD_REQUEST, message);
    };
  }
}
