-- The push relay's table (Socket.IO's PostgreSQL adapter keeps payloads over NOTIFY's 8000 bytes
-- here; the schema its README gives). The relay creates it when missing, but an ordinary role
-- (docs/store.md, "The database role") may not create tables: the owner's migrations do.
-- It holds no site's rows, only pushes in flight, each on its site's channel.
CREATE TABLE IF NOT EXISTS socket_io_attachments (
	id bigserial UNIQUE,
	created_at timestamptz DEFAULT NOW(),
	payload bytea
);
