package org.stabilis.log.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The two hash functions of an RFC 9162 Merkle tree, with their domain-separation prefixes.
 *
 * <p>Thread-safe: each thread gets its own {@link MessageDigest}, since digests carry state.
 */
public final class TreeHasher {

  // RFC 9162 §2.1.1: distinct prefixes keep a leaf from being passed off as an interior node
  // (second-preimage resistance for trees of different shapes).
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(TreeHasher::newDigest);

  // RFC 9162 §2.1.1: MTH({}) = HASH(), the hash of the empty string.
  private static final Hash EMPTY_ROOT = Hash.wrap(newDigest().digest());

  private TreeHasher() {}

  /**
   * @param leafData the entry as stored in the log; not retained
   * @return HASH(0x00 || leafData)
   */
  public static Hash leafHash(byte[] leafData) {
    Objects.requireNonNull(leafData, "leafData");
    MessageDigest digest = SHA256.get();
    digest.reset();
    digest.update(LEAF_PREFIX); // RFC 9162 §2.1.1: MTH({d(0)}) = HASH(0x00 || d(0))
    digest.update(leafData);
    return Hash.wrap(digest.digest());
  }

  /**
   * @param left root of the left (earlier, always perfect) subtree
   * @param right root of the right subtree
   * @return HASH(0x01 || left || right)
   */
  public static Hash nodeHash(Hash left, Hash right) {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    MessageDigest digest = SHA256.get();
    digest.reset();
    digest.update(NODE_PREFIX); // RFC 9162 §2.1.1: HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))
    left.updateDigest(digest);
    right.updateDigest(digest);
    return Hash.wrap(digest.digest());
  }

  /**
   * @return the root of the tree with no leaves, SHA-256 of the empty string
   */
  public static Hash emptyRoot() {
    return EMPTY_ROOT;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
