import { can, canOpen } from '$lib/domain/permissions';
import { foyer } from '$lib/server/foyer';
import { actingOf, requireSection } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

/**
 * The overview's warnings for admins (backups, what is missing to go live), the way to
 * exports and, for those who run the center, today's figures (kept live by the desk socket).
 */
export const load: PageServerLoad = async ({ locals }) => {
	const session = requireSection(locals, 'home');
	const app = foyer();
	const acting = actingOf(session);
	const backups = can(acting.roles, 'backup.run') ? app.backups.view(acting) : null;
	const goLive = can(acting.roles, 'site.goLive') ? app.goLive.checklist(acting) : null;
	const today = can(acting.roles, 'overview.view') ? await app.today.view(acting) : null;
	return {
		today,
		canDevices: canOpen(acting.roles, 'devices'),
		canPrinters: canOpen(acting.roles, 'printers'),
		backups,
		// Shown until nothing required is missing.
		goLive: goLive && !goLive.ready ? goLive : null,
		timeZone: app.site.site.timeZone,
		canExport: can(acting.roles, 'data.export')
	};
};
