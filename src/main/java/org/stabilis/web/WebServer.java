package org.stabilis.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.Rejection;
import org.stabilis.log.SubmissionParser;

/** The HTTP server: Javalin on virtual threads, errors mapped to problem documents in one place. */
public final class WebServer {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

  private WebServer() {}

  /** Creates (does not start) the server with {@code routes} registered after sign-in checks. */
  public static Javalin create(Auth auth, List<Consumer<RoutesConfig>> routes) {
    return create(auth, routes, null);
  }

  /** As {@link #create(Auth, List)}, with {@code beside} annotating every view it {@link Beside#applies} to. */
  public static Javalin create(Auth auth, List<Consumer<RoutesConfig>> routes, Beside beside) {
    return Javalin.create(c -> {
      c.concurrency.useVirtualThreads = true;
      c.startup.showJavalinBanner = false;
      // Slack above the submission limit so the handler, not Jetty, answers with too-large.
      c.http.maxRequestSize = SubmissionParser.MAX_BYTES + 64 * 1024;
      c.staticFiles.enableWebjars();
      c.routes.before(auth::check);
      if (beside != null)
        c.routes.before(ctx -> {
          if (Beside.applies(ctx.path())) ctx.attribute(Beside.ATTRIBUTE, beside);
        });
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
