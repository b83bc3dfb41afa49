package org.stabilis.material;

/** What the rules read of the materials state; implemented by the ledger and by a draft over it. */
interface Stocks {
  Fact.Item item(String code);

  Fact.Node node(String id);

  long stock(String holder, String item);

  Ledger.Shipment shipment(String id);

  boolean hasConsignment(String consignment, String item);
}
