-- Snapshots of the projections (SPEC §7 "Scale"): derived from the log, never trusted on their own.
-- A row is used only when code_version is the running code's, root is the tree root at size and
-- digest is the SHA-256 of content; otherwise it is ignored and rebuilt by replaying the log.
-- content is gzip'd. ${blob} is the binary column type of the dialect (see Database).
CREATE TABLE log_snapshots (
  size BIGINT NOT NULL,
  code_version VARCHAR(64) NOT NULL,
  root ${blob} NOT NULL,
  digest ${blob} NOT NULL,
  content ${blob} NOT NULL,
  PRIMARY KEY (size, code_version)
);
