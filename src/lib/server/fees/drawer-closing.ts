import type { DailyClose } from '$lib/domain/daily-close';
import { FoyerError, isFoyerError } from '$lib/domain/errors';
import { KIOSK_DRAWER, type Drawer } from '$lib/domain/fees';
import { can, demand, type Acting } from '$lib/domain/permissions';
import { translate, type Locale } from '$lib/i18n';
import type { DeviceService } from '../devices/devices';
import type { PrintQueue } from '../printing';
import { auditActor } from '../staff/acting';
import type { FeesService } from './ledger';
import type { ReceiptPrinting } from './receipt-printing';

export interface DrawerClosingDeps {
	fees: FeesService;
	printing: PrintQueue;
	devices: DeviceService;
	receipts: ReceiptPrinting;
	log: (message: string, error: unknown) => void;
}

/** A real calendar day written YYYY-MM-DD, or null. */
export function validDay(value: string | null): string | null {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value) ? value : null;
}

/** The drawer of the person signed in: their staff id, under their display name. */
const own = (who: Acting): Drawer => ({ id: who.id, name: who.displayName });

/**
 * The daily close (日结) at the desk: which drawers someone may close, the close itself and its
 * Z-report. A cashier closes their own drawer; those allowed `fees.closeAny` (managers) any.
 */
export class DrawerClosing {
	constructor(private readonly deps: DrawerClosingDeps) {}

	/**
	 * The drawers someone may close on a day. A manager: their own, every drawer that took or
	 * gave back money that day, the kiosks' QR drawer, and any already closed. The names are as
	 * stored on the ledger (the Z-report's record), not translated.
	 */
	drawersFor(who: Acting, day: string): Drawer[] {
		if (!can(who.roles, 'fees.closeAny')) return [own(who)];
		const { fees } = this.deps;
		const seen = new Map<string, Drawer>();
		const closed = fees.closes.list(day).map((c) => ({ id: c.cashierId, name: c.cashierName }));
		for (const d of [...fees.drawersOn(day), own(who), KIOSK_DRAWER, ...closed]) {
			if (!seen.has(d.id)) seen.set(d.id, d);
		}
		return [...seen.values()];
	}

	/** The closes of a day someone may see: all of them, or a cashier's own. */
	closesOn(who: Acting, day: string): DailyClose[] {
		const any = can(who.roles, 'fees.closeAny');
		return this.deps.fees.closes.list(day).filter((c) => any || c.cashierId === who.id);
	}

	/**
	 * Closes a drawer-day, then queues its Z-report. A printer problem never undoes or fails
	 * the close: `printWarning` is then the translated warning to show.
	 */
	async close(
		who: Acting,
		asked: { drawer: string; day: string },
		locale: Locale
	): Promise<{ close: DailyClose; printWarning: string | null }> {
		demand(who.roles, 'fees.close');
		const { drawer, day } = this.#chosen(who, asked);
		// Closing a day ahead would lock the drawer before it took any money.
		if (day > this.deps.fees.today()) throw new FoyerError('error.closeFutureDay', {}, 409);
		const close = await this.deps.fees.close(auditActor(who), drawer, day);
		try {
			await this.#printZReport(who, close, locale, false);
			return { close, printWarning: null };
		} catch (e) {
			this.deps.log(`The Z-report of ${close.cashierId} ${close.day} could not be queued`, e);
			const reason = isFoyerError(e)
				? translate(locale, e.key, e.values)
				: translate(locale, 'desk.close.printUnknown');
			return { close, printWarning: translate(locale, 'desk.close.printFailed', { reason }) };
		}
	}

	/** Prints a closed drawer-day's Z-report again, marked as a reprint. */
	async reprint(who: Acting, asked: { drawer: string; day: string }, locale: Locale) {
		demand(who.roles, 'fees.close');
		const { drawer, day } = this.#chosen(who, asked);
		const close = this.deps.fees.closes.get(drawer.id, day);
		if (!close) throw new FoyerError('error.closeNotFound', { day }, 404);
		await this.#printZReport(who, close, locale, true);
	}

	/** The drawer and day a close or reprint form names, checked against who is asking. */
	#chosen(who: Acting, asked: { drawer: string; day: string }): { drawer: Drawer; day: string } {
		const day = validDay(asked.day);
		if (!day) throw new FoyerError('error.closeDay', {}, 400);
		const drawer = this.drawersFor(who, day).find((d) => d.id === asked.drawer);
		if (!drawer) {
			throw can(who.roles, 'fees.closeAny')
				? new FoyerError('error.drawerNotFound', {}, 404)
				: new FoyerError('error.forbidden', {}, 403);
		}
		return { drawer, day };
	}

	/** Queues a Z-report on the front-desk printer. Throws what the print queue throws. */
	async #printZReport(who: Acting, close: DailyClose, locale: Locale, reprint: boolean) {
		const printerId = this.deps.devices.printerFor(null);
		if (!printerId) throw new FoyerError('error.printerNotFound', {}, 404);
		await this.deps.printing.enqueue(auditActor(who), {
			printerId,
			kind: 'report',
			document: this.deps.receipts.zReport(close, locale, reprint)
		});
	}
}
