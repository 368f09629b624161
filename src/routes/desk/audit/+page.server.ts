import { foyer } from '$lib/server/foyer';
import { requireSection } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireSection(locals, 'audit');
	const app = foyer();
	return { entries: (await app.audit.recent(7)).slice(0, 500), timeZone: app.site.site.timeZone };
};
