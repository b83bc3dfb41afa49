package org.stabilis.log.merkle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which stored perfect subtrees a proof needs, and how to turn their hashes into the proof.
 *
 * <p>Planning is kept apart from fetching (a {@link NodeReader}) and from checking ({@link
 * ProofVerifier}), so that the same plan can drive a batched storage query and be tested without
 * any storage at all.
 *
 * <p>Each element of an RFC 9162 proof is the MTH of some run of leaves. Runs that lie on the right
 * edge of a tree whose size is not a power of two are not perfect subtrees and so are never stored;
 * the plan lists their perfect parts instead and {@link #assemble} folds them.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProofPlan {

  /** For each proof element, in proof order, the perfect subtrees composing its run of leaves. */
  private final List<List<NodeId>> elements;

  /** Distinct ids across all elements, in first-use order. */
  private final List<NodeId> nodes;

  private ProofPlan(List<List<NodeId>> elements) {
    this.elements = List.copyOf(elements);
    Map<NodeId, Boolean> distinct = new LinkedHashMap<>();
    for (List<NodeId> parts : elements) {
      for (NodeId id : parts) {
        distinct.put(id, Boolean.TRUE);
      }
    }
    this.nodes = List.copyOf(distinct.keySet());
  }

  /**
   * Plans PATH(index, D[size]) of RFC 9162 §2.1.3.1.
   *
   * @param index leaf whose inclusion is proven, {@code 0 <= index < size}
   * @param size tree size the proof is against
   * @throws IllegalArgumentException if {@code index} is not a leaf of a tree of {@code size}
   */
  public static ProofPlan inclusion(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "inclusion proof needs 0 <= index < size, got index " + index + " and size " + size);
    }
    // Walk from the root down to the leaf; each step contributes the sibling subtree, and
    // RFC 9162 §2.1.3.1 lists those bottom-up, so the walk's order is reversed at the end.
    List<List<NodeId>> topDown = new ArrayList<>();
    long begin = 0;
    long end = size;
    while (end - begin > 1) {
      long split = splitPoint(end - begin);
      if (index < begin + split) {
        // RFC 9162 §2.1.3.1: m < k, PATH(m, D[0:k]) : MTH(D[k:n])
        topDown.add(PerfectSubtrees.covering(begin + split, end));
        end = begin + split;
      } else {
        // RFC 9162 §2.1.3.1: m >= k, PATH(m - k, D[k:n]) : MTH(D[0:k])
        topDown.add(PerfectSubtrees.covering(begin, begin + split));
        begin += split;
      }
    }
    return new ProofPlan(topDown.reversed());
  }

  /**
   * Plans PROOF(from, D[to]) of RFC 9162 §2.1.4.1.
   *
   * @param from size of the earlier tree, {@code 1 <= from <= to}; RFC 9162 defines no proof from
   *     the empty tree, which is trivially consistent with everything
   * @param to size of the later tree; {@code from == to} plans an empty proof
   * @throws IllegalArgumentException if the preconditions do not hold
   */
  public static ProofPlan consistency(long from, long to) {
    if (from < 1 || from > to) {
      throw new IllegalArgumentException(
          "consistency proof needs 1 <= from <= to, got from " + from + " and to " + to);
    }
    // Same top-down walk as for inclusion; SUBPROOF appends its own element after the
    // recursive part, so reversing yields RFC order.
    List<List<NodeId>> topDown = new ArrayList<>();
    long begin = 0;
    long end = to;
    long remaining = from; // m, relative to begin
    boolean wholeTreeKnown = true; // b: the verifier already holds MTH of D[begin:begin+m]
    while (remaining != end - begin) {
      long split = splitPoint(end - begin);
      if (remaining <= split) {
        // RFC 9162 §2.1.4.1: m <= k, SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
        topDown.add(PerfectSubtrees.covering(begin + split, end));
        end = begin + split;
      } else {
        // RFC 9162 §2.1.4.1: m > k, SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
        topDown.add(PerfectSubtrees.covering(begin, begin + split));
        begin += split;
        remaining -= split;
        wholeTreeKnown = false;
      }
    }
    if (!wholeTreeKnown) {
      // RFC 9162 §2.1.4.1: SUBPROOF(m, D[m], false) = {MTH(D[m])}
      topDown.add(PerfectSubtrees.covering(begin, end));
    }
    return new ProofPlan(topDown.reversed());
  }

  /**
   * Lists the perfect subtrees whose hashes make up MTH(D[size]).
   *
   * @param size tree size, {@code >= 0}; the empty tree needs no nodes
   */
  public static List<NodeId> rootNodes(long size) {
    return CompactRange.frontierIds(size);
  }

  /**
   * Computes MTH(D[size]) for any size the store has reached, e.g. to serve an old tree head.
   *
   * @param size tree size, {@code >= 0}, not larger than the stored tree
   * @param reader source of stored perfect-subtree hashes
   * @return the root; {@link TreeHasher#emptyRoot()} for size 0 without calling the reader
   */
  public static Hash root(long size, NodeReader reader) {
    Objects.requireNonNull(reader, "reader");
    List<NodeId> ids = rootNodes(size);
    if (ids.isEmpty()) {
      return TreeHasher.emptyRoot();
    }
    return PerfectSubtrees.fold(readChecked(reader, ids));
  }

  /**
   * Plans, fetches and assembles an inclusion proof in one step.
   *
   * @see #inclusion(long, long)
   */
  public static List<Hash> fetchInclusion(long index, long size, NodeReader reader) {
    return inclusion(index, size).fetch(reader);
  }

  /**
   * Plans, fetches and assembles a consistency proof in one step.
   *
   * @see #consistency(long, long)
   */
  public static List<Hash> fetchConsistency(long from, long to, NodeReader reader) {
    return consistency(from, to).fetch(reader);
  }

  /**
   * @return distinct perfect subtrees to fetch, O(log n) of them; input order for {@link #assemble}
   */
  public List<NodeId> nodes() {
    return nodes;
  }

  /**
   * @return number of hashes in the assembled proof
   */
  public int proofLength() {
    return elements.size();
  }

  /**
   * Builds the proof from fetched hashes.
   *
   * @param fetched the hash of each of {@link #nodes()}, same order and count
   * @return the proof path in RFC 9162 order
   * @throws IllegalArgumentException if the count differs or an element is null
   */
  public List<Hash> assemble(List<Hash> fetched) {
    Objects.requireNonNull(fetched, "fetched");
    if (fetched.size() != nodes.size()) {
      throw new IllegalArgumentException(
          "plan needs " + nodes.size() + " hashes, got " + fetched.size());
    }
    Map<NodeId, Hash> byId = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      Hash hash = fetched.get(i);
      if (hash == null) {
        throw new IllegalArgumentException("no hash for node " + nodes.get(i));
      }
      byId.put(nodes.get(i), hash);
    }
    List<Hash> proof = new ArrayList<>(elements.size());
    for (List<NodeId> parts : elements) {
      List<Hash> partHashes = new ArrayList<>(parts.size());
      for (NodeId id : parts) {
        partHashes.add(byId.get(id));
      }
      proof.add(PerfectSubtrees.fold(partHashes));
    }
    return List.copyOf(proof);
  }

  private List<Hash> fetch(NodeReader reader) {
    Objects.requireNonNull(reader, "reader");
    if (nodes.isEmpty()) {
      return List.of();
    }
    return assemble(readChecked(reader, nodes));
  }

  private static List<Hash> readChecked(NodeReader reader, List<NodeId> ids) {
    List<Hash> hashes = reader.read(ids);
    if (hashes == null || hashes.size() != ids.size()) {
      throw new IllegalStateException(
          "reader returned "
              + (hashes == null ? "null" : hashes.size() + " hashes")
              + " for "
              + ids.size()
              + " nodes");
    }
    return hashes;
  }

  /** RFC 9162 §2.1.1: k is the largest power of two smaller than n, for n > 1. */
  static long splitPoint(long n) {
    if (n < 2) {
      throw new IllegalArgumentException("only trees of 2 or more leaves split, got " + n);
    }
    return Long.highestOneBit(n - 1);
  }
}
