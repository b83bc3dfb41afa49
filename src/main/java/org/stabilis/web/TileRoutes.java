package org.stabilis.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.stabilis.log.ErrorCode;
import org.stabilis.log.LogService;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.NodeId;
import org.stabilis.log.store.LogStore.StoredEntry;
import org.stabilis.log.tiles.TilePath;
import org.stabilis.log.tiles.Tiles;

/**
 * The log as C2SP {@code tlog-tiles} beside the JSON API, with the prefix {@code /api/v1/log}: the
 * checkpoint is {@code /api/v1/log/checkpoint} (public, served by {@link LogRoutes}), tiles and
 * entry bundles are {@code /api/v1/log/tile/...} and, like entries (SPEC §2.6), need a token.
 */
public final class TileRoutes {
  /** The tlog-tiles prefix below the server root. */
  public static final String PREFIX = "/api/v1/log";

  // A full tile or bundle never changes; a partial one is replaced by a wider one as the log grows.
  private static final String FULL = "private, max-age=31536000, immutable";
  private static final String PARTIAL = "private, max-age=10";
  private final LogService log;

  public TileRoutes(LogService log) {
    this.log = log;
  }

  public void register(RoutesConfig r) {
    r.get(PREFIX + "/tile/<path>", this::tile);
  }

  void tile(Context ctx) {
    TilePath t;
    try {
      t = TilePath.parse("tile/" + ctx.pathParam("path"));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("no such tile: " + e.getMessage());
    }
    long size = log.checkpoint().map(c -> c.size()).orElse(0L);
    byte[] body;
    try {
      body = t.entries() ? bundle(t, size) : tile(t, size);
    } catch (IllegalArgumentException e) {
      // tlog-tiles: tiles the tree does not have (yet), empty ones included, are not served.
      throw ApiException.notFound(e.getMessage());
    }
    ctx.header("Cache-Control", t.full() ? FULL : PARTIAL);
    ctx.contentType("application/octet-stream").result(body);
  }

  private byte[] tile(TilePath t, long size) {
    List<NodeId> ids = Tiles.nodes(t, size);
    NodeId first = ids.get(0);
    List<Hash> hashes =
        log.store().nodeRange(first.level(), first.index(), first.index() + ids.size());
    return Tiles.tileBytes(hashes);
  }

  private byte[] bundle(TilePath t, long size) {
    long start = Tiles.bundleStart(t, size);
    List<byte[]> data =
        log.entries(start, start + t.width()).stream().map(StoredEntry::data).toList();
    try {
      return Tiles.bundle(data, start);
    } catch (IllegalArgumentException e) {
      throw ApiException.of(
          ErrorCode.TOO_LARGE, e.getMessage() + "; read it from /api/v1/log/entries");
    }
  }
}
