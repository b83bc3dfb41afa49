package org.stabilis.log.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stabilis.log.merkle.Hash;
import org.stabilis.testing.StoreTarget;

/** The snapshot table on the database the suite runs on (SQLite, or PostgreSQL in its run). */
class SnapshotStoreTest {
  @TempDir Path dir;

  static Hash hash(int b) {
    byte[] h = new byte[32];
    h[0] = (byte) b;
    return Hash.of(h);
  }

  @Test
  void snapshots_areStoredWithTheirTags_replacedBySizeAndVersion_andDeleted() {
    String url = StoreTarget.freshDatabaseUrl();
    try (Database db = Database.open(url != null ? url : Database.sqliteUrl(dir))) {
      SnapshotStore store = new SnapshotStore(db);
      assertThat(store.list()).isEmpty();
      String v1 = "a".repeat(64), v2 = "b".repeat(64);
      store.put(new SnapshotStore.Tags(100, v1, hash(1), new byte[] {1, 2}), new byte[] {9, 9, 9});
      store.put(new SnapshotStore.Tags(50, v1, hash(2), new byte[] {3}), new byte[] {8});
      store.put(new SnapshotStore.Tags(100, v2, hash(3), new byte[] {4}), new byte[] {7});
      // Same size and version: the second replaces the first.
      store.put(new SnapshotStore.Tags(100, v1, hash(5), new byte[] {5}), new byte[] {6, 6});

      assertThat(store.list())
          .extracting(t -> t.size() + " " + t.codeVersion().charAt(0) + " " + t.root().bytes()[0])
          .containsExactly("50 a 2", "100 a 5", "100 b 3");
      assertThat(store.list().get(1).digest()).containsExactly(5);
      assertThat(store.content(100, v1))
          .hasValueSatisfying(c -> assertThat(c).containsExactly(6, 6));
      assertThat(store.content(100, "c".repeat(64))).isEmpty();

      store.delete(100, v1);
      assertThat(store.content(100, v1)).isEmpty();
      assertThat(store.list()).hasSize(2);
      assertThat(store.deleteAll()).isEqualTo(2);
      assertThat(store.list()).isEmpty();
    }
  }
}
