/**
 * A site's id: what its address starts with (`north` in north.foyer.example.com), its rows'
 * `site_id` and its channel names. Lower-case letters, digits and inner hyphens, as a DNS label
 * takes them; ids starting with `_` are kept for the company's own records.
 */
export const SITE_ID = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/** The site a store uses when none is named. */
export const DEFAULT_SITE_ID = 'default';

/**
 * The sites this process serves, from its environment: `SITES` (north,south) — several, on
 * PostgreSQL only — or `SITE`, or the one `default` site. Throws a plain message for a bad list.
 */
export function servedSiteIds(env: NodeJS.ProcessEnv): string[] {
	const listed = env.SITES?.trim()
		? env.SITES.split(',').map((s) => s.trim())
		: [env.SITE?.trim() || DEFAULT_SITE_ID];
	const bad = listed.filter((s) => !SITE_ID.test(s));
	if (bad.length > 0) {
		throw new Error(
			`${env.SITES ? 'SITES' : 'SITE'} names ${bad.map((b) => `"${b}"`).join(', ')}: a site id is ` +
				'1–32 lower-case letters, digits and inner hyphens (it begins the site’s address).'
		);
	}
	const ids = [...new Set(listed)];
	if (ids.length > 1 && !env.DATABASE_URL) {
		throw new Error(
			'SITES lists several sites, which share one deployment only on PostgreSQL: set DATABASE_URL ' +
				'(docs/cluster.md), or run one lobby PC per site without SITES.'
		);
	}
	return ids;
}

/**
 * The site a request is for, by its Host: one site serves every address; several are told
 * apart by the address's first label (`north.foyer.example.com:3000` → north). Null when the
 * address names none of them — the request is answered as if nothing were there.
 */
export function siteOfHost(host: string | null | undefined, ids: readonly string[]): string | null {
	if (ids.length === 1) return ids[0] ?? null;
	const label = host?.toLowerCase().split(/[.:]/)[0];
	return label && ids.includes(label) ? label : null;
}
