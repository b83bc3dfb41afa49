package org.stabilis.party;

import org.stabilis.log.RuleCode;

/** The rule codes the party registry owns (SPEC §3). How to add a code: {@link RuleCode}. */
public enum PartyRule implements RuleCode {
  GENESIS(
      "genesis",
      "the first entry must be the coordinator registering itself, with the coordinator role"),
  PARTY_EXISTS(
      "party-exists", "a party with this id is already registered; party ids are never reused"),
  DUPLICATE_KEY_ID("duplicate-key-id", "one registration lists the same key id twice"),
  KEY_EXISTS("key-exists", "the party already has a key with this id; key ids are never reused"),
  NO_SUCH_KEY("no-such-key", "the party has no key with this id"),
  ALREADY_REVOKED("already-revoked", "the key is already revoked"),
  LAST_COORDINATOR_KEY(
      "last-coordinator-key", "revoking it would leave the coordinator without an active key");

  private final String wire;
  private final String meaning;

  PartyRule(String wire, String meaning) {
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
