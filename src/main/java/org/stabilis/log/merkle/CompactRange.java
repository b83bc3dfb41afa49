package org.stabilis.log.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The right frontier of a log: for a tree of {@code size} leaves, the root hash of each maximal
 * perfect subtree, one per set bit of {@code size}. That is all the state needed to append leaves
 * and compute the current root in O(log n) space.
 *
 * <p>Mutable and <strong>not thread-safe</strong>: confine an instance to one writer, or hand
 * readers a {@link #copy()}.
 */
public final class CompactRange {

  private long size;
  // Largest (leftmost) subtree first; a subtree's level is fixed by its position among the set
  // bits.
  private final ArrayList<Hash> frontier;

  private CompactRange(long size, List<Hash> frontier) {
    this.size = size;
    this.frontier = new ArrayList<>(frontier);
  }

  /**
   * @return the range of the tree with no leaves
   */
  public static CompactRange empty() {
    return new CompactRange(0, List.of());
  }

  /**
   * Restores a range, typically from hashes loaded via {@link #frontierIds(long)}.
   *
   * @param size number of leaves, {@code >= 0}
   * @param frontier root hashes of the subtrees named by {@code frontierIds(size)}, in that order;
   *     exactly {@code Long.bitCount(size)} non-null elements; copied
   * @throws IllegalArgumentException if the preconditions do not hold
   */
  public static CompactRange of(long size, List<Hash> frontier) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be non-negative, got " + size);
    }
    Objects.requireNonNull(frontier, "frontier");
    if (frontier.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "a tree of size "
              + size
              + " has "
              + Long.bitCount(size)
              + " frontier subtrees, got "
              + frontier.size()
              + " hashes");
    }
    for (int i = 0; i < frontier.size(); i++) {
      if (frontier.get(i) == null) {
        throw new IllegalArgumentException("frontier hash " + i + " is null");
      }
    }
    return new CompactRange(size, frontier);
  }

  /**
   * @param size number of leaves, {@code >= 0}
   * @return the maximal perfect subtrees of a tree of {@code size} leaves, largest first
   */
  public static List<NodeId> frontierIds(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be non-negative, got " + size);
    }
    return PerfectSubtrees.covering(0, size);
  }

  /**
   * @return the number of leaves appended so far
   */
  public long size() {
    return size;
  }

  /**
   * @return the frontier hashes, largest subtree first (an unmodifiable snapshot)
   */
  public List<Hash> frontier() {
    return List.copyOf(frontier);
  }

  /**
   * @return ids of the subtrees whose hashes {@link #frontier()} returns, same order
   */
  public List<NodeId> frontierIds() {
    return frontierIds(size);
  }

  /**
   * @return an independent range with the same state
   */
  public CompactRange copy() {
    return new CompactRange(size, frontier);
  }

  /**
   * Appends leaf number {@link #size()} and reports every perfect subtree this completes.
   *
   * @param leafHash {@link TreeHasher#leafHash} of the new entry
   * @param sink told about the leaf itself (level 0) and then each completed subtree, lowest level
   *     first; called before this range changes, so if it throws the range is left as it was
   * @throws IllegalStateException if the tree is at its maximum size
   */
  public void append(Hash leafHash, NodeSink sink) {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(sink, "sink");
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("tree is full at " + size + " leaves");
    }
    long leafIndex = size;
    sink.node(new NodeId(0, leafIndex), leafHash);
    // Each trailing one bit of the old size is a perfect subtree of the same height as the one
    // being carried, sitting just to its left: they merge like a binary increment's carry.
    Hash carried = leafHash;
    int merges = Long.numberOfTrailingZeros(~leafIndex);
    for (int level = 1; level <= merges; level++) {
      Hash left = frontier.get(frontier.size() - level);
      carried = TreeHasher.nodeHash(left, carried);
      sink.node(new NodeId(level, leafIndex >>> level), carried);
    }
    for (int i = 0; i < merges; i++) {
      frontier.removeLast();
    }
    frontier.add(carried);
    size = leafIndex + 1;
  }

  /**
   * @return MTH of all leaves appended so far (RFC 9162 §2.1.1); the empty root when none
   */
  public Hash root() {
    if (frontier.isEmpty()) {
      return TreeHasher.emptyRoot();
    }
    return PerfectSubtrees.fold(frontier);
  }
}
