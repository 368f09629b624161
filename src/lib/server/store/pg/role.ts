/**
 * What an ordinary role needs to run Foyer (docs/store.md, "The database role"): rows of the
 * tables that hold sites' data, read-only sight of the schema's version, the sequences its
 * inserts and announcements draw from, and the push relay's attachments. No DDL, no BYPASSRLS:
 * row-level security (migration 004) then holds it to the site each transaction binds. Run by
 * the tables' owner after the migrations; `role` must be a plain identifier.
 */
export function ordinaryRoleGrants(role: string): string {
	if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`not a plain role name: ${role}`);
	return `GRANT SELECT, INSERT, UPDATE, DELETE ON documents, records, attempts TO ${role};
GRANT SELECT ON schema_migrations TO ${role};
GRANT SELECT, INSERT, DELETE ON socket_io_attachments TO ${role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};`;
}
