-- Incidents as the incident log derived them (SPEC §7 "Scale"): kept here instead of in the
-- projection's memory and snapshots, so that start-up and views "as of" do not grow with the
-- number of incidents. Like a snapshot, every row is derived from the log and tagged with the code
-- version that wrote it.
--
-- A row is one version of the incident reported at entry idx, written when a snapshot of the
-- first `since` entries was taken; the version that holds for a snapshot of N entries is the one
-- with the greatest since <= N. A retraction (SPEC §4) adds a version with gone = 1: from then on
-- there is no incident at idx. Versions are never changed, so an older snapshot still reads the
-- incidents as they stood when it was taken.
CREATE TABLE incident_rows (
  code_version VARCHAR(64) NOT NULL,
  idx BIGINT NOT NULL,
  since BIGINT NOT NULL,
  gone INTEGER NOT NULL,
  id TEXT NOT NULL,
  category TEXT,
  severity INTEGER,
  lon DOUBLE PRECISION,
  lat DOUBLE PRECISION,
  summary TEXT,
  zone TEXT,
  reported_by TEXT,
  time TEXT,
  time_ms BIGINT,
  concealed TEXT,
  PRIMARY KEY (code_version, idx, since)
);
CREATE INDEX incident_rows_id ON incident_rows (code_version, id);
CREATE INDEX incident_rows_zone ON incident_rows (code_version, zone, idx);
