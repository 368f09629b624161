import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '$lib/domain/fees';
import type { PaymentIntent } from '$lib/domain/payment';
import { ReceiptOutbox, type ReceiptOutboxDeps } from './receipt-outbox';

const NOW = Date.parse('2026-12-03T10:00:00Z');

/** An outbox over intents in memory: what the payments, ledger and printers would hold. */
function outbox(o: { printer?: string | null; enqueueFails?: boolean } = {}) {
	const intents = new Map<string, PaymentIntent>();
	const entries = new Map<string, LedgerEntry>();
	const printed: string[] = [];
	const deps = {
		clock: { now: () => new Date(NOW) },
		payments: {
			owedReceipts: async () =>
				[...intents.values()].filter((i) => i.status === 'paid' && i.receipt === 'owed'),
			receiptDone: async (id: string, state: 'queued' | 'none') => {
				const i = intents.get(id)!;
				if (i.receipt === 'owed') intents.set(id, { ...i, receipt: state });
			}
		},
		receipts: {
			print: async (entry: LedgerEntry) => {
				if (o.enqueueFails) return null;
				printed.push(entry.id);
				return { id: `job-${entry.id}` };
			}
		},
		fees: { entry: (id: string) => entries.get(id) },
		devices: { printerFor: () => (o.printer === undefined ? 'kiosk-printer' : o.printer) },
		log: () => {}
	} as unknown as ReceiptOutboxDeps;
	const settle = (id: string, agoMs: number, receipt: PaymentIntent['receipt'] | null = 'owed') => {
		entries.set(`e-${id}`, {
			id: `e-${id}`,
			at: new Date(NOW - agoMs).toISOString()
		} as LedgerEntry);
		intents.set(id, {
			id,
			status: 'paid',
			entryId: `e-${id}`,
			kioskId: 'kiosk-1',
			locale: 'zh-CN',
			origin: 'http://foyer',
			receipt: receipt ?? undefined
		} as PaymentIntent);
	};
	return { outbox: new ReceiptOutbox(deps), intents, printed, settle };
}

describe('the receipt outbox', () => {
	it('prints a receipt its process never recorded, once, and marks it queued', async () => {
		const x = outbox();
		x.settle('died', 5 * 60_000);
		expect(await x.outbox.sweep()).toBe(1);
		expect(x.printed).toEqual(['e-died']);
		expect(x.intents.get('died')!.receipt).toBe('queued');
		// The next look finds nothing owed: one receipt, not one a minute.
		expect(await x.outbox.sweep()).toBe(0);
		expect(x.printed).toEqual(['e-died']);
	});

	it('leaves a receipt settled a moment ago to its own process, and one already queued alone', async () => {
		const x = outbox();
		x.settle('just-now', 2_000);
		x.settle('done', 10 * 60_000, 'queued');
		x.settle('before-outbox', 10 * 60_000, null);
		expect(await x.outbox.sweep()).toBe(0);
		expect(x.printed).toEqual([]);
	});

	it('owes nothing more for a kiosk without a printer', async () => {
		const x = outbox({ printer: null });
		x.settle('no-printer', 5 * 60_000);
		await x.outbox.sweep();
		expect(x.printed).toEqual([]);
		expect(x.intents.get('no-printer')!.receipt).toBe('none');
	});

	it('keeps a receipt owed while its job cannot be recorded, to try again', async () => {
		const x = outbox({ enqueueFails: true });
		x.settle('later', 5 * 60_000);
		await x.outbox.sweep();
		expect(x.intents.get('later')!.receipt).toBe('owed');
	});
});
