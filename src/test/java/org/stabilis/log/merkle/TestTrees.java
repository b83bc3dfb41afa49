package org.stabilis.log.merkle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Fixtures shared by the tests: generated entries and a map-backed node store. */
final class TestTrees {

  private TestTrees() {}

  static List<byte[]> entries(int count) {
    List<byte[]> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(("entry-" + i).getBytes(StandardCharsets.UTF_8));
    }
    return entries;
  }

  /** A store filled only through {@link NodeSink}, as a real log would be. */
  static final class MapStore implements NodeSink, NodeReader {
    final Map<NodeId, Hash> nodes = new HashMap<>();
    final CompactRange range = CompactRange.empty();
    int reads;

    static MapStore of(List<byte[]> entries) {
      MapStore store = new MapStore();
      for (byte[] entry : entries) {
        store.range.append(TreeHasher.leafHash(entry), store);
      }
      return store;
    }

    @Override
    public void node(NodeId id, Hash hash) {
      if (nodes.putIfAbsent(id, hash) != null) {
        throw new AssertionError("node reported twice: " + id);
      }
    }

    @Override
    public List<Hash> read(List<NodeId> ids) {
      reads++;
      List<Hash> out = new ArrayList<>(ids.size());
      for (NodeId id : ids) {
        Hash hash = nodes.get(id);
        if (hash == null) {
          throw new NoSuchElementException("node not stored: " + id);
        }
        out.add(hash);
      }
      return out;
    }
  }
}
