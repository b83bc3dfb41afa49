package org.stabilis.web;

import io.javalin.http.Context;
import java.util.Set;
import org.stabilis.log.ErrorCode;
import org.stabilis.party.TokenStore;

/**
 * Bearer-token sign-in (SPEC §2.6). Public paths need none; every other API path needs a valid
 * token, whose party is put on the request for the routes to authorise detailed views.
 */
public final class Auth {
  public static final String PARTY = "stabilis.party";
  private static final Set<String> PUBLIC =
      Set.of("/api/v1/log/checkpoint", "/api/v1/log/key", "/healthz", "/api/v1/events", "/api/v1/openapi.json");

  private final TokenStore tokens;

  public Auth(TokenStore tokens) {
    this.tokens = tokens;
  }

  /** Before-handler: refuses an API request without a valid token. */
  public void check(Context ctx) {
    String path = ctx.path();
    if (PUBLIC.contains(path) || !path.startsWith("/api/")) return;
    String token = bearer(ctx);
    if (token == null)
      throw ApiException.of(ErrorCode.UNAUTHORIZED, "this endpoint needs \"Authorization: Bearer <token>\"; issue one with `stabilis token issue --party ID`");
    String party = tokens.partyOf(token).orElseThrow(
        () -> ApiException.of(ErrorCode.UNAUTHORIZED, "the token is not valid or was revoked"));
    ctx.attribute(PARTY, party);
  }

  static String bearer(Context ctx) {
    String h = ctx.header("Authorization");
    if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) return h.substring(7).trim();
    return null;
  }

  /** The party signed in on this request. */
  public static String party(Context ctx) {
    return ctx.attribute(PARTY);
  }
}
