package org.stabilis.log.tiles;

/**
 * A resource of a tiled log (c2sp.org/tlog-tiles): a Merkle tree tile {@code tile/<L>/<N>[.p/<W>]}
 * or an entry bundle {@code tile/entries/<N>[.p/<W>]}.
 *
 * <p>Guarantees: {@code 0 <= level <= 63} (tiles; 0 for bundles), {@code index >= 0}, {@code 1 <=
 * width <= 256}, where 256 is a full tile and anything less a partial one. {@link #parse} accepts
 * exactly the paths {@link #path} writes and nothing else.
 *
 * @param entries true for an entry bundle, false for a tile of hashes
 */
public record TilePath(boolean entries, int level, long index, int width) {
  /** Hashes in a full tile, entries in a full bundle (tlog-tiles "Merkle Tree"). */
  public static final int WIDTH = 256;

  /** Tree levels a tile spans: a tile is a subtree of height 8. */
  public static final int HEIGHT = 8;

  public TilePath {
    if (level < 0 || level > 63)
      throw new IllegalArgumentException("tile level must be in [0, 63], got " + level);
    if (entries && level != 0) throw new IllegalArgumentException("entry bundles have no level");
    if (index < 0)
      throw new IllegalArgumentException("tile index must be non-negative, got " + index);
    if (width < 1 || width > WIDTH)
      throw new IllegalArgumentException("tile width must be in [1, 256], got " + width);
  }

  public boolean full() {
    return width == WIDTH;
  }

  /** The path below the log's prefix, e.g. {@code tile/0/x001/x234/067.p/12}. */
  public String path() {
    StringBuilder b =
        new StringBuilder("tile/")
            .append(entries ? "entries" : Integer.toString(level))
            .append('/');
    // tlog-tiles: <N> in zero-padded 3-digit elements, all but the last prefixed with "x".
    String digits = Long.toString(index);
    int pad = (3 - digits.length() % 3) % 3;
    digits = "0".repeat(pad) + digits;
    for (int i = 0; i < digits.length(); i += 3) {
      if (i + 3 < digits.length()) b.append('x');
      b.append(digits, i, i + 3);
      if (i + 3 < digits.length()) b.append('/');
    }
    if (!full()) b.append(".p/").append(width);
    return b.toString();
  }

  /**
   * The tile of {@code level} holding the hash of subtree {@code index} at that level, {@code
   * width} wide.
   */
  public static TilePath tile(int level, long index, int width) {
    return new TilePath(false, level, index, width);
  }

  public static TilePath bundle(long index, int width) {
    return new TilePath(true, 0, index, width);
  }

  /**
   * Parses a path below the prefix, starting with {@code tile/}.
   *
   * @throws IllegalArgumentException naming what is wrong with the path
   */
  public static TilePath parse(String path) {
    if (!path.startsWith("tile/"))
      throw new IllegalArgumentException("a tile path starts with tile/");
    String[] parts = path.substring(5).split("/", -1);
    if (parts.length < 2)
      throw new IllegalArgumentException(
          "a tile path is tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]");
    boolean entries = parts[0].equals("entries");
    int level = 0;
    if (!entries) {
      // tlog-tiles: <L> is a decimal between 0 and 63 with no leading zeroes.
      if (!parts[0].matches("0|[1-9][0-9]?"))
        throw new IllegalArgumentException(
            "tile level \"" + parts[0] + "\" is not a decimal in [0, 63]");
      level = Integer.parseInt(parts[0]);
    }
    int end = parts.length;
    int width = WIDTH;
    if (end >= 3 && parts[end - 2].endsWith(".p")) {
      String w = parts[end - 1];
      // tlog-tiles: <W> is a decimal between 1 and 255 with no leading zeroes.
      if (!w.matches("[1-9][0-9]{0,2}") || Integer.parseInt(w) > 255)
        throw new IllegalArgumentException(
            "partial tile width \"" + w + "\" is not a decimal in [1, 255]");
      width = Integer.parseInt(w);
      parts[end - 2] = parts[end - 2].substring(0, parts[end - 2].length() - 2);
      end -= 1;
    }
    StringBuilder digits = new StringBuilder();
    for (int i = 1; i < end; i++) {
      String p = parts[i];
      boolean last = i == end - 1;
      if (!(last ? p.matches("[0-9]{3}") : p.matches("x[0-9]{3}")))
        throw new IllegalArgumentException(
            "tile index element \""
                + p
                + "\" is not "
                + (last ? "three digits" : "x and three digits"));
      digits.append(last ? p : p.substring(1));
    }
    if (digits.length() > 18) throw new IllegalArgumentException("tile index is too large");
    TilePath t = new TilePath(entries, level, Long.parseLong(digits.toString()), width);
    // Only the canonical spelling: "x000/001" would name tile 1 a second way.
    if (!t.path().equals(path))
      throw new IllegalArgumentException(
          "not the canonical path of tile " + t.index() + "; that is " + t.path());
    return t;
  }

  /** First leaf this tile or bundle spans: {@code index * 256^(level+1)}. */
  public long firstLeaf() {
    return index << (HEIGHT * (level + 1));
  }
}
