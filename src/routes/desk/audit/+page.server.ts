import { foyer } from '$lib/server/foyer';
import { requireSection } from '$lib/server/http/respond';
import { auditLines } from './views.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireSection(locals, 'audit');
	const app = foyer();
	const entries = (await app.audit.recent(7)).slice(0, 500);
	return { lines: auditLines(app, entries, locals.locale), timeZone: app.site.site.timeZone };
};
