import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/permissions';
import { translate } from '$lib/i18n';
import { requireSection } from '$lib/server/http/respond';
import { IMPORT_KINDS } from '$lib/server/site/import/kinds';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const session = requireSection(locals, 'site');
	if (!can(session.staff.roles, 'site.import')) {
		error(403, translate(locals.locale, 'error.forbidden'));
	}
	return { kinds: [...IMPORT_KINDS] };
};
