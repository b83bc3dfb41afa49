package org.stabilis.log.witness;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stabilis.log.checkpoint.Policy;
import org.stabilis.log.store.CosignatureStore;
import org.stabilis.log.store.CosignatureStore.StoredCosignature;
import org.stabilis.log.store.LogStore;
import org.stabilis.log.store.LogStore.StoredCheckpoint;

/**
 * Stored checkpoints with their stored cosignatures, as a policy sees them (SPEC §2.7): the one
 * place that assembles a served note (the log's note, then the cosignatures in the order of the
 * policy's witness lines) and finds the newest that meets the quorum.
 */
public final class CosignedCheckpoints {
  /**
   * A checkpoint as served: the note with its cosignature lines, and whether it meets the quorum.
   */
  public record Served(long size, String note, boolean quorumMet) {}

  private final LogStore log;
  private final CosignatureStore cosignatures;
  private final Policy policy;

  public CosignedCheckpoints(LogStore log, CosignatureStore cosignatures, Policy policy) {
    this.log = log;
    this.cosignatures = cosignatures;
    this.policy = policy;
  }

  /** {@code cp} with the cosignatures stored for it by the policy's witnesses. */
  public Served served(StoredCheckpoint cp) {
    List<StoredCosignature> rows = cosignatures.forSize(cp.size());
    StringBuilder note = new StringBuilder(cp.note());
    Set<String> names = new HashSet<>();
    for (Policy.Witness w : policy.witnesses()) {
      for (StoredCosignature c : rows) {
        if (c.witnessKey().equals(w.key().vkey())) {
          note.append(c.line());
          names.add(w.name());
        }
      }
    }
    return new Served(cp.size(), note.toString(), policy.shortfall(names).isEmpty());
  }

  /**
   * The newest stored checkpoint whose stored cosignatures meet the quorum (with {@code quorum
   * none}, the newest checkpoint).
   */
  public Optional<Served> newestWitnessed() {
    if (policy.shortfall(Set.of()).isEmpty()) return log.latestCheckpoint().map(this::served);
    for (long size : cosignatures.cosignedSizes()) {
      Optional<StoredCheckpoint> cp = log.checkpoint(size);
      if (cp.isEmpty()) continue;
      Served s = served(cp.get());
      if (s.quorumMet()) return Optional.of(s);
    }
    return Optional.empty();
  }
}
