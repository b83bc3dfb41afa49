package org.stabilis.correction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.stabilis.log.LogService;
import org.stabilis.log.canonical.StrictJson;
import org.stabilis.web.AsOf;
import org.stabilis.web.Beside;
import org.stabilis.web.Http;
import org.stabilis.web.Page;

/**
 * {@code GET /api/v1/corrections[?at=N]}: every retraction and every open dispute (as of the log of
 * size N); and the {@link Beside} that shows, next to each fact of every view, who disputes it and
 * why.
 */
public final class CorrectionRoutes implements Beside {
  private final LogService log;
  private final CorrectionView corrections;
  private final LongFunction<CorrectionView> asOf;

  /**
   * @param asOf the corrections once the log held that many entries (a replay, from the nearest
   *     snapshot where there is one)
   */
  public CorrectionRoutes(
      LogService log, CorrectionView corrections, LongFunction<CorrectionView> asOf) {
    this.log = log;
    this.corrections = corrections;
    this.asOf = asOf;
  }

  public void register(RoutesConfig r) {
    r.get("/api/v1/corrections", this::list);
  }

  void list(Context ctx) {
    Page page = Page.of(ctx);
    var asOf = AsOf.size(ctx, log);
    if (asOf.isEmpty()) {
      Http.json(ctx, log.read(() -> json(corrections, page)));
      return;
    }
    // As of a size: the retractions and the disputes open once the log held that many entries.
    Http.json(ctx, json(this.asOf.apply(asOf.getAsLong()), page));
  }

  /**
   * One page of the corrections, newest first: the retractions and open disputes stated by the
   * entries of this page, each list in its place; a page counts both together. The cursor is the
   * log index of the last correcting entry given.
   */
  public static ObjectNode json(CorrectionView corrections, Page page) {
    List<CorrectionView.Stated> all = new ArrayList<>(corrections.retractions());
    all.addAll(corrections.openDisputes());
    Page.Slice<CorrectionView.Stated> slice = page.sortedSlice(all, c -> Page.newestFirst(c.at()));
    ObjectNode out = StrictJson.mapper().createObjectNode();
    ArrayNode rs = out.putArray("retractions");
    ArrayNode ds = out.putArray("disputes");
    for (CorrectionView.Stated c : slice.items())
      switch (c) {
        case CorrectionView.Retraction r -> rs.add(json(r));
        case CorrectionView.Dispute d -> ds.add(json(d));
      }
    Page.next(out, slice);
    return out;
  }

  public static ObjectNode json(CorrectionView.Retraction r) {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("index", r.index())
        .put("type", r.type())
        .put("party", r.party())
        .put("reason", r.reason())
        .put("note", r.note())
        .put("retracted_by", r.at())
        .put("time", r.time().toString());
    return o;
  }

  public static ObjectNode json(CorrectionView.Dispute d) {
    ObjectNode o = StrictJson.mapper().createObjectNode();
    o.put("index", d.index())
        .put("type", d.type())
        .put("author", d.author())
        .put("party", d.party())
        .put("reason", d.reason());
    d.evidence().forEach(o.putArray("evidence")::add);
    o.put("disputed_by_entry", d.at()).put("time", d.time().toString());
    return o;
  }

  /**
   * Adds {@code "disputes": [{party, reason, evidence, entry, time}]} to every object of the view
   * that names an entry with an open dispute, by {@code index} or in {@code indices}.
   */
  @Override
  public void annotate(JsonNode view) {
    log.read(() -> {
      if (corrections.openDisputes().isEmpty()) return null;
      List<ObjectNode> facts = new ArrayList<>();
      collect(view, facts);
      for (ObjectNode f : facts) {
        List<CorrectionView.Dispute> ds = new ArrayList<>();
        if (f.path("index").isIntegralNumber())
          ds.addAll(corrections.disputesOf(f.get("index").asLong()));
        for (JsonNode i : f.path("indices"))
          if (i.isIntegralNumber() && i.asLong() != f.path("index").asLong(-1))
            ds.addAll(corrections.disputesOf(i.asLong()));
        if (ds.isEmpty()) continue;
        ArrayNode arr = f.putArray("disputes");
        for (CorrectionView.Dispute d : ds) {
          ObjectNode o = arr.addObject();
          o.put("index", d.index()).put("party", d.party()).put("reason", d.reason());
          d.evidence().forEach(o.putArray("evidence")::add);
          o.put("entry", d.at()).put("time", d.time().toString());
        }
      }
      return null;
    });
  }

  private static void collect(JsonNode n, List<ObjectNode> into) {
    if (n instanceof ObjectNode o) {
      if (o.path("index").isIntegralNumber() || o.path("indices").isArray()) into.add(o);
      o.properties().forEach(e -> collect(e.getValue(), into));
    } else if (n.isArray()) {
      n.forEach(c -> collect(c, into));
    }
  }
}
