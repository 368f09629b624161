import { error } from '@sveltejs/kit';
import { receiptNumber } from '$lib/domain/fees';
import { maskName } from '$lib/domain/masking';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { drawerName } from '$lib/server/fees/receipt-printing';
import type { PageServerLoad } from './$types';

/**
 * The e-receipt, opened from the QR on the paper receipt or the kiosk. The token is the only
 * key (unguessable, one per receipt); the page shows what the paper shows, no more.
 */
export const load: PageServerLoad = ({ params, locals }) => {
	const app = foyer();
	const entry = app.fees.byReceiptToken(params.token);
	if (!entry) error(404, translate(locals.locale, 'error.receiptNotFound'));
	const bills = new Map(app.fees.bills(entry.unitId).map((b) => [b.id, b]));
	const owner = app.site.site.residents.find(
		(r) => r.unitId === entry.unitId && r.kind === 'owner'
	);
	return {
		site: app.site.site.name,
		siteEn: app.site.site.nameEn,
		token: params.token,
		number: receiptNumber(entry),
		paidAt: app.receipts.dateTime(entry.at),
		unit: app.receipts.unitLabel(entry.unitId, locals.locale),
		payer: owner ? maskName(owner.name) : '',
		method: entry.method,
		cashier: drawerName(entry.cashierId, entry.cashierName, locals.locale),
		amountFen: entry.amountFen,
		voided: app.fees.voidOf(entry.id) !== undefined,
		lines: entry.allocations.map((a) => {
			const b = bills.get(a.billId);
			const nameEn = b && app.site.site.feeStandards.find((s) => s.id === b.standardId)?.nameEn;
			return {
				name: b ? `${b.name} ${b.period}` : a.billId,
				nameEn: nameEn ? `${nameEn} ${b.period}` : undefined,
				amountFen: a.amountFen
			};
		})
	};
};
