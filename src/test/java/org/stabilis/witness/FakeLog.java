package org.stabilis.witness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.stabilis.log.checkpoint.Checkpoint;
import org.stabilis.log.checkpoint.NoteSigner;
import org.stabilis.log.crypto.Ed25519PrivateKey;
import org.stabilis.log.merkle.Hash;
import org.stabilis.log.merkle.ReferenceTrees;

/** A log that exists only as signed checkpoints over a reference tree, to drive a witness. */
final class FakeLog {
  final String origin;
  final NoteSigner signer;
  private final ReferenceTrees tree;
  private final ConcurrentHashMap<Integer, Hash> roots = new ConcurrentHashMap<>();

  FakeLog(String origin, int keyFill, String leafPrefix, int maxSize) throws Exception {
    this.origin = origin;
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) keyFill);
    this.signer = new NoteSigner(origin, Ed25519PrivateKey.fromSeed(seed));
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < maxSize; i++) leaves.add((leafPrefix + i).getBytes(StandardCharsets.UTF_8));
    this.tree = new ReferenceTrees(leaves);
  }

  String vkey() {
    return signer.verifierKey();
  }

  Hash root(int n) {
    return roots.computeIfAbsent(n, tree::root);
  }

  String checkpoint(int n) {
    return signer.sign(new Checkpoint(origin, n, root(n)).body());
  }

  /** An add-checkpoint body from {@code old} to {@code n} with a correct proof. */
  String request(int old, int n) {
    return request(old, old == 0 || old == n ? List.of() : tree.consistency(old, n), checkpoint(n));
  }

  static String request(long old, List<Hash> proof, String note) {
    StringBuilder b = new StringBuilder("old ").append(old).append('\n');
    for (Hash h : proof) b.append(h.base64()).append('\n');
    return b.append('\n').append(note).toString();
  }
}
