package org.stabilis.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the implementation, and the reference it is compared against elsewhere, to values published
 * by independent RFC 6962 implementations. Without this, both could share a mistake.
 */
class PublishedVectorsTest {

  private final List<byte[]> entries = new ArrayList<>();
  private final List<List<String>> vectors = VectorFile.lines("rfc6962-vectors.txt");

  PublishedVectorsTest() {
    for (List<String> line : vectors) {
      if (line.get(0).equals("leaf")) {
        entries.add(VectorFile.bytes(line.get(1)));
      }
    }
  }

  private List<List<String>> vectorsOf(String kind) {
    return vectors.stream().filter(line -> line.get(0).equals(kind)).toList();
  }

  @Test
  void vectorFile_holdsTheEightLeafTree() {
    assertThat(entries).hasSize(8);
    assertThat(vectorsOf("root")).hasSize(9);
    assertThat(vectorsOf("inclusion")).isNotEmpty();
    assertThat(vectorsOf("consistency")).isNotEmpty();
  }

  @Test
  void leafHash_matchesPublishedValues() {
    for (List<String> line : vectorsOf("leafhash")) {
      int index = Integer.parseInt(line.get(1));
      assertThat(TreeHasher.leafHash(entries.get(index))).isEqualTo(Hash.fromHex(line.get(2)));
    }
  }

  @Test
  void emptyRoot_isSha256OfNothing() {
    assertThat(TreeHasher.emptyRoot())
        .isEqualTo(
            Hash.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  }

  @Test
  void rootOfEveryPrefix_matchesPublishedValues_inImplementationAndReference() {
    ReferenceTree reference = new ReferenceTree(entries);
    TestTrees.MapStore store = TestTrees.MapStore.of(entries);
    for (List<String> line : vectorsOf("root")) {
      int size = Integer.parseInt(line.get(1));
      Hash published = Hash.fromHex(line.get(2));
      CompactRange range = CompactRange.empty();
      entries
          .subList(0, size)
          .forEach(e -> range.append(TreeHasher.leafHash(e), NodeSink.discard()));
      assertThat(range.root()).as("CompactRange size %d", size).isEqualTo(published);
      assertThat(ProofPlan.root(size, store))
          .as("ProofPlan.root size %d", size)
          .isEqualTo(published);
      assertThat(reference.mth(size)).as("reference size %d", size).isEqualTo(published);
    }
  }

  @Test
  void inclusionProofs_matchPublishedValues_andVerify() {
    ReferenceTree reference = new ReferenceTree(entries);
    TestTrees.MapStore store = TestTrees.MapStore.of(entries);
    for (List<String> line : vectorsOf("inclusion")) {
      int index = Integer.parseInt(line.get(1));
      int size = Integer.parseInt(line.get(2));
      List<Hash> published = VectorFile.hashes(line.get(3));
      assertThat(ProofPlan.fetchInclusion(index, size, store)).as("%s", line).isEqualTo(published);
      assertThat(reference.path(index, size)).as("reference %s", line).isEqualTo(published);
      Hash leaf = TreeHasher.leafHash(entries.get(index));
      assertThatCode(() ->
              ProofVerifier.verifyInclusion(index, size, leaf, published, reference.mth(size)))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void consistencyProofs_matchPublishedValues_andVerify() {
    ReferenceTree reference = new ReferenceTree(entries);
    TestTrees.MapStore store = TestTrees.MapStore.of(entries);
    for (List<String> line : vectorsOf("consistency")) {
      int from = Integer.parseInt(line.get(1));
      int to = Integer.parseInt(line.get(2));
      List<Hash> published = VectorFile.hashes(line.get(3));
      assertThat(ProofPlan.fetchConsistency(from, to, store)).as("%s", line).isEqualTo(published);
      assertThat(reference.proof(from, to)).as("reference %s", line).isEqualTo(published);
      assertThatCode(() ->
              ProofVerifier.verifyConsistency(
                  from, to, reference.mth(from), reference.mth(to), published))
          .doesNotThrowAnyException();
    }
  }
}
