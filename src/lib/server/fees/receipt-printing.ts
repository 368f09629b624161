import type { DailyClose } from '$lib/domain/daily-close';
import { PAYMENT_METHODS, receiptNumber, type LedgerEntry } from '$lib/domain/fees';
import { maskName } from '$lib/domain/masking';
import { yuan } from '$lib/domain/money';
import { dateTime as formatDateTime } from '$lib/domain/time';
import { translator, type Locale } from '$lib/i18n';
import type { Foyer } from '../foyer';
import type { PrintJob } from '../printing';
import { receiptDocument, voidSlipDocument, zReportDocument } from './receipt-documents';
import type { Actor } from '../audit/audit';

/** The printer everything prints on unless a kiosk has its own. */
export const FRONT_DESK_PRINTER = 'front-desk';

/** The printer beside a kiosk, else the front desk's (else the first there is). */
export function printerFor(app: Foyer, kioskId: string | null): string | null {
	const printers = app.printing.printerList();
	const own = kioskId ? app.devices.list().find((d) => d.id === kioskId)?.printerId : null;
	const wanted = [own, FRONT_DESK_PRINTER].find((id) => id && printers.some((p) => p.id === id));
	return wanted ?? printers[0]?.id ?? null;
}

/** 2026-11-26 14:05 in the site's time zone. */
export function dateTime(app: Foyer, iso: string): string {
	return formatDateTime(new Date(iso), app.site.site.timeZone);
}

/** The full unit number, as printed on the payer's own receipt: 1栋2单元1201. */
export function unitLabel(app: Foyer, unitId: string, locale: Locale): string {
	const u = app.site.site.units.find((x) => x.id === unitId);
	if (!u) return unitId;
	return translator(locale)('fees.unitLabel', { ...u });
}

/** Who took the money, as people read it: the cashier's name, or "self-service kiosk". */
export function drawerName(cashierId: string, cashierName: string, locale: Locale): string {
	return cashierId === 'kiosk' ? translator(locale)('fees.kioskDrawer') : cashierName;
}

export interface ReceiptOptions {
	locale: Locale;
	/** Where the e-receipt page is reached from a phone, e.g. http://192.168.1.10:3000. */
	origin: string;
	/** Marked as a reprint; the original stays the one receipt. */
	reprint?: boolean;
}

/** The receipt document of a payment (a voided one carries the void mark when reprinted). */
export function feeReceipt(app: Foyer, entry: LedgerEntry, o: ReceiptOptions) {
	const t = translator(o.locale);
	const site = app.site.site;
	const owner = site.residents.find((r) => r.unitId === entry.unitId && r.kind === 'owner');
	const bills = new Map(app.fees.bills(entry.unitId).map((b) => [b.id, b]));
	const voided = app.fees.voidOf(entry.id);
	const marks = [o.reprint && t('receipt.reprint'), voided && t('receipt.voidedMark')];
	return receiptDocument({
		site: site.name,
		title: t('receipt.title'),
		copyMark: marks.filter(Boolean).join(' ') || undefined,
		receiptNo: { label: t('receipt.number'), value: receiptNumber(entry) },
		paidAt: { label: t('receipt.paidAt'), value: dateTime(app, entry.at) },
		unit: { label: t('receipt.unit'), value: unitLabel(app, entry.unitId, o.locale) },
		payer: owner ? { label: t('receipt.payer'), value: maskName(owner.name) } : undefined,
		cashier: {
			label: t('receipt.cashier'),
			value: drawerName(entry.cashierId, entry.cashierName, o.locale)
		},
		method: { label: t('receipt.method'), value: t(`fees.method.${entry.method}`) },
		lines: entry.allocations.map((a) => {
			const b = bills.get(a.billId);
			if (!b) return { name: a.billId, amountFen: a.amountFen };
			const detail =
				b.kind === 'perArea'
					? `${yuan(b.quantityCenti)}㎡ × ￥${yuan(b.unitPriceFen)}`
					: b.kind === 'metered'
						? `${yuan(b.quantityCenti)} × ￥${yuan(b.unitPriceFen)}`
						: undefined;
			return { name: `${b.name} ${b.period}`, detail, amountFen: a.amountFen };
		}),
		total: { label: t('receipt.total'), fen: entry.amountFen },
		cash:
			entry.tenderedFen !== null && entry.changeFen !== null
				? {
						tendered: { label: t('receipt.tendered'), fen: entry.tenderedFen },
						change: { label: t('receipt.change'), fen: entry.changeFen }
					}
				: undefined,
		eReceipt: entry.receiptToken
			? { url: `${o.origin}/r/${entry.receiptToken}`, caption: t('receipt.eReceipt') }
			: undefined,
		rating: entry.receiptToken
			? { url: `${o.origin}/rate/receipt/${entry.receiptToken}`, caption: t('receipt.rate') }
			: undefined,
		footer: [t('receipt.footer')]
	});
}

/** Queues a payment's receipt. Never throws: a printer problem must not touch the payment. */
export async function printReceipt(
	app: Foyer,
	entry: LedgerEntry,
	o: ReceiptOptions & { actor?: Actor; printerId?: string | null; kioskId?: string | null }
): Promise<PrintJob | null> {
	const printerId = o.printerId ?? printerFor(app, o.kioskId ?? null);
	if (!printerId) return null;
	try {
		return await app.printing.enqueue(o.actor ?? null, {
			printerId,
			kind: 'receipt',
			document: feeReceipt(app, entry, o)
		});
	} catch (e) {
		console.error(`Receipt ${receiptNumber(entry)} could not be queued for printing`, e);
		return null;
	}
}

/** The slip for a void or refund. */
export function voidSlip(app: Foyer, entry: LedgerEntry, locale: Locale, managerName: string) {
	const t = translator(locale);
	const original = entry.voidOf ? app.fees.entry(entry.voidOf) : undefined;
	return voidSlipDocument({
		site: app.site.site.name,
		title: t(entry.kind === 'refund' ? 'receipt.refundTitle' : 'receipt.voidTitle'),
		original: {
			label: t('receipt.originalNumber'),
			value: original ? receiptNumber(original) : ''
		},
		unit: { label: t('receipt.unit'), value: unitLabel(app, entry.unitId, locale) },
		amount: { label: t('receipt.voidAmount'), fen: entry.amountFen },
		reason: { label: t('receipt.reason'), value: entry.reason ?? '' },
		approvedBy: { label: t('receipt.approvedBy'), value: managerName },
		at: { label: t('receipt.paidAt'), value: dateTime(app, entry.at) },
		signatures: [t('receipt.signHandler'), t('receipt.signPayer')]
	});
}

/** The Z-report of a closed drawer-day. */
export function zReport(app: Foyer, close: DailyClose, locale: Locale, reprint = false) {
	const t = translator(locale);
	const s = close.summary;
	return zReportDocument({
		site: app.site.site.name,
		title: t('close.zTitle'),
		copyMark: reprint ? t('receipt.reprint') : undefined,
		cashier: {
			label: t('receipt.cashier'),
			value: drawerName(close.cashierId, close.cashierName, locale)
		},
		businessDay: { label: t('close.day'), value: close.day },
		closedAt: { label: t('close.closedAt'), value: dateTime(app, close.closedAt) },
		headings: { label: t('close.method'), count: t('close.count'), total: t('close.amount') },
		methods: PAYMENT_METHODS.map((m) => ({ label: t(`fees.method.${m}`), ...s.byMethod[m] })),
		voids: { label: t('close.voids'), ...s.voids },
		refunds: { label: t('close.refunds'), ...s.refunds },
		net: { label: t('close.net'), fen: s.netFen },
		expectedCash: { label: t('close.expectedCash'), fen: s.expectedCashFen },
		receiptRange: {
			label: t('close.receiptRange'),
			first: s.receipts.first,
			last: s.receipts.last
		},
		receiptCount: { label: t('close.receiptCount'), count: s.receipts.count },
		signatures: [t('close.signCashier'), t('close.signManager')]
	});
}
