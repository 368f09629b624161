-- Attempt limits (log-ins, PINs, kiosk identification, tracking) counted across every process
-- on the site: one row per counted attempt, its key only as a SHA-256 (usernames and client
-- addresses are not kept), removed once it falls out of its window. See PgAttempts.
CREATE TABLE attempts (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	site_id text NOT NULL,
	scope text NOT NULL,
	key_hash text NOT NULL,
	at bigint NOT NULL
);
CREATE INDEX attempts_by_key ON attempts (site_id, scope, key_hash, at);
