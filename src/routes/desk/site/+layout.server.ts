import { can } from '$lib/domain/permissions';
import { requireSection } from '$lib/server/http/respond';
import type { LayoutServerLoad } from './$types';

/** Every records page: the front desk opens residents only; the rest is admin and manager. */
export const load: LayoutServerLoad = ({ locals }) => {
	const roles = requireSection(locals, 'site').staff.roles;
	return {
		mayEdit: can(roles, 'site.records'),
		mayImport: can(roles, 'site.import')
	};
};
