import { redirect } from '@sveltejs/kit';
import { DESK_SECTIONS, canOpen, permissionsOf, type DeskSection } from '$lib/domain/permissions';
import { foyer } from '$lib/server/foyer';
import type { LayoutServerLoad } from './$types';

const OPEN_PATHS = new Set(['/desk/login', '/desk/setup', '/desk/lang']);

export const load: LayoutServerLoad = ({ locals, url }) => {
	// An empty site (SEED=none) is set up first.
	if (
		foyer().staff.count() === 0 &&
		url.pathname !== '/desk/setup' &&
		url.pathname !== '/desk/lang'
	) {
		redirect(303, '/desk/setup');
	}
	const session = locals.session;
	if (!session) {
		if (!OPEN_PATHS.has(url.pathname)) {
			redirect(303, `/desk/login?next=${encodeURIComponent(url.pathname + url.search)}`);
		}
		return { me: null, sections: [] as DeskSection[], can: permissionsOf([]) };
	}
	const { staff } = session;
	const sections = (Object.keys(DESK_SECTIONS) as DeskSection[]).filter((s) =>
		canOpen(staff.roles, s)
	);
	return {
		me: { username: staff.username, displayName: staff.displayName, roles: staff.roles },
		sections,
		/** What this person may do, by permission: pages show only the buttons that can work. */
		can: permissionsOf(staff.roles)
	};
};
