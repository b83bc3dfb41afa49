package org.stabilis.log.tiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.NodeId;
import org.stabilis.log.merkle.NodeReader;
import org.stabilis.log.merkle.TreeHasher;

/**
 * Perfect-subtree hashes of a tree of a known size, read from its tiles (c2sp.org/tlog-tiles), so
 * that roots and proofs ({@link org.stabilis.log.merkle.ProofPlan}) can be computed by a client
 * from tiles alone. A subtree between tile levels is hashed up from the tile below.
 *
 * <p>Only tiles that a tree of {@code size} has are fetched (a partial tile of exactly the width
 * that size implies), as tlog-tiles asks of clients. Each tile is fetched once. Not thread-safe.
 */
public final class TileNodeReader implements NodeReader {
  /** Where tiles come from: an HTTP client, a directory, a test's map. */
  @FunctionalInterface
  public interface Fetcher {
    byte[] fetch(TilePath tile);
  }

  private final long size;
  private final Fetcher fetcher;
  private final Map<TilePath, List<Hash>> tiles = new HashMap<>();

  /**
   * @param size the tree size, from a verified checkpoint
   */
  public TileNodeReader(long size, Fetcher fetcher) {
    if (size < 0) throw new IllegalArgumentException("size must be non-negative");
    this.size = size;
    this.fetcher = fetcher;
  }

  /** The tile of {@code level} and {@code index} as a tree of this size has it. */
  public TilePath tileAt(int level, long index) {
    long hashes = size >>> (TilePath.HEIGHT * level);
    long full = hashes / TilePath.WIDTH;
    if (index < full) return TilePath.tile(level, index, TilePath.WIDTH);
    if (index == full && hashes % TilePath.WIDTH != 0)
      return TilePath.tile(level, index, (int) (hashes % TilePath.WIDTH));
    throw new IllegalArgumentException(
        "a tree of " + size + " leaves has no tile " + index + " at level " + level);
  }

  /** The hashes of a tile, fetched once and checked to be as wide as its path says. */
  public List<Hash> hashes(TilePath t) {
    List<Hash> h = tiles.get(t);
    if (h == null) {
      h = Tiles.parseTile(fetcher.fetch(t));
      if (h.size() != t.width())
        throw new IllegalArgumentException(
            "tile " + t.path() + " holds " + h.size() + " hashes, not " + t.width());
      tiles.put(t, h);
    }
    return h;
  }

  @Override
  public List<Hash> read(List<NodeId> ids) {
    List<Hash> out = new ArrayList<>(ids.size());
    for (NodeId id : ids) out.add(node(id));
    return out;
  }

  private Hash node(NodeId id) {
    int tileLevel = id.level() / TilePath.HEIGHT;
    int below = id.level() % TilePath.HEIGHT;
    // The subtree's hashes at the tile level: 2^below consecutive ones, inside one tile since
    // subtrees are aligned.
    long first = id.index() << below;
    int count = 1 << below;
    List<Hash> tile = hashes(tileAt(tileLevel, first / TilePath.WIDTH));
    int from = (int) (first % TilePath.WIDTH);
    if (from + count > tile.size())
      throw new IllegalArgumentException(
          "subtree " + id + " is not complete in a tree of " + size + " leaves");
    List<Hash> level = new ArrayList<>(tile.subList(from, from + count));
    while (level.size() > 1) {
      List<Hash> up = new ArrayList<>(level.size() / 2);
      for (int i = 0; i < level.size(); i += 2)
        up.add(TreeHasher.nodeHash(level.get(i), level.get(i + 1)));
      level = up;
    }
    return level.get(0);
  }
}
