-- A witness's own store (c2sp.org/tlog-witness). ${blob} is the binary column type of the dialect.
CREATE TABLE witness_meta (
  k VARCHAR(64) PRIMARY KEY,
  v TEXT NOT NULL
);

-- The logs it witnesses: one row per trusted log key; the key name is the origin.
CREATE TABLE witness_logs (
  vkey TEXT PRIMARY KEY,
  origin TEXT NOT NULL
);

-- The latest checkpoint it cosigned per origin; only ever replaced by a consistent, larger or
-- equal one, in the same transaction that checked it.
CREATE TABLE witness_checkpoints (
  origin TEXT PRIMARY KEY,
  size BIGINT NOT NULL,
  root ${blob} NOT NULL,
  note TEXT NOT NULL,
  cosigned_at BIGINT NOT NULL
);
