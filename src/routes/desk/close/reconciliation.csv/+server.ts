import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/permissions';
import { reconciliationCsv } from '$lib/domain/reconciliation';
import { translate, type MessageKey } from '$lib/i18n';
import { validDay } from '$lib/server/fees/drawer-closing';
import { foyer } from '$lib/server/foyer';
import { actingOf, requireSection } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

const COLUMNS: MessageKey[] = [
	'recon.col.provider',
	'recon.col.txn',
	'recon.col.reference',
	'recon.col.status',
	'recon.col.providerPaid',
	'recon.col.providerRefunded',
	'recon.col.foyerPaid',
	'recon.col.foyerRefunded',
	'recon.col.resolvedBy',
	'recon.col.note'
];

/** A day's reconciliation as CSV (`?day=YYYY-MM-DD`), for the accounts. */
export const GET: RequestHandler = ({ locals, url }) => {
	const session = requireSection(locals, 'close');
	if (!can(actingOf(session).roles, 'payments.reconcile'))
		error(403, translate(locals.locale, 'error.forbidden'));
	const day = validDay(url.searchParams.get('day'));
	const result = day ? foyer().reconciliation.get(day) : null;
	if (!day || !result) error(404, translate(locals.locale, 'error.reconRowNotFound'));
	const csv = reconciliationCsv(
		result.rows,
		COLUMNS.map((k) => translate(locals.locale, k))
	);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="reconciliation-${day}.csv"`
		}
	});
};
