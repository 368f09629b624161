import type { DailyClose } from '$lib/domain/daily-close';
import { PAYMENT_METHODS, receiptNumber, type LedgerEntry } from '$lib/domain/fees';
import { maskName } from '$lib/domain/masking';
import { yuan } from '$lib/domain/money';
import { dateTime as formatDateTime } from '$lib/domain/time';
import { translator, type Locale } from '$lib/i18n';
import type { PrintDocument, PrintJob, PrintQueue } from '../printing';
import type { Actor } from '../audit/audit';
import type { DeviceService } from '../devices/devices';
import type { SiteService } from '../site/site';
import type { FeesService } from './ledger';
import { receiptDocument, voidSlipDocument, zReportDocument } from './receipt-documents';

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

export interface ReceiptPrintingDeps {
	printing: PrintQueue;
	devices: DeviceService;
	site: SiteService;
	fees: FeesService;
	log: (message: string, error: unknown) => void;
}

/** The fee documents (receipt, void or refund slip, Z-report) and where they print. */
export class ReceiptPrinting {
	constructor(private readonly deps: ReceiptPrintingDeps) {}

	/** 2026-11-26 14:05 in the site's time zone. */
	dateTime(iso: string): string {
		return formatDateTime(new Date(iso), this.deps.site.site.timeZone);
	}

	/** The full unit number, as printed on the payer's own receipt: 1栋2单元1201. */
	unitLabel(unitId: string, locale: Locale): string {
		const u = this.deps.site.site.units.find((x) => x.id === unitId);
		if (!u) return unitId;
		return translator(locale)('fees.unitLabel', {
			building: u.building,
			entrance: u.entrance,
			room: u.room
		});
	}

	/** The receipt document of a payment (a voided one carries the void mark when reprinted). */
	feeReceipt(entry: LedgerEntry, o: ReceiptOptions): PrintDocument {
		const t = translator(o.locale);
		const site = this.deps.site.site;
		const owner = site.residents.find((r) => r.unitId === entry.unitId && r.kind === 'owner');
		const bills = new Map(this.deps.fees.bills(entry.unitId).map((b) => [b.id, b]));
		const voided = this.deps.fees.voidOf(entry.id);
		const marks = [o.reprint && t('receipt.reprint'), voided && t('receipt.voidedMark')];
		return receiptDocument({
			site: site.name,
			title: t('receipt.title'),
			copyMark: marks.filter(Boolean).join(' ') || undefined,
			receiptNo: { label: t('receipt.number'), value: receiptNumber(entry) },
			paidAt: { label: t('receipt.paidAt'), value: this.dateTime(entry.at) },
			unit: { label: t('receipt.unit'), value: this.unitLabel(entry.unitId, o.locale) },
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
	async print(
		entry: LedgerEntry,
		o: ReceiptOptions & { actor?: Actor; printerId?: string | null; kioskId?: string | null }
	): Promise<PrintJob | null> {
		const printerId = o.printerId ?? this.deps.devices.printerFor(o.kioskId ?? null);
		if (!printerId) return null;
		try {
			return await this.deps.printing.enqueue(o.actor ?? null, {
				printerId,
				kind: 'receipt',
				document: this.feeReceipt(entry, o)
			});
		} catch (e) {
			this.deps.log(`Receipt ${receiptNumber(entry)} could not be queued for printing`, e);
			return null;
		}
	}

	/** The slip for a void or refund. */
	voidSlip(entry: LedgerEntry, locale: Locale, managerName: string): PrintDocument {
		const t = translator(locale);
		const original = entry.voidOf ? this.deps.fees.entry(entry.voidOf) : undefined;
		return voidSlipDocument({
			site: this.deps.site.site.name,
			title: t(entry.kind === 'refund' ? 'receipt.refundTitle' : 'receipt.voidTitle'),
			original: {
				label: t('receipt.originalNumber'),
				value: original ? receiptNumber(original) : ''
			},
			unit: { label: t('receipt.unit'), value: this.unitLabel(entry.unitId, locale) },
			amount: { label: t('receipt.voidAmount'), fen: entry.amountFen },
			reason: { label: t('receipt.reason'), value: entry.reason ?? '' },
			approvedBy: { label: t('receipt.approvedBy'), value: managerName },
			at: { label: t('receipt.paidAt'), value: this.dateTime(entry.at) },
			signatures: [t('receipt.signHandler'), t('receipt.signPayer')]
		});
	}

	/** The Z-report of a closed drawer-day. */
	zReport(close: DailyClose, locale: Locale, reprint = false): PrintDocument {
		const t = translator(locale);
		const s = close.summary;
		return zReportDocument({
			site: this.deps.site.site.name,
			title: t('close.zTitle'),
			copyMark: reprint ? t('receipt.reprint') : undefined,
			cashier: {
				label: t('receipt.cashier'),
				value: drawerName(close.cashierId, close.cashierName, locale)
			},
			businessDay: { label: t('close.day'), value: close.day },
			closedAt: { label: t('close.closedAt'), value: this.dateTime(close.closedAt) },
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
}
