-- Dashboard sign-in sessions. The browser's cookie carries only the session id; the table keeps
-- its SHA-256 hex, so a copy of the database holds no usable session. Times are epoch
-- milliseconds. token_id names the read token the session was opened with (access_tokens.hash):
-- revoking that token ends the session too.
CREATE TABLE dashboard_sessions (
  id_hash VARCHAR(64) PRIMARY KEY,
  party VARCHAR(64) NOT NULL,
  token_id VARCHAR(64) NOT NULL,
  created BIGINT NOT NULL,
  expires BIGINT NOT NULL,
  ended BIGINT
);
CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires);
