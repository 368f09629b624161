import type { DailyClose } from '$lib/domain/daily-close';
import { FoyerError, isFoyerError } from '$lib/domain/errors';
import { translate, type Locale } from '$lib/i18n';
import { printerFor, zReport } from '$lib/server/fees/receipt-printing';
import type { Foyer } from '$lib/server/foyer';
import type { ActiveSession } from '$lib/server/staff/sessions';
import { KIOSK_DRAWER, type Drawer } from '$lib/server/fees/ledger';

/** Managers (and admins) close any drawer; a cashier only their own. */
export const closesAny = (s: ActiveSession): boolean =>
	s.staff.roles.includes('manager') || s.staff.roles.includes('admin');

/** The drawer of the person signed in: their staff id, under their display name. */
const own = (s: ActiveSession): Drawer => ({ id: s.staff.id, name: s.staff.displayName });

/** A real calendar day written YYYY-MM-DD, or null. */
export function validDay(value: string | null): string | null {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value) ? value : null;
}

/**
 * The drawers someone may close on a day. A manager: their own, every drawer that took or
 * gave back money that day, the kiosks' QR drawer, and any already closed. The names are as
 * stored on the ledger (the Z-report's record), not translated.
 */
export function drawersFor(app: Foyer, session: ActiveSession, day: string): Drawer[] {
	if (!closesAny(session)) return [own(session)];
	const seen = new Map<string, Drawer>();
	const closed = app.fees.closes.list(day).map((c) => ({ id: c.cashierId, name: c.cashierName }));
	for (const d of [...app.fees.drawersOn(day), own(session), KIOSK_DRAWER, ...closed]) {
		if (!seen.has(d.id)) seen.set(d.id, d);
	}
	return [...seen.values()];
}

/** The drawer and day a close or reprint form names, checked against who is asking. */
export function chosenDrawer(
	app: Foyer,
	session: ActiveSession,
	form: FormData
): { drawer: Drawer; day: string } {
	const day = validDay(String(form.get('day') ?? ''));
	if (!day) throw new FoyerError('error.closeDay', {}, 400);
	const id = String(form.get('drawer') ?? '');
	const drawer = drawersFor(app, session, day).find((d) => d.id === id);
	if (!drawer) {
		throw closesAny(session)
			? new FoyerError('error.drawerNotFound', {}, 404)
			: new FoyerError('error.forbidden', {}, 403);
	}
	return { drawer, day };
}

/** Queues a Z-report on the front-desk printer. Throws what the print queue throws. */
export async function printZReport(
	app: Foyer,
	o: {
		actor: { id: string; username: string };
		close: DailyClose;
		locale: Locale;
		reprint: boolean;
	}
): Promise<void> {
	const printerId = printerFor(app, null);
	if (!printerId) throw new FoyerError('error.printerNotFound', {}, 404);
	await app.printing.enqueue(o.actor, {
		printerId,
		kind: 'report',
		document: zReport(app, o.close, o.locale, o.reprint)
	});
}

/**
 * After a close: queues its Z-report, but a printer problem never undoes or fails the close.
 * Returns the translated warning to show, or null when the report is queued.
 */
export async function printAfterClose(
	app: Foyer,
	o: { actor: { id: string; username: string }; close: DailyClose; locale: Locale }
): Promise<string | null> {
	try {
		await printZReport(app, { ...o, reprint: false });
		return null;
	} catch (e) {
		console.error(`The Z-report of ${o.close.cashierId} ${o.close.day} could not be queued`, e);
		const reason = isFoyerError(e)
			? translate(o.locale, e.key, e.values)
			: translate(o.locale, 'desk.close.printUnknown');
		return translate(o.locale, 'desk.close.printFailed', { reason });
	}
}
