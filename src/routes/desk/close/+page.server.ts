import { summarize, type DailyClose } from '$lib/domain/daily-close';
import { receiptNumber } from '$lib/domain/fees';
import { can } from '$lib/domain/permissions';
import type { Locale } from '$lib/i18n';
import { validDay } from '$lib/server/fees/drawer-closing';
import { drawerName } from '$lib/server/fees/receipt-printing';
import { foyer, type Foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/** A stored close as the page shows it: who closed it (their name if known) and when. */
function closeView(app: Foyer, c: DailyClose, locale: Locale) {
	return {
		id: c.id,
		cashierId: c.cashierId,
		drawer: drawerName(c.cashierId, c.cashierName, locale),
		day: c.day,
		closedAt: app.receipts.dateTime(c.closedAt),
		closedBy: app.people.nameOfUsername(c.closedBy) ?? c.closedBy,
		summary: c.summary
	};
}

export const load: PageServerLoad = ({ locals, url }) => {
	const session = requireSection(locals, 'close');
	const app = foyer();
	const today = app.fees.today();
	const day = validDay(url.searchParams.get('day')) ?? today;
	const who = actingOf(session);
	const drawers = app.drawerClosing.drawersFor(who, day);
	const drawer = drawers.find((d) => d.id === url.searchParams.get('drawer')) ?? drawers[0]!;
	const stored = app.fees.closes.get(drawer.id, day);
	const anyDrawer = can(who.roles, 'fees.closeAny');
	return {
		today,
		day,
		anyDrawer,
		drawers: drawers.map((d) => ({ id: d.id, name: drawerName(d.id, d.name, locals.locale) })),
		drawer: { id: drawer.id, name: drawerName(drawer.id, drawer.name, locals.locale) },
		closed: stored ? closeView(app, stored, locals.locale) : null,
		// What the Z-report would say if the drawer were closed now.
		preview: stored ? null : summarize(app.fees.drawerEntries(drawer.id, day), receiptNumber),
		closes: app.drawerClosing.closesOn(who, day).map((c) => closeView(app, c, locals.locale)),
		// The providers' bills against the ledger, beside the kiosk drawer's Z-report.
		reconciliation: can(who.roles, 'payments.reconcile')
			? {
					result: app.reconciliation.get(day),
					providers: app.payments.providers.real().map((p) => p.name)
				}
			: null
	};
};

/** The drawer and day a close or reprint form names. */
const asked = (form: FormData) => ({
	drawer: String(form.get('drawer') ?? ''),
	day: String(form.get('day') ?? '')
});

export const actions: Actions = {
	close: async ({ request, locals }) => {
		const session = requireSection(locals, 'close');
		const form = await readForm(request, locals.locale);
		try {
			const { printWarning } = await foyer().drawerClosing.close(
				actingOf(session),
				asked(form),
				locals.locale
			);
			return { closed: true, printWarning };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	},
	reconcile: async ({ request, locals }) => {
		const session = requireSection(locals, 'close');
		const form = await readForm(request, locals.locale);
		try {
			await foyer().reconciliation.run(actingOf(session), asked(form).day);
			return { reconciled: true };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	},
	/** Money at the provider only: booked into the ledger, or refunded (with the note). */
	act: async ({ request, locals }) => {
		const session = requireSection(locals, 'close');
		const form = await readForm(request, locals.locale);
		try {
			await foyer().reconciliation.act(
				actingOf(session),
				asked(form).day,
				String(form.get('provider') ?? ''),
				String(form.get('transactionId') ?? ''),
				form.get('action') === 'refund' ? 'refund' : 'book',
				String(form.get('note') ?? '')
			);
			return { resolved: true };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	},
	resolve: async ({ request, locals }) => {
		const session = requireSection(locals, 'close');
		const form = await readForm(request, locals.locale);
		try {
			await foyer().reconciliation.resolve(
				actingOf(session),
				asked(form).day,
				String(form.get('provider') ?? ''),
				String(form.get('transactionId') ?? ''),
				String(form.get('note') ?? '')
			);
			return { resolved: true };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	},
	reprint: async ({ request, locals }) => {
		const session = requireSection(locals, 'close');
		const form = await readForm(request, locals.locale);
		try {
			await foyer().drawerClosing.reprint(actingOf(session), asked(form), locals.locale);
			return { reprinted: true };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	}
};
