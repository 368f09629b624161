import { json } from '@sveltejs/kit';
import { foyer } from '$lib/server/foyer';
import type { RequestHandler } from './$types';

/**
 * The estate's public areas (大堂, 地下车库 …) a report can be about: `{ areas: [{ id, name, nameEn? }] }`.
 * Public data, nothing personal; the kiosk asks when a resident starts a report, so a rename at
 * the desk shows at the next report.
 */
export const GET: RequestHandler = () => {
	// Deactivated areas take no new reports (old work orders still name them).
	const areas = foyer()
		.site.site.publicAreas.filter((a) => a.active)
		.map(({ id, name, nameEn }) => ({ id, name, nameEn }));
	return json({ areas }, { headers: { 'cache-control': 'no-store' } });
};
