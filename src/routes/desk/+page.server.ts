import { can } from '$lib/domain/permissions';
import { foyer } from '$lib/server/foyer';
import { actingOf, requireSection } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

/** The overview's warnings for admins: backups (and, for those who may, the way to exports). */
export const load: PageServerLoad = ({ locals }) => {
	const session = requireSection(locals, 'home');
	const app = foyer();
	const acting = actingOf(session);
	const backups = can(acting.roles, 'backup.run') ? app.backups.view(acting) : null;
	return {
		backups,
		timeZone: app.site.site.timeZone,
		canExport: can(acting.roles, 'data.export')
	};
};
