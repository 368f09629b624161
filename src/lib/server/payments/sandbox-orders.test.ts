import { describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import { isSandboxError, SandboxProvider, type SandboxOptions, type SandboxOrder } from './sandbox';

const SECRET = 'sandbox-test-secret';

function setup(extra: Partial<SandboxOptions> = {}) {
	const clock = new ManualClock('2026-01-05T01:00:00Z');
	const provider = new SandboxProvider({ clock, secret: SECRET, ...extra });
	return { clock, provider };
}

function orderInput(origin: string, reference = 'PI-0001', amountFen = 12_345) {
	const expiresAt = new Date('2026-01-05T01:15:00Z');
	return { reference, amountFen, description: '翠湖花园 物业费 3栋2单元**01', expiresAt, origin };
}

/** The SandboxError code a promise rejects with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
	const e = await p.then(
		() => null,
		(error: unknown) => error
	);
	return isSandboxError(e) ? e.code : `not a SandboxError: ${String(e)}`;
}

describe('SandboxProvider orders', () => {
	it('gives an ASCII QR payload pointing at the phone page, even for non-ASCII input', async () => {
		const { provider } = setup();
		const { qrPayload } = await provider.create(
			orderInput('http://翠湖.local:3000/kiosk', 'PI-翠湖-1')
		);
		expect(qrPayload).toMatch(/^[\x21-\x7e]+$/);
		expect(qrPayload).toBe('http://xn--n7w178a.local:3000/pay/sandbox/PI-%E7%BF%A0%E6%B9%96-1');
		expect(provider.order('PI-翠湖-1')).toMatchObject({ state: 'pending', amountFen: 12_345 });
	});

	it('returns the same payload for the same reference and amount, and refuses another amount', async () => {
		const { provider } = setup();
		const first = await provider.create(orderInput('http://10.0.0.2:3000'));
		expect(await provider.create(orderInput('http://10.0.0.2:3000'))).toEqual(first);
		await expect(provider.create(orderInput('http://10.0.0.2:3000', 'PI-0001', 1))).rejects.toThrow(
			/12345 fen/
		);
	});

	it('pays once: a second or concurrent payment fails with alreadyPaid', async () => {
		const { provider } = setup();
		await provider.create(orderInput('http://10.0.0.2:3000'));
		const results = await Promise.allSettled([
			provider.pay('PI-0001', { notify: false }),
			provider.pay('PI-0001', { notify: false })
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(await codeOf(provider.pay('PI-0001', { notify: false }))).toBe('alreadyPaid');
		expect(await codeOf(provider.pay('PI-none'))).toBe('unknown');
	});

	it('refuses to pay an expired order, and query reports it closed', async () => {
		const { provider, clock } = setup();
		await provider.create(orderInput('http://10.0.0.2:3000'));
		expect((await provider.query('PI-0001')).state).toBe('pending');
		clock.set('2026-01-05T01:15:00Z');
		expect(await codeOf(provider.pay('PI-0001'))).toBe('expired');
		expect(await provider.query('PI-0001')).toEqual({
			reference: 'PI-0001',
			state: 'closed',
			transactionId: null,
			amountFen: null,
			paidAt: null
		});
	});

	it('refuses to pay a closed order, and query reports it closed', async () => {
		const { provider } = setup();
		await provider.create(orderInput('http://10.0.0.2:3000'));
		expect((await provider.close('PI-0001')).state).toBe('closed');
		expect(await codeOf(provider.pay('PI-0001'))).toBe('closed');
		expect((await provider.query('PI-0001')).state).toBe('closed');
		expect((await provider.query('PI-unknown')).state).toBe('closed');
	});

	it('keeps a paid order paid when asked to close it', async () => {
		const { provider, clock } = setup();
		await provider.create(orderInput('http://10.0.0.2:3000'));
		const paid = await provider.pay('PI-0001', { notify: false });
		expect(paid.transactionId).toMatch(/^4200\d{24}$/);
		clock.advance(60 * 60_000);
		const status = await provider.close('PI-0001');
		expect(status).toEqual({
			reference: 'PI-0001',
			state: 'paid',
			transactionId: paid.transactionId,
			amountFen: 12_345,
			paidAt: '2026-01-05T01:00:00.000Z'
		});
		expect(await provider.query('PI-0001')).toEqual(status);
	});

	it('refunds only a paid order, its own transaction, up to what is left', async () => {
		const { provider } = setup();
		await provider.create(orderInput('http://10.0.0.2:3000', 'PI-0001', 1000));
		const r = { reference: 'PI-0001', transactionId: 'x', amountFen: 400, reason: '作废' };
		expect(await codeOf(provider.refund(r))).toBe('notPaid');
		const { transactionId } = await provider.pay('PI-0001', { notify: false });
		expect(await codeOf(provider.refund(r))).toBe('transactionMismatch');
		const ok = { ...r, transactionId: transactionId! };
		expect(await codeOf(provider.refund({ ...ok, amountFen: 1001 }))).toBe('amountExceeded');
		expect(await codeOf(provider.refund({ ...ok, amountFen: 0 }))).toBe('invalid');
		const first = await provider.refund(ok);
		const second = await provider.refund({ ...ok, amountFen: 600 });
		expect(first.refundId).toMatch(/^50\d{27}$/);
		expect(second.refundId).not.toBe(first.refundId);
		expect(await codeOf(provider.refund({ ...ok, amountFen: 1 }))).toBe('amountExceeded');
		expect(await codeOf(provider.refund({ ...ok, reference: 'PI-none' }))).toBe('unknown');
		expect(provider.order('PI-0001')?.refunds.map((x) => x.amountFen)).toEqual([400, 600]);
	});

	it('saves every change before reporting it, and a new sandbox loaded from it knows the orders', async () => {
		let saved: SandboxOrder[] = [];
		const saves: string[][] = [];
		const persist = {
			load: () => saved,
			save: (order: SandboxOrder) => {
				const i = saved.findIndex((o) => o.reference === order.reference);
				saved = i < 0 ? [...saved, order] : saved.with(i, order);
				saved = structuredClone(saved);
				saves.push(saved.map((o) => `${o.reference}:${o.state}`));
				return Promise.resolve();
			}
		};
		const { provider, clock } = setup({ persist });
		await provider.create(orderInput('http://10.0.0.2:3000', 'PI-1'));
		await provider.create(orderInput('http://10.0.0.2:3000', 'PI-2'));
		const paid = await provider.pay('PI-1', { notify: false });
		await provider.close('PI-2');
		expect(saves).toEqual([
			['PI-1:pending'],
			['PI-1:pending', 'PI-2:pending'],
			['PI-1:paid', 'PI-2:pending'],
			['PI-1:paid', 'PI-2:closed']
		]);
		const restarted = new SandboxProvider({ clock, secret: SECRET, persist });
		expect(restarted.order('PI-1')).toEqual(paid);
		expect((await restarted.query('PI-1')).transactionId).toBe(paid.transactionId);
		expect(await codeOf(restarted.pay('PI-2'))).toBe('closed');
	});

	it('keeps nothing when saving fails', async () => {
		const persist = { load: () => [], save: () => Promise.reject(new Error('disk full')) };
		const { provider } = setup({ persist });
		await expect(provider.create(orderInput('http://10.0.0.2:3000'))).rejects.toThrow('disk full');
		expect(provider.order('PI-0001')).toBeUndefined();
	});
});
