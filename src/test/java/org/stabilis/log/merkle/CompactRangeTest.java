package org.stabilis.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactRangeTest {

  private static final int MAX_SIZE = 200;

  @Test
  void empty_hasEmptyRoot() {
    CompactRange range = CompactRange.empty();
    assertThat(range.size()).isZero();
    assertThat(range.frontier()).isEmpty();
    assertThat(range.root()).isEqualTo(TreeHasher.emptyRoot());
  }

  @Test
  void rootAfterEveryAppend_upTo200_equalsReferenceMth_asDoesRootFromStoredNodes() {
    List<byte[]> entries = TestTrees.entries(MAX_SIZE);
    ReferenceTree reference = new ReferenceTree(entries);
    TestTrees.MapStore store = new TestTrees.MapStore();
    CompactRange range = CompactRange.empty();
    for (int size = 1; size <= MAX_SIZE; size++) {
      range.append(TreeHasher.leafHash(entries.get(size - 1)), store);
      Hash expected = reference.mth(size);
      assertThat(range.root()).as("CompactRange size %d", size).isEqualTo(expected);
      assertThat(ProofPlan.root(size, store))
          .as("ProofPlan.root size %d", size)
          .isEqualTo(expected);
      assertThat(range.frontier()).hasSize(Long.bitCount(size));
    }
  }

  @Test
  void historicalRoots_areServedFromNodesOfALargerTree() {
    List<byte[]> entries = TestTrees.entries(MAX_SIZE);
    ReferenceTree reference = new ReferenceTree(entries);
    TestTrees.MapStore store = TestTrees.MapStore.of(entries);
    for (int size = 0; size <= MAX_SIZE; size++) {
      assertThat(ProofPlan.root(size, store)).as("size %d", size).isEqualTo(reference.mth(size));
    }
  }

  @Test
  void append_reportsLeafAndEveryCompletedPerfectSubtree_exactlyOnce() {
    List<byte[]> entries = TestTrees.entries(16);
    List<NodeId> reported = new ArrayList<>();
    CompactRange range = CompactRange.empty();
    for (byte[] entry : entries) {
      range.append(TreeHasher.leafHash(entry), (id, hash) -> reported.add(id));
    }
    // A perfect tree of 16 leaves has 16 + 8 + 4 + 2 + 1 nodes.
    assertThat(reported).hasSize(31).doesNotHaveDuplicates();
    assertThat(reported).contains(new NodeId(4, 0), new NodeId(0, 15), new NodeId(2, 3));
  }

  @Test
  void append_reportsHashesThatMatchReferenceSubtrees() {
    List<byte[]> entries = TestTrees.entries(13);
    TestTrees.MapStore store = TestTrees.MapStore.of(entries);
    for (var stored : store.nodes.entrySet()) {
      NodeId id = stored.getKey();
      List<byte[]> covered =
          entries.subList((int) id.firstLeaf(), (int) (id.firstLeaf() + id.leafCount()));
      assertThat(stored.getValue())
          .as("%s", id)
          .isEqualTo(new ReferenceTree(covered).mth(covered.size()));
    }
  }

  @Test
  void restoredFromStoredFrontier_continuesIdentically() {
    List<byte[]> entries = TestTrees.entries(100);
    TestTrees.MapStore store = TestTrees.MapStore.of(entries.subList(0, 77));
    CompactRange restored = CompactRange.of(77, store.read(CompactRange.frontierIds(77)));
    assertThat(restored.frontier()).isEqualTo(store.range.frontier());
    assertThat(restored.frontierIds()).isEqualTo(CompactRange.frontierIds(77));
    for (byte[] entry : entries.subList(77, 100)) {
      restored.append(TreeHasher.leafHash(entry), NodeSink.discard());
    }
    assertThat(restored.root()).isEqualTo(new ReferenceTree(entries).mth(100));
  }

  @Test
  void frontierIds_areTheMaximalPerfectSubtrees_largestFirst() {
    assertThat(CompactRange.frontierIds(0)).isEmpty();
    assertThat(CompactRange.frontierIds(13))
        .containsExactly(new NodeId(3, 0), new NodeId(2, 2), new NodeId(0, 12));
  }

  @Test
  void copy_isIndependent() {
    CompactRange range = CompactRange.empty();
    range.append(TreeHasher.leafHash(new byte[] {1}), NodeSink.discard());
    CompactRange copy = range.copy();
    copy.append(TreeHasher.leafHash(new byte[] {2}), NodeSink.discard());
    assertThat(range.size()).isEqualTo(1);
    assertThat(copy.size()).isEqualTo(2);
  }

  @Test
  void append_whenSinkFails_leavesRangeUnchanged() {
    CompactRange range = CompactRange.empty();
    range.append(TreeHasher.leafHash(new byte[] {1}), NodeSink.discard());
    Hash before = range.root();
    assertThatThrownBy(() ->
            range.append(
                TreeHasher.leafHash(new byte[] {2}),
                (id, hash) -> {
                  throw new IllegalStateException("store down");
                }))
        .hasMessage("store down");
    assertThat(range.size()).isEqualTo(1);
    assertThat(range.root()).isEqualTo(before);
  }

  @Test
  void of_frontierCountNotMatchingSize_isRejected() {
    Hash any = TreeHasher.emptyRoot();
    assertThatThrownBy(() -> CompactRange.of(3, List.of(any)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size 3 has 2");
    assertThatThrownBy(() -> CompactRange.of(-1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
