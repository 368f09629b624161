-- Sites kept apart by the database itself (docs/store.md, "Sites kept apart"; decision 22).
--
-- Every table that holds a site's rows lets a statement see and write only the rows of the site
-- its transaction is bound to: Foyer begins every transaction with
-- `SELECT set_config('foyer.site', <site>, true)` (transaction-local, so a pooled connection never
-- carries a site into its next use). A connection that has bound no site reads NULL or '' there,
-- which no site_id equals: it sees no row and can write none. FORCE applies the policies to the
-- tables' owner too; only superusers and roles with BYPASSRLS pass them (Foyer warns of those).
--
-- The trigger of migration 002 runs BEFORE the policies' WITH CHECK, on the row as it will be
-- stored, and its NOTIFY is sent at COMMIT: a write the policy refuses is never announced.
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY documents_of_the_site ON documents
	USING (site_id = current_setting('foyer.site', true))
	WITH CHECK (site_id = current_setting('foyer.site', true));

ALTER TABLE records ENABLE ROW LEVEL SECURITY;
ALTER TABLE records FORCE ROW LEVEL SECURITY;
CREATE POLICY records_of_the_site ON records
	USING (site_id = current_setting('foyer.site', true))
	WITH CHECK (site_id = current_setting('foyer.site', true));

ALTER TABLE attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY attempts_of_the_site ON attempts
	USING (site_id = current_setting('foyer.site', true))
	WITH CHECK (site_id = current_setting('foyer.site', true));
