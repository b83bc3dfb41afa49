package org.stabilis.material;

import java.util.Objects;

/**
 * A materials fact as the ledger applies it: the catalogue, the five movements of SPEC §4 and the
 * inspection of a project's progress. Native events and EPCIS capture documents both become facts,
 * so that the rules and the mass balance have one implementation. Quantities are integers in the
 * item's base unit (kg, m, piece or l).
 */
public sealed interface Fact {

  /** {@code material.item-defined}. */
  record Item(String code, String name, String unit, boolean dualUse, String gtin) implements Fact {
    public Item {
      Objects.requireNonNull(code);
      Objects.requireNonNull(unit);
    }
  }

  /** {@code node.defined}: a crossing or a warehouse; {@code lon}/{@code lat} in WGS84. */
  record Node(String id, String kind, String name, double lon, double lat, String gln)
      implements Fact {
    public boolean crossing() {
      return kind.equals("crossing");
    }
  }

  /**
   * {@code material.entered}: goods cross into the territory at {@code crossing} and are stocked at
   * node {@code to}; {@code permit} is the permit it names, or null.
   */
  record Entered(
      String consignment, String item, long quantity, String crossing, String to, String permit)
      implements Fact {
    /** An entry that names no permit. */
    public Entered(String consignment, String item, long quantity, String crossing, String to) {
      this(consignment, item, quantity, crossing, to, null);
    }
  }

  /**
   * {@code material.transferred}: leaves {@code from} now, in transit until received at {@code to}.
   */
  record Transferred(String shipment, String item, long quantity, String from, String to)
      implements Fact {}

  /** {@code material.received}: a shipment arrives; {@code quantity} may be less than shipped. */
  record Received(String shipment, long quantity) implements Fact {}

  /**
   * {@code material.consumed}: a project uses material; {@code progress} is the implementer's own
   * claim.
   */
  record Consumed(String project, String item, long quantity, int progress) implements Fact {}

  /**
   * {@code material.loss-reported}. Without {@code shipment} the loss is taken from the stock at
   * {@code at}; with it, the loss explains material missing from that shipment in transit.
   */
  record Lost(String at, String item, long quantity, String cause, String shipment)
      implements Fact {}

  /** {@code inspection.recorded}: an inspector's measure of a project's physical progress. */
  record Inspected(String project, int progress) implements Fact {}
}
