-- SPEC §2.10: the disclosures of an entry, stored beside its leaf data and never in it. A JSON
-- array of the strings exactly as submitted (base64url, so nothing in them is escaped); NULL when
-- the entry conceals nothing.
ALTER TABLE log_entries ADD COLUMN disclosures TEXT;
