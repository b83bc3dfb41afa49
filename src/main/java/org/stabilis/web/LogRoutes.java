package org.stabilis.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.LogService;
import org.stabilis.log.Outcome;
import org.stabilis.log.RuleCodes;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.proof.TlogProof;
import org.stabilis.log.store.LogStore.StoredEntry;
import org.stabilis.log.witness.CosignedCheckpoints;
import org.stabilis.log.witness.Witnessing;

/** The log's HTTP interface (SPEC §2.3–2.6). */
public final class LogRoutes {
  private static final int MAX_ENTRIES = 1000;
  private final LogService log;
  private final Optional<Witnessing> witnessing;

  /** The OpenAPI 3.1 description of this API (SPEC §6). */
  private final byte[] openApi;

  public LogRoutes(LogService log, RuleCodes rules, Optional<Witnessing> witnessing) {
    this.witnessing = witnessing;
    this.log = log;
    this.openApi = OpenApi.document(rules);
  }

  public void register(RoutesConfig r) {
    r.post("/api/v1/events", this::submit);
    r.get("/api/v1/log/entries", this::entries);
    r.get("/api/v1/log/proof/inclusion", this::inclusion);
    r.get("/api/v1/log/proof/consistency", this::consistency);
    r.get("/api/v1/log/proof/bundle", this::bundle);
    r.get("/api/v1/log/checkpoint", this::checkpoint);
    r.get("/api/v1/log/checkpoint/latest", this::latestCheckpoint);
    r.get(
        "/api/v1/log/key",
        ctx -> ctx.contentType("text/plain; charset=utf-8").result(log.verifierKey()));
    r.get("/healthz", ctx -> Http.json(ctx, Map.of("status", "ok", "size", log.size())));
    r.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
  }

  void submit(Context ctx) {
    // The content type and a declared length above the limit are checked before any handler
    // (WebServer).
    Outcome o = log.submit(ctx.bodyAsBytes());
    switch (o) {
      // SPEC §2.3: the receipt names the smallest tree that holds the entry, size = index + 1; the
      // commit group may have made the tree larger still, and any size up to it can be proved.
      case Outcome.Accepted a -> Http.json(ctx, 201, receipt(a.index(), a.leaf(), a.index() + 1));
      case Outcome.Duplicate d -> Http.json(ctx, 200, receipt(d.index(), d.leaf(), d.index() + 1));
      case Outcome.Rejected r -> throw new ApiException(r.rejection());
    }
  }

  private static Map<String, Object> receipt(long index, Hash leaf, long size) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    m.put("leaf", leaf.base64());
    m.put("size", size);
    return m;
  }

  void entries(Context ctx) {
    long start = Http.longParam(ctx, "start");
    long end = Http.longParam(ctx, "end");
    long size = log.size();
    if (end <= start)
      throw ApiException.badRequest("end must be greater than start (end is exclusive)");
    if (end - start > MAX_ENTRIES)
      throw ApiException.badRequest(
          "at most "
              + MAX_ENTRIES
              + " entries per request; ask for ["
              + start
              + ", "
              + (start + MAX_ENTRIES)
              + ")");
    if (end > size) throw ApiException.badRequest("end " + end + " is beyond the log size " + size);
    List<Map<String, Object>> out = new ArrayList<>();
    for (StoredEntry e : log.entries(start, end)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", e.index());
      m.put("data", Base64.getEncoder().encodeToString(e.data()));
      out.add(m);
    }
    Http.json(ctx, Map.of("entries", out));
  }

  void inclusion(Context ctx) {
    proof(ctx, "index", "size", log::inclusionProof);
  }

  void consistency(Context ctx) {
    proof(ctx, "from", "to", log::consistencyProof);
  }

  /** Answers {a, b, path} (SPEC §2.4); arguments out of range are a 400 naming them. */
  private static void proof(
      Context ctx,
      String a,
      String b,
      java.util.function.BiFunction<Long, Long, List<Hash>> prove) {
    long x = Http.longParam(ctx, a);
    long y = Http.longParam(ctx, b);
    List<Hash> path;
    try {
      path = prove.apply(x, y);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(a, x);
    m.put(b, y);
    m.put("path", path.stream().map(Hash::base64).toList());
    Http.json(ctx, m);
  }

  /**
   * SPEC §2.7: with a witness policy, the newest checkpoint whose cosignatures meet the quorum (log
   * signature first, then cosignatures in the policy's witness order); 503 before one does. Without
   * a policy, the newest checkpoint.
   */
  void checkpoint(Context ctx) {
    if (witnessing.isEmpty()) {
      latestCheckpoint(ctx);
      return;
    }
    var w =
        witnessing
            .get()
            .witnessed()
            .orElseThrow(() ->
                ApiException.of(
                    ErrorCode.UNAVAILABLE,
                    "no checkpoint has met the witness policy's quorum yet; /api/v1/log/checkpoint/latest serves the newest"));
    ctx.contentType("text/plain; charset=utf-8").result(w.note());
  }

  /** SPEC §2.7: the newest checkpoint with whatever cosignatures it has so far. */
  void latestCheckpoint(Context ctx) {
    ctx.contentType("text/plain; charset=utf-8").result(latest().note());
  }

  /** The newest checkpoint, as {@code /api/v1/log/checkpoint/latest} serves it. */
  private CosignedCheckpoints.Served latest() {
    var cp =
        log.checkpoint()
            .orElseThrow(() ->
                ApiException.of(
                    ErrorCode.UNAVAILABLE, "the log has no entries yet; run `stabilis init`"));
    return witnessing
        .flatMap(Witnessing::latest)
        .orElse(new CosignedCheckpoints.Served(cp.size(), cp.note(), witnessing.isEmpty()));
  }

  /**
   * SPEC §2.8: a C2SP tlog-proof of entry {@code index}, its leaf data as the extra data, against
   * the checkpoint {@code /api/v1/log/checkpoint} serves, byte for byte, when that covers the
   * entry; else the newest, as {@code /checkpoint/latest} serves it.
   */
  void bundle(Context ctx) {
    long index = Http.longParam(ctx, "index");
    CosignedCheckpoints.Served cp =
        witnessing.isEmpty()
            ? latest()
            : witnessing.get().witnessed().filter(w -> w.size() > index).orElseGet(this::latest);
    if (index >= cp.size())
      throw ApiException.badRequest("index must be in [0, " + cp.size() + "); got " + index);
    byte[] data = log.entries(index, index + 1).get(0).data();
    TlogProof proof = new TlogProof(data, index, log.inclusionProof(index, cp.size()), cp.note());
    ctx.contentType("text/plain; charset=utf-8").result(proof.text());
  }
}
