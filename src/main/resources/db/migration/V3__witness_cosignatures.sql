-- Witness cosignatures (C2SP tlog-cosignature) the log collected, beside the checkpoint they sign
-- (SPEC §2.7). One per checkpoint and witness key; only verified ones are stored.
CREATE TABLE log_cosignatures (
  size BIGINT NOT NULL REFERENCES log_checkpoints (size),
  witness_key TEXT NOT NULL,
  line TEXT NOT NULL,
  cosigned_at BIGINT NOT NULL,
  PRIMARY KEY (size, witness_key)
);
