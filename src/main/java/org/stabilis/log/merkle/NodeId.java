package org.stabilis.log.merkle;

/**
 * Address of a perfect subtree: the {@code 2^level} leaves {@code [index * 2^level, (index + 1) *
 * 2^level)}. Level 0 addresses a single leaf hash.
 *
 * <p>Perfect subtrees never change once complete, which is why they, and only they, are what a
 * store persists and what {@link NodeReader} fetches.
 *
 * @param level height above the leaves, {@code 0 <= level <= 62}
 * @param index position among the subtrees of that level, {@code index >= 0}, and the first leaf
 *     {@code index * 2^level} must fit in a {@code long}
 */
public record NodeId(int level, long index) {

  /** Highest level whose leaf span, 2^level, is representable as a positive {@code long}. */
  public static final int MAX_LEVEL = 62;

  public NodeId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level must be in [0, " + MAX_LEVEL + "], got " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("index must be non-negative, got " + index);
    }
    if (index > (Long.MAX_VALUE >> level)) {
      throw new IllegalArgumentException(
          "node (" + level + ", " + index + ") lies beyond the largest tree");
    }
  }

  /**
   * @return the first leaf covered
   */
  public long firstLeaf() {
    return index << level;
  }

  /**
   * @return the number of leaves covered, 2^level
   */
  public long leafCount() {
    return 1L << level;
  }
}
