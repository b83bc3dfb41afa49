package org.stabilis.log.merkle;

import java.util.List;

/** Source of stored perfect-subtree hashes, so proof construction stays independent of storage. */
@FunctionalInterface
public interface NodeReader {

  /**
   * Fetches hashes in one call so that implementations can batch them into a single query.
   *
   * @param ids perfect subtrees that the caller knows to be complete in the stored tree
   * @return one hash per id, in the same order
   * @throws RuntimeException (unchecked, implementation-specific) if any id is not stored
   */
  List<Hash> read(List<NodeId> ids);
}
