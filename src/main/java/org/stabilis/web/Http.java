package org.stabilis.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.stabilis.log.Rejection;
import org.stabilis.log.canonical.StrictJson;

/** Small helpers every route uses: JSON out, problem documents, checked query parameters. */
public final class Http {
  private Http() {}

  public static void json(Context ctx, int status, Object body) {
    Beside beside = ctx.attribute(Beside.ATTRIBUTE);
    if (beside != null
        && status == 200
        && body instanceof com.fasterxml.jackson.databind.JsonNode view) beside.annotate(view);
    try {
      ctx.status(status)
          .contentType("application/json")
          .result(StrictJson.mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the response as JSON", e);
    }
  }

  public static void json(Context ctx, Object body) {
    json(ctx, 200, body);
  }

  /**
   * RFC 9457 problem details, with the stable {@code code} (and {@code rule}/{@code field} when
   * set).
   */
  public static void problem(Context ctx, Rejection r) {
    ObjectNode p = StrictJson.mapper().createObjectNode();
    p.put("type", "urn:stabilis:problem:" + r.code().wire());
    p.put("title", r.code().title());
    p.put("status", r.code().status());
    p.put("detail", r.detail());
    p.put("code", r.code().wire());
    if (r.rule() != null) p.put("rule", r.rule().wire());
    if (r.field() != null) p.put("field", r.field());
    try {
      ctx.status(r.code().status())
          .contentType("application/problem+json")
          .result(StrictJson.mapper().writeValueAsBytes(p));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A required non-negative integer query parameter; 400 naming it otherwise. */
  public static long longParam(Context ctx, String name) {
    String v = single(ctx, name);
    if (v == null) throw ApiException.badRequest("query parameter \"" + name + "\" is required");
    return parseLong(name, v);
  }

  public static long longParam(Context ctx, String name, long dflt) {
    String v = single(ctx, name);
    return v == null ? dflt : parseLong(name, v);
  }

  /** The parameter's one value, or null; a repeated parameter is ambiguous, so it is refused. */
  private static String single(Context ctx, String name) {
    var all = ctx.queryParams(name);
    if (all.size() > 1)
      throw ApiException.badRequest(
          "query parameter \"" + name + "\" is given " + all.size() + " times; give it once");
    return all.isEmpty() ? null : all.get(0);
  }

  private static long parseLong(String name, String v) {
    if (!v.matches("^[0-9]{1,18}$"))
      throw ApiException.badRequest(
          "query parameter \""
              + name
              + "\" must be a non-negative integer; got \""
              + abbreviate(v)
              + "\"");
    return Long.parseLong(v);
  }

  public static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
