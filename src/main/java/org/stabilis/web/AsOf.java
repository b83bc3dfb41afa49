package org.stabilis.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import org.stabilis.log.LogService;

/**
 * The "as of" of a read: {@code ?at=N} (the first N entries of the log) or {@code ?on=YYYY-MM-DD}
 * (the entries the parties stated up to the end of that day, UTC). Empty when neither is given: the
 * current state.
 */
public final class AsOf {
  private AsOf() {}

  public static OptionalLong size(Context ctx, LogService log) {
    String at = ctx.queryParam("at");
    String on = ctx.queryParam("on");
    if (at != null && on != null)
      throw ApiException.badRequest("give at (a log size) or on (a date), not both");
    long size = log.size();
    if (at != null) {
      long n = Http.longParam(ctx, "at");
      if (n < 1 || n > size)
        throw ApiException.badRequest("at must be a log size in [1, " + size + "]; got " + n);
      return OptionalLong.of(n);
    }
    if (on != null) {
      LocalDate day;
      try {
        day = LocalDate.parse(on);
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(
            "on must be a date YYYY-MM-DD; got \"" + Http.abbreviate(on) + "\"");
      }
      return OptionalLong.of(log.sizeStatedBy(day));
    }
    return OptionalLong.empty();
  }
}
