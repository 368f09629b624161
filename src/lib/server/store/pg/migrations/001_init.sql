-- Foyer's first PostgreSQL schema: the store contract's documents and record logs.
-- Every row names its site (site_id) so that many service centers can share one database;
-- until the multi-site work, a store writes and reads only its own site's rows.

-- Small documents kept whole (site set-up, staff, devices): one row per site and name.
-- `version` counts writes, for the optimistic checks several processes will need.
CREATE TABLE documents (
	site_id text NOT NULL,
	name text NOT NULL,
	data jsonb NOT NULL,
	version bigint NOT NULL DEFAULT 1,
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (site_id, name)
);

-- Record logs: one row per record, the whole record in `data`. `day` is the day its id names
-- (the site's time zone when it was made); `seq` keeps the order records were first appended
-- in, which an update (an UPDATE of the row) never changes.
CREATE TABLE records (
	site_id text NOT NULL,
	collection text NOT NULL,
	id text NOT NULL,
	day date NOT NULL,
	seq bigint GENERATED ALWAYS AS IDENTITY,
	data jsonb NOT NULL,
	PRIMARY KEY (site_id, collection, id)
);

-- list(from, to) and days(): a day's records in append order.
CREATE INDEX records_by_day ON records (site_id, collection, day, seq);
