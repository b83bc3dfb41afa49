package org.stabilis.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProofPlanTest {

  private static final int MAX_SIZE = 64;
  private static ReferenceTree reference;
  private static TestTrees.MapStore store;

  @BeforeAll
  static void buildTree() {
    List<byte[]> entries = TestTrees.entries(MAX_SIZE);
    reference = new ReferenceTree(entries);
    store = TestTrees.MapStore.of(entries);
  }

  @Test
  void inclusionProof_forEveryIndexAndSizeUpTo64_equalsReferencePath_andVerifies()
      throws ProofException {
    for (int size = 1; size <= MAX_SIZE; size++) {
      Hash root = reference.mth(size);
      for (int index = 0; index < size; index++) {
        List<Hash> proof = ProofPlan.fetchInclusion(index, size, store);
        assertThat(proof).as("PATH(%d, D[%d])", index, size).isEqualTo(reference.path(index, size));
        assertThat(ProofPlan.inclusion(index, size).proofLength()).isEqualTo(proof.size());
        ProofVerifier.verifyInclusion(
            index, size, TreeHasher.leafHash(reference.entry(index)), proof, root);
      }
    }
  }

  @Test
  void consistencyProof_forEveryPairUpTo64_equalsReferenceProof_andVerifies()
      throws ProofException {
    for (int to = 1; to <= MAX_SIZE; to++) {
      Hash toRoot = reference.mth(to);
      for (int from = 1; from <= to; from++) {
        List<Hash> proof = ProofPlan.fetchConsistency(from, to, store);
        assertThat(proof).as("PROOF(%d, D[%d])", from, to).isEqualTo(reference.proof(from, to));
        ProofVerifier.verifyConsistency(from, to, reference.mth(from), toRoot, proof);
      }
    }
  }

  @Test
  void fetch_readsAllNodesInOneBatch() {
    store.reads = 0;
    ProofPlan.fetchInclusion(5, 63, store);
    assertThat(store.reads).isEqualTo(1);
  }

  @Test
  void nodes_forAMillionLeaves_areLogarithmicInNumber() {
    long size = 1_000_000;
    int bound = 2 * (64 - Long.numberOfLeadingZeros(size - 1)); // 2 * ceil(log2 n)
    for (long index : new long[] {0, 1, 499_999, 524_287, 524_288, 999_998, 999_999}) {
      assertThat(ProofPlan.inclusion(index, size).nodes())
          .as("inclusion %d", index)
          .hasSizeLessThanOrEqualTo(bound)
          .doesNotHaveDuplicates();
    }
    for (long from : new long[] {1, 2, 3, 524_287, 524_288, 524_289, 777_777, 999_999, 1_000_000}) {
      assertThat(ProofPlan.consistency(from, size).nodes())
          .as("consistency %d", from)
          .hasSizeLessThanOrEqualTo(bound)
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void nodes_forHugeTrees_areComputedWithoutOverflow() {
    long size = Long.MAX_VALUE;
    assertThat(ProofPlan.inclusion(size - 1, size).nodes()).hasSizeLessThanOrEqualTo(2 * 63);
    assertThat(ProofPlan.consistency(size / 3, size).nodes()).hasSizeLessThanOrEqualTo(2 * 63);
    assertThat(ProofPlan.rootNodes(size)).hasSize(63);
  }

  @Test
  void inclusion_indexOutsideTree_isRejected() {
    assertThatThrownBy(() -> ProofPlan.inclusion(5, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 5")
        .hasMessageContaining("size 5");
    assertThatThrownBy(() -> ProofPlan.inclusion(-1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProofPlan.inclusion(0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void consistency_fromEmptyOrBackwards_isRejected() {
    assertThatThrownBy(() -> ProofPlan.consistency(0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from 0");
    assertThatThrownBy(() -> ProofPlan.consistency(6, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void consistency_sameSize_needsNoNodes() {
    ProofPlan plan = ProofPlan.consistency(7, 7);
    assertThat(plan.nodes()).isEmpty();
    assertThat(plan.assemble(List.of())).isEmpty();
  }

  @Test
  void assemble_wrongNumberOfHashes_isRejected() {
    ProofPlan plan = ProofPlan.inclusion(0, 8);
    assertThatThrownBy(() -> plan.assemble(List.of(TreeHasher.emptyRoot())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 3 hashes, got 1");
  }

  @Test
  void nodes_onRightEdge_arePerfectParts_foldedByAssemble() {
    // PATH(0, D[7]) ends with MTH(D[4:7]), which is not stored; it comes from [4,6) and [6,7).
    ProofPlan plan = ProofPlan.inclusion(0, 7);
    assertThat(plan.nodes())
        .containsExactly(new NodeId(0, 1), new NodeId(1, 1), new NodeId(1, 2), new NodeId(0, 6));
    assertThatCode(() -> plan.assemble(store.read(plan.nodes()))).doesNotThrowAnyException();
    assertThat(plan.assemble(store.read(plan.nodes()))).isEqualTo(reference.path(0, 7));
  }
}
