package org.stabilis.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every way of tampering with a valid proof must be caught, with evidence of what was wrong. */
class ProofVerifierTest {

  private static final int MAX_SIZE = 40;
  private static final Hash UNRELATED = TreeHasher.leafHash(new byte[] {42});
  private static ReferenceTree reference;
  private static TestTrees.MapStore store;

  @BeforeAll
  static void buildTree() {
    List<byte[]> entries = TestTrees.entries(MAX_SIZE * 2);
    reference = new ReferenceTree(entries);
    store = TestTrees.MapStore.of(entries);
  }

  private static ProofException rejected(ThrowingCallable call, String description) {
    ProofException e = catchThrowableOfType(ProofException.class, call);
    assertThat(e).as("should reject: %s", description).isNotNull();
    return e;
  }

  private static Hash flipBit(Hash hash, int bit) {
    byte[] bytes = hash.bytes();
    bytes[bit / 8 % Hash.LENGTH] ^= (byte) (1 << (bit % 8));
    return Hash.of(bytes);
  }

  private static List<Hash> replaced(List<Hash> path, int at, Hash with) {
    List<Hash> copy = new ArrayList<>(path);
    copy.set(at, with);
    return copy;
  }

  private static List<Hash> appended(List<Hash> path, Hash extra) {
    List<Hash> copy = new ArrayList<>(path);
    copy.add(extra);
    return copy;
  }

  private static List<Hash> prepended(List<Hash> path, Hash extra) {
    List<Hash> copy = new ArrayList<>(path);
    copy.add(0, extra);
    return copy;
  }

  @Test
  void inclusionProof_anyMutation_isRejected() {
    for (int size = 1; size <= MAX_SIZE; size++) {
      Hash root = reference.mth(size);
      for (int index = 0; index < size; index++) {
        final long n = size;
        final long m = index;
        Hash leaf = TreeHasher.leafHash(reference.entry(index));
        List<Hash> path = ProofPlan.fetchInclusion(index, size, store);
        String at = "leaf " + index + " of " + size;

        rejected(
            () -> ProofVerifier.verifyInclusion(m, n, UNRELATED, path, root), "wrong leaf, " + at);
        rejected(
            () -> ProofVerifier.verifyInclusion(m, n, leaf, path, UNRELATED), "wrong root, " + at);
        rejected(
            () -> ProofVerifier.verifyInclusion(m, n, leaf, appended(path, root), root),
            "extended path, " + at);
        rejected(
            () -> ProofVerifier.verifyInclusion(m, n, leaf, prepended(path, leaf), root),
            "prepended path, " + at);
        if (!path.isEmpty()) {
          rejected(
              () ->
                  ProofVerifier.verifyInclusion(m, n, leaf, path.subList(0, path.size() - 1), root),
              "truncated path, " + at);
        }
        for (int i = 0; i < path.size(); i++) {
          for (int bit = 0; bit < 256; bit += 37) {
            List<Hash> mutated = replaced(path, i, flipBit(path.get(i), bit));
            rejected(
                () -> ProofVerifier.verifyInclusion(m, n, leaf, mutated, root),
                "bit flipped in element, " + at);
          }
        }
        for (long wrongIndex : new long[] {m - 1, m + 1, m ^ 2, n}) {
          if (wrongIndex != m) {
            rejected(
                () -> ProofVerifier.verifyInclusion(wrongIndex, n, leaf, path, root),
                "index " + wrongIndex + " instead of " + at);
          }
        }
        // n ± 1 is not here: see inclusionProof_sizeIsNotCommittedByRoot_whenShapesCoincide.
        for (long wrongSize : new long[] {n * 2, n / 2, 0}) {
          if (wrongSize != n) {
            rejected(
                () -> ProofVerifier.verifyInclusion(m, wrongSize, leaf, path, root),
                "size " + wrongSize + " instead of " + at);
          }
        }
      }
    }
  }

  @Test
  void consistencyProof_anyMutation_isRejected() {
    for (int to = 1; to <= MAX_SIZE; to++) {
      for (int from = 1; from <= to; from++) {
        final long m = from;
        final long n = to;
        Hash fromRoot = reference.mth(from);
        Hash toRoot = reference.mth(to);
        List<Hash> path = ProofPlan.fetchConsistency(from, to, store);
        String at = from + " to " + to;

        rejected(
            () -> ProofVerifier.verifyConsistency(m, n, fromRoot, toRoot, appended(path, toRoot)),
            "extended path, " + at);
        rejected(
            () ->
                ProofVerifier.verifyConsistency(m, n, fromRoot, toRoot, prepended(path, fromRoot)),
            "prepended path, " + at);
        if (from == to) {
          rejected(
              () -> ProofVerifier.verifyConsistency(m, n, fromRoot, UNRELATED, path),
              "different roots at one size, " + at);
          continue;
        }
        rejected(
            () -> ProofVerifier.verifyConsistency(m, n, toRoot, fromRoot, path),
            "swapped roots, " + at);
        rejected(
            () -> ProofVerifier.verifyConsistency(m, n, UNRELATED, toRoot, path),
            "wrong old root, " + at);
        rejected(
            () -> ProofVerifier.verifyConsistency(m, n, fromRoot, UNRELATED, path),
            "wrong new root, " + at);
        rejected(
            () -> ProofVerifier.verifyConsistency(m, n, fromRoot, toRoot, List.of()),
            "empty path, " + at);
        rejected(
            () ->
                ProofVerifier.verifyConsistency(
                    m, n, fromRoot, toRoot, path.subList(0, path.size() - 1)),
            "truncated path, " + at);
        for (int i = 0; i < path.size(); i++) {
          for (int bit = 0; bit < 256; bit += 37) {
            List<Hash> mutated = replaced(path, i, flipBit(path.get(i), bit));
            rejected(
                () -> ProofVerifier.verifyConsistency(m, n, fromRoot, toRoot, mutated),
                "bit flipped in element " + i + ", " + at);
          }
        }
        for (long wrongFrom : new long[] {m - 1, m + 1, m ^ 2, 0}) {
          if (wrongFrom != m) {
            rejected(
                () -> ProofVerifier.verifyConsistency(wrongFrom, n, fromRoot, toRoot, path),
                "from " + wrongFrom + " instead of " + at);
          }
        }
        for (long wrongTo : new long[] {n * 2, n / 2}) {
          if (wrongTo != n) {
            rejected(
                () -> ProofVerifier.verifyConsistency(m, wrongTo, fromRoot, toRoot, path),
                "to " + wrongTo + " instead of " + at);
          }
        }
      }
    }
  }

  @Test
  void storedMutationVectors_areRejectedWithTheExpectedKind() {
    List<List<String>> vectors = VectorFile.lines("mutations.txt");
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(10);
    for (List<String> v : vectors) {
      long a = Long.parseLong(v.get(2));
      long b = Long.parseLong(v.get(3));
      Hash h1 = Hash.fromHex(v.get(4));
      Hash h2 = Hash.fromHex(v.get(5));
      List<Hash> path = VectorFile.hashes(v.get(6));
      ProofException.Kind kind = ProofException.Kind.valueOf(v.get(7));
      ThrowingCallable call =
          switch (v.get(0)) {
            case "inclusion" -> () -> ProofVerifier.verifyInclusion(a, b, h1, path, h2);
            case "consistency" -> () -> ProofVerifier.verifyConsistency(a, b, h1, h2, path);
            default -> throw new IllegalStateException("unknown vector type " + v.get(0));
          };
      assertThat(rejected(call, v.get(1)).kind()).as(v.get(1)).isEqualTo(kind);
    }
  }

  @Test
  void inclusionProof_truncated_reportsBothLengths() {
    List<Hash> path = ProofPlan.fetchInclusion(3, 13, store);
    Hash leaf = TreeHasher.leafHash(reference.entry(3));
    ProofException e =
        rejected(
            () -> ProofVerifier.verifyInclusion(3, 13, leaf, path.subList(0, 3), reference.mth(13)),
            "truncated");
    assertThat(e.kind()).isEqualTo(ProofException.Kind.WRONG_PATH_LENGTH);
    assertThat(e.reason()).contains("has 3 elements, expected 4");
    assertThat(e.expectedRoot()).isEmpty();
  }

  @Test
  void inclusionProof_wrongLeaf_reportsExpectedAndComputedRoots() throws ProofException {
    List<Hash> path = ProofPlan.fetchInclusion(3, 13, store);
    Hash root = reference.mth(13);
    ProofException e =
        rejected(() -> ProofVerifier.verifyInclusion(3, 13, UNRELATED, path, root), "wrong leaf");
    assertThat(e.kind()).isEqualTo(ProofException.Kind.ROOT_MISMATCH);
    assertThat(e.expectedRoot()).contains(root);
    assertThat(e.computedRoot())
        .contains(ProofVerifier.rootFromInclusionProof(3, 13, UNRELATED, path));
    assertThat(e.getMessage()).contains(root.hex()).contains(e.computedRoot().orElseThrow().hex());
  }

  @Test
  void consistencyProof_swappedRoots_reportsWhichRootDiffered() {
    List<Hash> path = ProofPlan.fetchConsistency(5, 13, store);
    Hash old = reference.mth(5);
    Hash current = reference.mth(13);
    ProofException e =
        rejected(() -> ProofVerifier.verifyConsistency(5, 13, current, old, path), "swapped");
    assertThat(e.kind()).isEqualTo(ProofException.Kind.ROOT_MISMATCH);
    assertThat(e.expectedRoot()).contains(current);
    assertThat(e.computedRoot()).contains(old);
  }

  @Test
  void inclusionProof_indexEqualToSize_isRejectedAsInvalid() {
    ProofException e =
        rejected(
            () -> ProofVerifier.verifyInclusion(4, 4, UNRELATED, List.of(), UNRELATED),
            "index 4 of 4");
    assertThat(e.kind()).isEqualTo(ProofException.Kind.INVALID_PARAMETERS);
  }

  /**
   * RFC 9162 roots do not commit to the tree size: where two sizes give the path the same shape,
   * one proof verifies for both. Sizes must come from a signed tree head, never from the proof's
   * sender; this test documents that the verifier cannot detect it alone.
   */
  @Test
  void inclusionProof_sizeIsNotCommittedByRoot_whenShapesCoincide() {
    List<Hash> path = ProofPlan.fetchInclusion(0, 3, store);
    Hash leaf = TreeHasher.leafHash(reference.entry(0));
    Hash rootOf3 = reference.mth(3);
    assertThatCode(() -> ProofVerifier.verifyInclusion(0, 4, leaf, path, rootOf3))
        .doesNotThrowAnyException();
  }

  @Test
  void consistencyProof_sameSizeAndRoot_withEmptyPath_verifies() {
    Hash root = reference.mth(9);
    assertThatCode(() -> ProofVerifier.verifyConsistency(9, 9, root, root, List.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void inclusionProof_singleLeafTree_rootIsTheLeaf() {
    Hash leaf = TreeHasher.leafHash(reference.entry(0));
    assertThatCode(() -> ProofVerifier.verifyInclusion(0, 1, leaf, List.of(), leaf))
        .doesNotThrowAnyException();
  }
}
