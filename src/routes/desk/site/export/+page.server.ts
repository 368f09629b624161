import { PERSONAL_EXPORTS } from '$lib/domain/export';
import { dayKey } from '$lib/domain/time';
import { foyer } from '$lib/server/foyer';
import { actingOf, requireSection } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const session = requireSection(locals, 'home');
	const app = foyer();
	const tz = app.site.site.timeZone;
	const now = app.clock.now();
	return {
		kinds: app.exports
			.kindsFor(actingOf(session))
			.map((kind) => ({ kind, personal: PERSONAL_EXPORTS.includes(kind) })),
		from: dayKey(new Date(now.getTime() - 30 * 86_400_000), tz),
		to: dayKey(now, tz)
	};
};
