package org.stabilis.web;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import org.stabilis.log.ErrorCode;

/**
 * Sign-in (SPEC §2.6). Public paths need none; every other API path, and every dashboard
 * fragment, needs a valid token, whose party is put on the request for the routes to authorise
 * detailed views. The token comes in the {@code Authorization: Bearer} header or, for the
 * dashboard in a browser, in the HttpOnly session cookie the sign-in page sets.
 */
public final class Auth {
  public static final String PARTY = "stabilis.party";
  /** The dashboard's session cookie: it holds the read token itself (stored server-side only as a hash). */
  public static final String COOKIE = "stabilis_session";
  /** Dashboard paths that are the same for everyone and carry no data: the style sheet and script. */
  public static final String PUBLIC_ASSETS = "/dashboard/assets/";
  private static final Set<String> PUBLIC =
      Set.of("/api/v1/log/checkpoint", "/api/v1/log/checkpoint/latest", "/api/v1/log/key", "/healthz", "/api/v1/events", "/api/v1/openapi.json");

  /** Resolves a presented token to its party; the toolkit knows nothing of how tokens are kept. */
  @FunctionalInterface
  public interface Tokens {
    /** The party of a valid, unrevoked token. */
    Optional<String> partyOf(String token);
  }

  private final Tokens tokens;

  public Auth(Tokens tokens) {
    this.tokens = tokens;
  }

  /** Before-handler: refuses an API request or a dashboard fragment without a valid token. */
  public void check(Context ctx) {
    String path = ctx.path();
    boolean guarded = path.startsWith("/api/") || (path.startsWith("/dashboard/") && !path.startsWith(PUBLIC_ASSETS));
    if (PUBLIC.contains(path) || !guarded) return;
    String token = bearer(ctx);
    if (token == null) token = ctx.cookie(COOKIE);
    if (token == null)
      throw ApiException.of(ErrorCode.UNAUTHORIZED, "this endpoint needs \"Authorization: Bearer <token>\"; issue one with `stabilis token issue --party ID`");
    String party = tokens.partyOf(token).orElseThrow(
        () -> ApiException.of(ErrorCode.UNAUTHORIZED, "the token is not valid or was revoked"));
    ctx.attribute(PARTY, party);
  }

  /** The party of a token, if the token is valid and not revoked. */
  public Optional<String> partyOf(String token) {
    return token == null || token.isBlank() ? Optional.empty() : tokens.partyOf(token.trim());
  }

  /** The party of the session cookie on a page outside the guarded paths (the dashboard's root). */
  public Optional<String> session(Context ctx) {
    return partyOf(ctx.cookie(COOKIE));
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
