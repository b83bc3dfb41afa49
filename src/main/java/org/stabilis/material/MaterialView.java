package org.stabilis.material;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard may read of materials: the current ledger's nodes, items, shipments, balances
 * and alerts (SPEC §5). Read under {@code LogService.read} for one consistent state.
 */
public interface MaterialView {
  /**
   * A shipment as it stands: what left {@code from} for {@code to}, what arrived, what was lost.
   */
  record ShipmentView(
      String id,
      String item,
      String from,
      String to,
      long quantity,
      Long received,
      long lost,
      long outstanding) {}

  List<Fact.Node> nodes();

  Optional<Fact.Node> node(String id);

  Optional<Fact.Item> item(String code);

  /** Number of movements (entries, transfers, receipts, consumptions, losses) applied. */
  long movements();

  List<ShipmentView> shipments();

  /** Balances, optionally for one holder and one item (null: all). */
  List<Ledger.Balance> balances(String holder, String item);

  /** Alerts as they stand at {@code now}. */
  List<Alert.View> alerts(Instant now);

  /** The latest time the log states for materials, the default "now" of time-dependent alerts. */
  Instant latestTime();

  /** The diversion trace of every traced find, in the order the finds were reported (SPEC §5). */
  List<Trace> traces();
}
