package org.stabilis.log.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.NodeId;

/**
 * The tiles of a tree of a given size (c2sp.org/tlog-tiles): which exist, which perfect subtrees
 * they hold, and the entry-bundle encoding. Knows nothing of storage.
 */
public final class Tiles {
  /** Longest entry a bundle can carry: its length travels as a big-endian uint16. */
  public static final int MAX_ENTRY_BYTES = 0xFFFF;

  private Tiles() {}

  /**
   * The perfect subtrees whose hashes {@code t} holds, in order, if a tree of {@code size} leaves
   * has that tile: at level l, hash i of tile n is MTH(D[(n*256+i)*256^l : (n*256+i+1)*256^l]), the
   * stored subtree (8l, n*256+i).
   *
   * @throws IllegalArgumentException if the tree does not (yet) have the tile, naming why
   */
  public static List<NodeId> nodes(TilePath t, long size) {
    int height = TilePath.HEIGHT * t.level();
    if (height > NodeId.MAX_LEVEL)
      throw new IllegalArgumentException(
          "no tree of " + size + " leaves reaches tile level " + t.level());
    long first = t.index() * TilePath.WIDTH;
    // Hashes at this level in a tree of this size: floor(size / 256^l); the tile needs the first
    // index*256 + width of them. A partial tile of the width the tree now has is still served,
    // as every partial tile of an earlier checkpoint is (tlog-tiles "Partial Tiles").
    long available = size >>> height;
    if (first + t.width() > available)
      throw new IllegalArgumentException(
          "the tree of "
              + size
              + " leaves has "
              + available
              + " hashes at tile level "
              + t.level()
              + "; tile "
              + t.path()
              + " needs "
              + (first + t.width()));
    List<NodeId> ids = new ArrayList<>(t.width());
    for (int i = 0; i < t.width(); i++) ids.add(new NodeId(height, first + i));
    return ids;
  }

  /** Leaf index range [start, start + width) of an entry bundle, checked against the tree size. */
  public static long bundleStart(TilePath t, long size) {
    if (!t.entries()) throw new IllegalArgumentException(t.path() + " is not an entry bundle");
    long start = t.index() * TilePath.WIDTH;
    if (start + t.width() > size)
      throw new IllegalArgumentException(
          "the log holds "
              + size
              + " entries; bundle "
              + t.path()
              + " needs "
              + (start + t.width()));
    return start;
  }

  /** A tile's bytes: the hashes concatenated, 32 bytes each. */
  public static byte[] tileBytes(List<Hash> hashes) {
    byte[] out = new byte[hashes.size() * Hash.LENGTH];
    for (int i = 0; i < hashes.size(); i++)
      System.arraycopy(hashes.get(i).bytes(), 0, out, i * Hash.LENGTH, Hash.LENGTH);
    return out;
  }

  /** Splits a tile's bytes into its hashes; the length must be a whole number of hashes. */
  public static List<Hash> parseTile(byte[] tile) {
    if (tile.length % Hash.LENGTH != 0)
      throw new IllegalArgumentException(
          "a tile of " + tile.length + " bytes is not a whole number of 32-byte hashes");
    List<Hash> out = new ArrayList<>(tile.length / Hash.LENGTH);
    for (int i = 0; i < tile.length; i += Hash.LENGTH)
      out.add(Hash.of(java.util.Arrays.copyOfRange(tile, i, i + Hash.LENGTH)));
    return out;
  }

  /**
   * An entry bundle: each entry as a big-endian uint16 length then its bytes (tlog-tiles "Log
   * entries").
   *
   * @throws IllegalArgumentException if an entry is longer than {@link #MAX_ENTRY_BYTES}
   */
  public static byte[] bundle(List<byte[]> entries, long firstIndex) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < entries.size(); i++) {
      byte[] e = entries.get(i);
      if (e.length > MAX_ENTRY_BYTES)
        throw new IllegalArgumentException(
            "entry "
                + (firstIndex + i)
                + " is "
                + e.length
                + " bytes, more than the "
                + MAX_ENTRY_BYTES
                + " an entry bundle can carry");
      out.write(e.length >>> 8);
      out.write(e.length & 0xFF);
      out.write(e, 0, e.length);
    }
    return out.toByteArray();
  }

  /** Decodes an entry bundle into its entries. */
  public static List<byte[]> parseBundle(byte[] bundle) {
    List<byte[]> out = new ArrayList<>();
    int p = 0;
    while (p < bundle.length) {
      if (p + 2 > bundle.length)
        throw new IllegalArgumentException("entry bundle ends inside a length prefix at byte " + p);
      int n = ((bundle[p] & 0xFF) << 8) | (bundle[p + 1] & 0xFF);
      p += 2;
      if (p + n > bundle.length)
        throw new IllegalArgumentException(
            "entry "
                + out.size()
                + " of the bundle claims "
                + n
                + " bytes but only "
                + (bundle.length - p)
                + " remain");
      out.add(java.util.Arrays.copyOfRange(bundle, p, p + n));
      p += n;
    }
    return out;
  }
}
