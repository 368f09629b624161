import { summarize, type DailyClose } from '$lib/domain/daily-close';
import { FoyerError } from '$lib/domain/errors';
import { receiptNumber } from '$lib/domain/fees';
import type { Locale } from '$lib/i18n';
import { dateTime, drawerName } from '$lib/server/fees/receipt-printing';
import { foyer, type Foyer } from '$lib/server/foyer';
import { actorOf, formProblem, requireSection } from '$lib/server/http/respond';
import {
	chosenDrawer,
	closesAny,
	drawersFor,
	printAfterClose,
	printZReport,
	validDay
} from './drawers';
import type { Actions, PageServerLoad } from './$types';

/** A stored close as the page shows it: who closed it (their name if known) and when. */
function closeView(app: Foyer, c: DailyClose, locale: Locale) {
	return {
		id: c.id,
		cashierId: c.cashierId,
		drawer: drawerName(c.cashierId, c.cashierName, locale),
		day: c.day,
		closedAt: dateTime(app, c.closedAt),
		closedBy: app.staff.byUsername(c.closedBy)?.displayName ?? c.closedBy,
		summary: c.summary
	};
}

export const load: PageServerLoad = ({ locals, url }) => {
	const session = requireSection(locals, 'close');
	const app = foyer();
	const today = app.fees.today();
	const day = validDay(url.searchParams.get('day')) ?? today;
	const drawers = drawersFor(app, session, day);
	const drawer = drawers.find((d) => d.id === url.searchParams.get('drawer')) ?? drawers[0]!;
	const stored = app.fees.closes.get(drawer.id, day);
	const anyDrawer = closesAny(session);
	return {
		today,
		day,
		anyDrawer,
		drawers: drawers.map((d) => ({ id: d.id, name: drawerName(d.id, d.name, locals.locale) })),
		drawer: { id: drawer.id, name: drawerName(drawer.id, drawer.name, locals.locale) },
		closed: stored ? closeView(app, stored, locals.locale) : null,
		// What the Z-report would say if the drawer were closed now.
		preview: stored ? null : summarize(app.fees.drawerEntries(drawer.id, day), receiptNumber),
		closes: app.fees.closes
			.list(day)
			.filter((c) => anyDrawer || c.cashierId === session.staff.id)
			.map((c) => closeView(app, c, locals.locale))
	};
};

export const actions: Actions = {
	close: async ({ request, locals }) => {
		const session = requireSection(locals, 'close');
		const app = foyer();
		const form = await request.formData();
		let close: DailyClose;
		try {
			const { drawer, day } = chosenDrawer(app, session, form);
			// Closing a day ahead would lock the drawer before it took any money.
			if (day > app.fees.today()) throw new FoyerError('error.closeFutureDay', {}, 409);
			close = await app.fees.close(actorOf(session), drawer, day);
		} catch (e) {
			return formProblem(e, locals.locale);
		}
		const printWarning = await printAfterClose(app, {
			actor: actorOf(session),
			close,
			locale: locals.locale
		});
		return { closed: true, printWarning };
	},
	reprint: async ({ request, locals }) => {
		const session = requireSection(locals, 'close');
		const app = foyer();
		const form = await request.formData();
		try {
			const { drawer, day } = chosenDrawer(app, session, form);
			const close = app.fees.closes.get(drawer.id, day);
			if (!close) throw new FoyerError('error.closeNotFound', { day }, 404);
			await printZReport(app, {
				actor: actorOf(session),
				close,
				locale: locals.locale,
				reprint: true
			});
			return { reprinted: true };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	}
};
