package org.stabilis.log.merkle;

import java.util.List;

/** Public access to {@link ReferenceTree} for tests of other packages (witnesses, log clients). */
public final class ReferenceTrees {
  private final ReferenceTree tree;

  public ReferenceTrees(List<byte[]> entries) {
    this.tree = new ReferenceTree(entries);
  }

  /** MTH(D[n]) of RFC 9162 §2.1.1. */
  public Hash root(int n) {
    return tree.mth(n);
  }

  /** PROOF(m, D[n]) of RFC 9162 §2.1.4.1. */
  public List<Hash> consistency(int m, int n) {
    return tree.proof(m, n);
  }
}
