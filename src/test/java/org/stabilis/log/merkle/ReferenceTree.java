package org.stabilis.log.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 §2.1.1-§2.1.4 definitions transcribed as literally as possible: recursive, over raw
 * entries, slow, and hashing with its own digest so it shares nothing with the code under test.
 */
final class ReferenceTree {

  private final List<byte[]> entries;

  ReferenceTree(List<byte[]> entries) {
    this.entries = List.copyOf(entries);
  }

  int size() {
    return entries.size();
  }

  byte[] entry(int index) {
    return entries.get(index);
  }

  /** MTH(D[n]) of RFC 9162 §2.1.1. */
  Hash mth(int n) {
    return Hash.of(mth(entries.subList(0, n)));
  }

  /** PATH(m, D[n]) of RFC 9162 §2.1.3.1. */
  List<Hash> path(int m, int n) {
    return wrap(path(m, entries.subList(0, n)));
  }

  /** PROOF(m, D[n]) of RFC 9162 §2.1.4.1. */
  List<Hash> proof(int m, int n) {
    return wrap(subproof(m, entries.subList(0, n), true));
  }

  private static byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return sha256(new byte[0]);
    }
    if (n == 1) {
      return sha256(concat(new byte[] {0x00}, d.get(0)));
    }
    int k = largestPowerOfTwoBelow(n);
    return sha256(concat(new byte[] {0x01}, concat(mth(d.subList(0, k)), mth(d.subList(k, n)))));
  }

  private static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> result = new ArrayList<>();
    if (n == 1) {
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      result.addAll(path(m, d.subList(0, k)));
      result.add(mth(d.subList(k, n)));
    } else {
      result.addAll(path(m - k, d.subList(k, n)));
      result.add(mth(d.subList(0, k)));
    }
    return result;
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> result = new ArrayList<>();
    if (m == n) {
      if (!b) {
        result.add(mth(d));
      }
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      result.addAll(subproof(m, d.subList(0, k), b));
      result.add(mth(d.subList(k, n)));
    } else {
      result.addAll(subproof(m - k, d.subList(k, n), false));
      result.add(mth(d.subList(0, k)));
    }
    return result;
  }

  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  private static List<Hash> wrap(List<byte[]> raw) {
    return raw.stream().map(Hash::of).toList();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
