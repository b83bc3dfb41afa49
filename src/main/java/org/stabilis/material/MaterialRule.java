package org.stabilis.material;

import org.stabilis.log.RuleCode;

/**
 * The rule codes the material ledger owns (SPEC §5 mass balance). How to add a code: {@link
 * RuleCode}.
 */
public enum MaterialRule implements RuleCode {
  ITEM_EXISTS(
      "item-exists",
      "a material item with this code is already defined; item codes are never reused"),
  NODE_EXISTS("node-exists", "a node with this id is already defined; node ids are never reused"),
  NO_SUCH_NODE("no-such-node", "a field names a node that is not defined"),
  NO_SUCH_HOLDER("no-such-holder", "a field names neither a defined node nor a registered project"),
  NO_SUCH_SHIPMENT("no-such-shipment", "a field names a shipment that was never transferred"),
  NOT_A_CROSSING("not-a-crossing", "goods enter only at a node of kind crossing"),
  CONSIGNMENT_EXISTS("consignment-exists", "this consignment of this item was already entered"),
  SAME_HOLDER("same-holder", "a transfer names the same holder as from and to"),
  SHIPMENT_EXISTS("shipment-exists", "a shipment with this id already exists"),
  ALREADY_RECEIVED(
      "already-received", "the shipment was already received; a shipment is received once"),
  RECEIPT_EXCEEDS_SHIPMENT(
      "receipt-exceeds-shipment", "more was received than the shipment carried"),
  NOT_IN_SHIPMENT(
      "not-in-shipment", "a loss in a shipment names another item or holder than the shipment"),
  LOSS_EXCEEDS_SHIPMENT(
      "loss-exceeds-shipment", "the loss is larger than what of the shipment is unaccounted for"),
  PROJECT_NOT_APPROVED("project-not-approved", "material goes only to approved projects"),
  ZONE_SUSPENDED("zone-suspended", "material goes to no project in a suspended zone"),
  NOT_IN_BILL(
      "not-in-bill", "a dual-use item goes only to a project whose bill of materials lists it"),
  INSUFFICIENT_STOCK(
      "insufficient-stock", "more would leave a holder than it holds (stock never goes negative)"),
  RESTRICTED_ITEM(
      "restricted-item",
      "the gate policy restricts the item to projects whose zone meets the gate (restricted_items)"),
  NO_SUCH_CONSIGNMENT(
      "no-such-consignment", "a find is traced to a consignment of that item that never entered");

  private final String wire;
  private final String meaning;

  MaterialRule(String wire, String meaning) {
    this.wire = wire;
    this.meaning = meaning;
  }

  @Override
  public String wire() {
    return wire;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}
