package org.stabilis.log.merkle;

/**
 * Receives every perfect subtree that {@link CompactRange#append} completes, so a store can persist
 * all nodes that proofs will later fetch through a {@link NodeReader}.
 */
@FunctionalInterface
public interface NodeSink {

  /**
   * @param id the subtree just completed; each id is reported exactly once over a log's life
   * @param hash its root hash
   */
  void node(NodeId id, Hash hash);

  /**
   * @return a sink that keeps nothing, for callers that only need the root
   */
  static NodeSink discard() {
    return (id, hash) -> {};
  }
}
