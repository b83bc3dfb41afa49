package org.stabilis.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded list answer. Every list route takes {@code ?limit=N} (default {@value #DEFAULT_LIMIT},
 * at most {@value #MAX_LIMIT}) and {@code ?cursor=C}, and answers one page with {@code "next"}: the
 * cursor of the following page, or null on the last. A cursor is opaque to clients; inside it is
 * the sort key of the last item given, so a page follows on from the previous one even when entries
 * were appended in between (keyset paging: no item is given twice).
 */
public record Page(int limit, String after) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** One page: its items, and the cursor of the next page (null on the last). */
  public record Slice<T>(List<T> items, String next) {}

  /**
   * The page a request asks for; 400 on a limit out of range or a cursor this server did not give.
   */
  public static Page of(Context ctx) {
    long limit = Http.longParam(ctx, "limit", DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT)
      throw ApiException.badRequest(
          "query parameter \"limit\" must be between 1 and " + MAX_LIMIT + "; got " + limit);
    String cursor = ctx.queryParam("cursor");
    return new Page((int) limit, cursor == null || cursor.isEmpty() ? null : decode(cursor));
  }

  /**
   * This page of {@code sorted}, a list in ascending order of {@code key} (distinct keys, compared
   * as strings): the items whose key is after the cursor's, at most {@link #limit()} of them.
   */
  public <T> Slice<T> slice(List<T> sorted, Function<T, String> key) {
    int from = 0;
    if (after != null) {
      int lo = 0, hi = sorted.size();
      while (lo < hi) { // the first item whose key is greater than the cursor's
        int mid = (lo + hi) >>> 1;
        if (key.apply(sorted.get(mid)).compareTo(after) <= 0) lo = mid + 1;
        else hi = mid;
      }
      from = lo;
    }
    int to = Math.min(sorted.size(), from + limit);
    List<T> items = sorted.subList(from, to);
    String next =
        to < sorted.size() && !items.isEmpty()
            ? encode(key.apply(items.get(items.size() - 1)))
            : null;
    return new Slice<>(items, next);
  }

  /**
   * This page of {@code items} in ascending order of {@code key} (distinct keys): sorts a copy,
   * then slices.
   */
  public <T> Slice<T> sortedSlice(Collection<T> items, Function<T, String> key) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(key));
    return slice(sorted, key);
  }

  /** A list answer: {@code {"<field>": [...], "next": cursor or null}}. */
  public static Map<String, Object> answer(String field, Object items, Slice<?> s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(field, items);
    m.put("next", s.next());
    return m;
  }

  /**
   * A sort key for lists in descending order of a log index (newest first), comparable as a string.
   */
  public static String newestFirst(long index) {
    return String.format("%019d", Long.MAX_VALUE - index);
  }

  /**
   * A sort key for lists in ascending order of a log index (oldest first), comparable as a string.
   */
  public static String oldestFirst(long index) {
    return String.format("%019d", index);
  }

  /** Writes the page's {@code "next"} cursor (null on the last page) into a list answer. */
  public static void next(ObjectNode out, Slice<?> s) {
    if (s.next() == null) out.putNull("next");
    else out.put("next", s.next());
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      if (cursor.length() > 512) throw new IllegalArgumentException("too long");
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "query parameter \"cursor\" is not a cursor this server gave; take \"next\" from the previous page");
    }
  }
}
