package org.stabilis.log.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks inclusion and consistency proofs exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 prescribe.
 *
 * <p>All arguments are treated as untrusted: impossible sizes and malformed paths are reported as
 * {@link ProofException}, not as programming errors. Null arguments are still programming errors
 * ({@link NullPointerException}). Stateless and thread-safe.
 */
public final class ProofVerifier {

  private ProofVerifier() {}

  /**
   * Verifies that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves whose
   * root is {@code root}.
   *
   * @param index claimed leaf position
   * @param size tree size the proof is against
   * @param leafHash {@link TreeHasher#leafHash} of the entry
   * @param path inclusion path, lowest sibling first
   * @param root trusted root of the tree of {@code size} leaves
   * @throws ProofException carrying the reason and, on mismatch, expected and computed roots
   */
  public static void verifyInclusion(
      long index, long size, Hash leafHash, List<Hash> path, Hash root) throws ProofException {
    Objects.requireNonNull(root, "root");
    Hash computed = rootFromInclusionProof(index, size, leafHash, path);
    // RFC 9162 §2.1.3.2 step 5: compare r against root_hash.
    if (!computed.equals(root)) {
      throw new ProofException(
          ProofException.Kind.ROOT_MISMATCH,
          "inclusion proof for leaf " + index + " of " + size + " leads to a different root",
          root,
          computed);
    }
  }

  /**
   * Recomputes the root an inclusion proof leads to, for callers that compare it themselves.
   *
   * @return the r of RFC 9162 §2.1.3.2 after consuming the whole path
   * @throws ProofException if the index and size are impossible or the path has the wrong length
   * @see #verifyInclusion
   */
  public static Hash rootFromInclusionProof(long index, long size, Hash leafHash, List<Hash> path)
      throws ProofException {
    Objects.requireNonNull(leafHash, "leafHash");
    requireNoNulls(path);
    // RFC 9162 §2.1.3.2 step 1: leaf_index must be below tree_size.
    if (index < 0 || index >= size) {
      throw new ProofException(
          ProofException.Kind.INVALID_PARAMETERS,
          "leaf index " + index + " is not in a tree of size " + size);
    }
    int expectedLength = inclusionPathLength(index, size);
    if (path.size() != expectedLength) {
      throw new ProofException(
          ProofException.Kind.WRONG_PATH_LENGTH,
          "inclusion path for leaf "
              + index
              + " of "
              + size
              + " has "
              + path.size()
              + " elements, expected "
              + expectedLength);
    }
    // RFC 9162 §2.1.3.2 steps 2-3.
    long fn = index;
    long sn = size - 1;
    Hash r = leafHash;
    // RFC 9162 §2.1.3.2 step 4.
    for (Hash p : path) {
      if (sn == 0) { // step 4a; unreachable after the length check, kept as the RFC states it
        throw new ProofException(
            ProofException.Kind.WRONG_PATH_LENGTH, "inclusion path is too long");
      }
      if ((fn & 1) == 1 || fn == sn) { // step 4b
        r = TreeHasher.nodeHash(p, r);
        if ((fn & 1) == 0) {
          // fn is on the right edge: the levels where it has no right sibling are skipped.
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = TreeHasher.nodeHash(r, p);
      }
      fn >>>= 1; // step 4c
      sn >>>= 1;
    }
    // RFC 9162 §2.1.3.2 step 5: sn must be 0.
    if (sn != 0) {
      throw new ProofException(
          ProofException.Kind.WRONG_PATH_LENGTH, "inclusion path is too short");
    }
    return r;
  }

  /**
   * Verifies that the tree of {@code to} leaves with root {@code toRoot} extends the tree of {@code
   * from} leaves with root {@code fromRoot}.
   *
   * @param from earlier size; proofs from the empty tree are undefined (RFC 9162 §2.1.4) and
   *     rejected
   * @param to later size, {@code >= from}; when equal, the path must be empty and the roots equal
   * @param fromRoot trusted root of the earlier tree
   * @param toRoot trusted root of the later tree
   * @param path consistency proof in RFC 9162 order
   * @throws ProofException carrying the reason and, on mismatch, expected and computed roots
   */
  public static void verifyConsistency(
      long from, long to, Hash fromRoot, Hash toRoot, List<Hash> path) throws ProofException {
    Objects.requireNonNull(fromRoot, "fromRoot");
    Objects.requireNonNull(toRoot, "toRoot");
    requireNoNulls(path);
    if (from < 1 || from > to) {
      throw new ProofException(
          ProofException.Kind.INVALID_PARAMETERS,
          "no consistency proof exists from size " + from + " to size " + to);
    }
    int expectedLength = consistencyPathLength(from, to);
    if (path.size() != expectedLength) {
      throw new ProofException(
          ProofException.Kind.WRONG_PATH_LENGTH,
          "consistency path from "
              + from
              + " to "
              + to
              + " has "
              + path.size()
              + " elements, expected "
              + expectedLength);
    }
    if (from == to) {
      // RFC 9162 §2.1.4.1: PROOF(n, D[n]) is empty; the trees are consistent iff identical.
      if (!fromRoot.equals(toRoot)) {
        throw new ProofException(
            ProofException.Kind.ROOT_MISMATCH,
            "roots differ for the same size " + to,
            toRoot,
            fromRoot);
      }
      return;
    }
    // RFC 9162 §2.1.4.2 step 2: when first is a power of two, its root is itself a node of
    // the second tree and the proof omits it.
    List<Hash> consistencyPath = new ArrayList<>(path.size() + 1);
    if (Long.bitCount(from) == 1) {
      consistencyPath.add(fromRoot);
    }
    consistencyPath.addAll(path);
    // RFC 9162 §2.1.4.2 step 3.
    long fn = from - 1;
    long sn = to - 1;
    // RFC 9162 §2.1.4.2 step 4: skip the levels where the old tree's last subtree is complete.
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // RFC 9162 §2.1.4.2 step 5.
    Hash fr = consistencyPath.get(0);
    Hash sr = consistencyPath.get(0);
    // RFC 9162 §2.1.4.2 step 6.
    for (Hash c : consistencyPath.subList(1, consistencyPath.size())) {
      if (sn == 0) { // step 6a; unreachable after the length check, kept as the RFC states it
        throw new ProofException(
            ProofException.Kind.WRONG_PATH_LENGTH, "consistency path is too long");
      }
      if ((fn & 1) == 1 || fn == sn) { // step 6b
        fr = TreeHasher.nodeHash(c, fr);
        sr = TreeHasher.nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = TreeHasher.nodeHash(sr, c);
      }
      fn >>>= 1; // step 6c
      sn >>>= 1;
    }
    // RFC 9162 §2.1.4.2 step 7.
    if (sn != 0) {
      throw new ProofException(
          ProofException.Kind.WRONG_PATH_LENGTH, "consistency path is too short");
    }
    if (!fr.equals(fromRoot)) {
      throw new ProofException(
          ProofException.Kind.ROOT_MISMATCH,
          "consistency path from " + from + " to " + to + " does not lead to the earlier root",
          fromRoot,
          fr);
    }
    if (!sr.equals(toRoot)) {
      throw new ProofException(
          ProofException.Kind.ROOT_MISMATCH,
          "consistency path from " + from + " to " + to + " does not lead to the later root",
          toRoot,
          sr);
    }
  }

  /**
   * Counts the iterations of RFC 9162 §2.1.3.2 step 4 that end with sn = 0, by running its index
   * arithmetic without hashing, so a bad length is reported before any work is done.
   *
   * @param index {@code 0 <= index < size}
   */
  static int inclusionPathLength(long index, long size) {
    long fn = index;
    long sn = size - 1;
    int length = 0;
    while (sn != 0) {
      length++;
      if ((fn & 1) == 0 && fn == sn) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return length;
  }

  /**
   * Length of the consistency path RFC 9162 §2.1.4.2 consumes, by the same index arithmetic.
   *
   * @param from {@code 1 <= from <= to}
   */
  static int consistencyPathLength(long from, long to) {
    if (from == to) {
      return 0;
    }
    long fn = from - 1;
    long sn = to - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // The first element is seeded by step 5 rather than consumed by the loop, and is the
    // caller-supplied root instead of a path element when from is a power of two.
    int length = Long.bitCount(from) == 1 ? 0 : 1;
    while (sn != 0) {
      length++;
      if ((fn & 1) == 0 && fn == sn) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return length;
  }

  private static void requireNoNulls(List<Hash> path) {
    Objects.requireNonNull(path, "path");
    for (int i = 0; i < path.size(); i++) {
      Objects.requireNonNull(path.get(i), "path element " + i);
    }
  }
}
