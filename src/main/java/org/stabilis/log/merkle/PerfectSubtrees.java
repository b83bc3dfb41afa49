package org.stabilis.log.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of leaves seen as the perfect subtrees that compose it, and the way their hashes combine
 * back into the RFC 9162 Merkle Tree Hash of the run.
 */
final class PerfectSubtrees {

  private PerfectSubtrees() {}

  /**
   * Splits {@code [begin, end)} greedily into perfect subtrees, largest first.
   *
   * <p>This is the shape RFC 9162 §2.1.1 gives MTH: splitting at the largest power of two {@code k
   * < n} leaves a perfect left part of {@code k} leaves and recurses on the right, so the left
   * parts are exactly the set bits of {@code end - begin}, high to low.
   *
   * @param begin first leaf; when the run is non-empty, a multiple of the highest power of two not
   *     exceeding {@code end - begin}, so that every part is an aligned perfect subtree (true of
   *     every node of an RFC 9162 tree)
   * @param end one past the last leaf, {@code end >= begin}
   * @return one id per set bit of {@code end - begin}; empty when the run is empty
   * @throws IllegalArgumentException if the preconditions do not hold
   */
  static List<NodeId> covering(long begin, long end) {
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("invalid leaf range [" + begin + ", " + end + ")");
    }
    long count = end - begin;
    if (count == 0) {
      return List.of();
    }
    if (begin % Long.highestOneBit(count) != 0) {
      throw new IllegalArgumentException(
          "leaf range [" + begin + ", " + end + ") is not aligned to perfect subtrees");
    }
    List<NodeId> ids = new ArrayList<>(Long.bitCount(count));
    long position = begin;
    for (int level = 63 - Long.numberOfLeadingZeros(count); level >= 0; level--) {
      if ((count & (1L << level)) != 0) {
        ids.add(new NodeId(level, position >>> level));
        position += 1L << level;
      }
    }
    return ids;
  }

  /**
   * Combines the hashes of the parts returned by {@link #covering} into the MTH of the run.
   *
   * @param parts hashes of consecutive perfect subtrees, largest (leftmost) first, each strictly
   *     smaller than the one before; must not be empty
   * @return MTH of the concatenated leaves
   */
  static Hash fold(List<Hash> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to fold; an empty run has no subtrees");
    }
    // RFC 9162 §2.1.1: the right operand of each split is itself an MTH, so the smallest
    // (rightmost) parts are joined first.
    Hash accumulator = parts.get(parts.size() - 1);
    for (int i = parts.size() - 2; i >= 0; i--) {
      accumulator = TreeHasher.nodeHash(parts.get(i), accumulator);
    }
    return accumulator;
  }
}
