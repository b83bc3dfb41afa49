-- The verifiable log. ${blob} is the binary column type of the dialect (see Database).
CREATE TABLE log_meta (
  k VARCHAR(64) PRIMARY KEY,
  v TEXT NOT NULL
);

-- One row per entry; data is the exact leaf data (SPEC §2.4), never rewritten.
CREATE TABLE log_entries (
  idx BIGINT PRIMARY KEY,
  party VARCHAR(64) NOT NULL,
  key_id VARCHAR(64) NOT NULL,
  seq BIGINT NOT NULL,
  data ${blob} NOT NULL,
  CONSTRAINT log_entries_party_key_seq UNIQUE (party, key_id, seq)
);

-- Hashes of the perfect subtrees of the tree (RFC 9162 §2.1): lvl 0 holds leaf hashes, node
-- (lvl, idx) covers leaves [idx * 2^lvl, (idx + 1) * 2^lvl). A proof reads O(log n) rows.
CREATE TABLE log_nodes (
  lvl INTEGER NOT NULL,
  idx BIGINT NOT NULL,
  hash ${blob} NOT NULL,
  PRIMARY KEY (lvl, idx)
);

-- Every checkpoint the log has published, as served (C2SP tlog-checkpoint).
CREATE TABLE log_checkpoints (
  size BIGINT PRIMARY KEY,
  root ${blob} NOT NULL,
  note TEXT NOT NULL
);

-- Read tokens, stored only as SHA-256 hex of the token.
CREATE TABLE access_tokens (
  hash VARCHAR(64) PRIMARY KEY,
  party VARCHAR(64) NOT NULL,
  issued VARCHAR(40) NOT NULL,
  revoked VARCHAR(40)
);
