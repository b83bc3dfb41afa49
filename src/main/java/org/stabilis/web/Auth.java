package org.stabilis.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.stabilis.log.ErrorCode;

/**
 * Sign-in (SPEC §2.6). Public paths need none; every other API path, and every dashboard fragment,
 * needs a valid token, whose party is put on the request for the routes to authorise detailed
 * views. The token comes in the {@code Authorization: Bearer} header or, for the dashboard in a
 * browser, through a server-side session: the HttpOnly cookie carries only the session id (see
 * {@link SessionStore}), so signing out ends what the cookie can read.
 */
public final class Auth {
  public static final String PARTY = "stabilis.party";

  /** The dashboard's session cookie: it carries a session id, never the token. */
  public static final String COOKIE = "stabilis_session";

  /**
   * Dashboard paths that are the same for everyone and carry no data: the style sheet and script.
   */
  public static final String PUBLIC_ASSETS = "/dashboard/assets/";

  private static final Set<String> PUBLIC =
      Set.of(
          "/api/v1/log/checkpoint",
          "/api/v1/log/checkpoint/latest",
          "/api/v1/log/key",
          "/healthz",
          "/api/v1/events",
          "/api/v1/openapi.json");

  /** Resolves presented tokens; the toolkit knows nothing of how tokens are kept. */
  public interface Tokens {
    /**
     * A valid, unrevoked token's party, and the token's id (which names it without revealing it).
     */
    record Grant(String party, String tokenId) {}

    Optional<Grant> grant(String token);

    /** True while the token with this id is not revoked. */
    boolean valid(String tokenId);
  }

  /**
   * How the server learns that the browser's connection is HTTPS: directly, or, when {@code
   * trustForwardedProto} is set because a TLS proxy in front is the only way in, from the proxy's
   * {@code X-Forwarded-Proto} header (which any client could send, hence off by default).
   */
  public record Settings(boolean trustForwardedProto) {
    public static final Settings DEFAULT = new Settings(false);
  }

  private final Tokens tokens;
  private final SessionStore sessions;
  private final Clock clock;
  private final SecureRandom random;
  private final Settings settings;

  public Auth(
      Tokens tokens, SessionStore sessions, Clock clock, SecureRandom random, Settings settings) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.clock = clock;
    this.random = random;
    this.settings = settings;
  }

  /** Before-handler: refuses an API request or a dashboard fragment without a valid token. */
  public void check(Context ctx) {
    String path = ctx.path();
    boolean guarded =
        path.startsWith("/api/")
            || (path.startsWith("/dashboard/") && !path.startsWith(PUBLIC_ASSETS));
    if (PUBLIC.contains(path) || !guarded) return;
    String token = bearer(ctx);
    Optional<String> party;
    if (token != null) {
      party = partyOf(token);
    } else if (ctx.cookie(COOKIE) != null) {
      party = session(ctx);
      if (party.isEmpty())
        throw ApiException.of(
            ErrorCode.UNAUTHORIZED,
            "the dashboard session has ended (signed out, expired or its token revoked); sign in again at /");
    } else {
      throw ApiException.of(
          ErrorCode.UNAUTHORIZED,
          "this endpoint needs \"Authorization: Bearer <token>\"; issue one with `stabilis token issue --party ID`");
    }
    ctx.attribute(
        PARTY,
        party.orElseThrow(() ->
            ApiException.of(ErrorCode.UNAUTHORIZED, "the token is not valid or was revoked")));
  }

  /** The party of a token, if the token is valid and not revoked. */
  private Optional<String> partyOf(String token) {
    return grant(token).map(Tokens.Grant::party);
  }

  private Optional<Tokens.Grant> grant(String token) {
    return token == null || token.isBlank() ? Optional.empty() : tokens.grant(token.trim());
  }

  /** The party of the request's open session, if it has one. */
  public Optional<String> session(Context ctx) {
    return sessions
        .find(ctx.cookie(COOKIE), clock.instant())
        .filter(s -> tokens.valid(s.tokenId()))
        .map(SessionStore.Session::party);
  }

  /**
   * Opens a session for a valid token and sets its cookie; false (and no cookie) for an invalid
   * token.
   */
  public boolean signIn(Context ctx, String token) {
    Optional<Tokens.Grant> g = grant(token);
    if (g.isEmpty()) return false;
    String id = sessions.open(g.get().party(), g.get().tokenId(), clock.instant(), random);
    // HttpOnly: scripts never read the session id; SameSite=Strict: other sites cannot ride it.
    ctx.cookie(
        new Cookie(
            COOKIE,
            id,
            "/",
            (int) SessionStore.LIFETIME.toSeconds(),
            secure(ctx),
            true,
            null,
            SameSite.STRICT));
    return true;
  }

  /** Ends the request's session on the server and clears its cookie. */
  public void signOut(Context ctx) {
    sessions.end(ctx.cookie(COOKIE), clock.instant());
    ctx.cookie(new Cookie(COOKIE, "", "/", 0, secure(ctx), true, null, SameSite.STRICT));
  }

  /** True when the browser reached us over HTTPS, as far as the settings let us know. */
  public boolean secure(Context ctx) {
    if ("https".equals(ctx.scheme())) return true;
    return settings.trustForwardedProto()
        && "https".equalsIgnoreCase(String.valueOf(ctx.header("X-Forwarded-Proto")).trim());
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
