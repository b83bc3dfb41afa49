package org.stabilis.witness;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The witness's HTTP interface (c2sp.org/tlog-witness): {@code POST /add-checkpoint} and the
 * monitoring read {@code GET /<hex SHA-256 of the origin>/checkpoint}. Bodies are plain text.
 */
public final class WitnessServer {
  /** 63 proof lines and a note of 100 post-quantum signatures fit well below this. */
  static final long MAX_BODY = 1 << 20;

  private WitnessServer() {}

  /** Creates (does not start) the server. */
  public static Javalin create(Witness witness, Clock clock) {
    Map<String, String> byHash = new HashMap<>();
    for (String origin : witness.origins()) byHash.put(originHash(origin), origin);
    return Javalin.create(c -> {
      c.concurrency.useVirtualThreads = true;
      c.startup.showJavalinBanner = false;
      c.http.maxRequestSize = MAX_BODY;
      c.routes.post("/add-checkpoint", ctx -> addCheckpoint(witness, clock, ctx));
      c.routes.get(
          "/{hash}/checkpoint",
          ctx -> {
            String origin = byHash.get(ctx.pathParam("hash"));
            var note = origin == null ? java.util.Optional.<String>empty() : witness.latest(origin);
            if (note.isEmpty()) {
              text(ctx, 404, "no checkpoint cosigned for that origin hash\n");
            } else {
              text(ctx, 200, note.get());
            }
          });
      c.routes.exception(
          Exception.class, (e, ctx) -> text(ctx, 500, "witness error: " + e.getMessage() + "\n"));
    });
  }

  private static void addCheckpoint(Witness witness, Clock clock, Context ctx) {
    Witness.Response r =
        witness.addCheckpoint(ctx.bodyAsBytes(), Math.max(1, clock.instant().getEpochSecond()));
    switch (r) {
      case Witness.Cosigned c -> text(ctx, 200, c.lines());
      // tlog-witness: the 409 body is the size in decimal and a newline, as text/x.tlog.size.
      case Witness.Conflict c ->
          ctx.status(409).contentType("text/x.tlog.size").result(c.size() + "\n");
      case Witness.Refused f -> text(ctx, f.status(), f.message() + "\n");
    }
  }

  private static void text(Context ctx, int status, String body) {
    ctx.status(status)
        .contentType("text/plain; charset=utf-8")
        .result(body.getBytes(StandardCharsets.UTF_8));
  }

  /** Lowercase hex SHA-256 of the origin (tlog-witness "Monitor Retrieval Mechanism"). */
  public static String originHash(String origin) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
