package org.stabilis.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import java.util.function.Consumer;
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

  private WebServer() {}

  /** Creates (does not start) the server with {@code routes} registered after sign-in checks. */
  public static Javalin create(Auth auth, List<Consumer<RoutesConfig>> routes) {
    return Javalin.create(c -> {
      c.concurrency.useVirtualThreads = true;
      c.startup.showJavalinBanner = false;
      Server[] server = {null};
      c.jetty.modifyServer(s -> server[0] = s);
      // Javalin adds its connector after modifyServer and before starting it.
      c.events.serverStarting(() -> {
        for (Connector k : server[0].getConnectors()) if (k instanceof ServerConnector sc) sc.setAcceptQueueSize(ACCEPT_QUEUE);
      });
      // Slack above the submission limit so the handler, not Jetty, answers with too-large.
      c.http.maxRequestSize = SubmissionParser.MAX_BYTES + 64 * 1024;
      c.staticFiles.enableWebjars();
      c.routes.before(auth::check);
      for (Consumer<RoutesConfig> r : routes) r.accept(c.routes);
      c.routes.exception(ApiException.class, (e, ctx) -> Http.problem(ctx, e.rejection()));
      c.routes.exception(HttpResponseException.class, (e, ctx) -> Http.problem(ctx, fromStatus(e.getStatus(), e.getMessage())));
      c.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        Http.problem(ctx, Rejection.of(ErrorCode.UNAVAILABLE, "unexpected server error; nothing was written; the server log has details"));
      });
      c.routes.error(404, "*", ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty())
          Http.problem(ctx, Rejection.of(ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + Http.abbreviate(ctx.path())));
      });
    });
  }

  private static Rejection fromStatus(int status, String message) {
    return switch (status) {
      case 413 -> Rejection.of(ErrorCode.TOO_LARGE, "request body too large; the limit is " + SubmissionParser.MAX_BYTES + " bytes");
      case 404 -> Rejection.of(ErrorCode.NOT_FOUND, message);
      case 401 -> Rejection.of(ErrorCode.UNAUTHORIZED, message);
      case 415 -> Rejection.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, message);
      default -> Rejection.of(status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.BAD_REQUEST, message);
    };
  }
}
