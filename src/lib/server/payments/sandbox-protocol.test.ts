import { describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import { NotificationRejected, type IncomingNotification } from './provider';
import { notificationBody, SandboxProvider, signNotification, type SandboxOrder } from './sandbox';

const SECRET = 'sandbox-test-secret';
const PAID: SandboxOrder = {
	reference: 'PI-0001',
	amountFen: 12_345,
	description: '物业费',
	expiresAt: '2026-01-05T01:15:00.000Z',
	origin: 'http://127.0.0.1:3000',
	state: 'paid',
	transactionId: '4200000000000000000000000001',
	paidAt: '2026-01-05T01:00:00.000Z',
	refunds: []
};

function setup() {
	const clock = new ManualClock('2026-01-05T01:00:30Z');
	// No orders at all: verification must rest on the signature alone.
	const provider = new SandboxProvider({ clock, secret: SECRET });
	return { clock, provider };
}

/** A notification as the sandbox would send it now; `body` may be replaced before signing. */
function signed(body = notificationBody(PAID), secret = SECRET): IncomingNotification {
	const timestamp = Math.floor(Date.parse('2026-01-05T01:00:30Z') / 1000);
	return { body, headers: signNotification(secret, body, { timestamp, nonce: 'N0NCE' }) };
}

function reason(provider: SandboxProvider, n: IncomingNotification): string {
	try {
		provider.verifyNotification(n);
		return 'accepted';
	} catch (e) {
		return e instanceof NotificationRejected ? e.reason : `threw ${String(e)}`;
	}
}

describe('sandbox notification verification', () => {
	it('accepts a signed notification for an order it never saw and reports what it says', () => {
		const { provider } = setup();
		expect(provider.verifyNotification(signed())).toEqual({
			reference: 'PI-0001',
			state: 'paid',
			transactionId: '4200000000000000000000000001',
			amountFen: 12_345,
			paidAt: '2026-01-05T01:00:00.000Z'
		});
	});

	it('looks headers up case-insensitively', () => {
		const { provider } = setup();
		const n = signed();
		const lower = Object.fromEntries(
			Object.entries(n.headers).map(([k, v]) => [k.toLowerCase(), v])
		);
		const upper = Object.fromEntries(
			Object.entries(n.headers).map(([k, v]) => [k.toUpperCase(), v])
		);
		expect(reason(provider, { ...n, headers: lower })).toBe('accepted');
		expect(reason(provider, { ...n, headers: upper })).toBe('accepted');
	});

	it('rejects a signature made with another key as forged', () => {
		const { provider } = setup();
		expect(reason(provider, signed(notificationBody(PAID), 'not-the-secret'))).toBe('signature');
	});

	it('rejects a signature of another length or an unknown key serial as forged', () => {
		const { provider } = setup();
		const n = signed();
		const short = { ...n, headers: { ...n.headers, 'Foyer-Sandbox-Signature': 'AAAA' } };
		const serial = { ...n, headers: { ...n.headers, 'Foyer-Sandbox-Serial': 'OTHER' } };
		expect(reason(provider, short)).toBe('signature');
		expect(reason(provider, serial)).toBe('signature');
	});

	it('rejects a body changed after signing as forged', () => {
		const { provider } = setup();
		const n = signed();
		const body = n.body.replace('"total":12345', '"total":1');
		expect(body).not.toBe(n.body);
		expect(reason(provider, { ...n, body })).toBe('signature');
	});

	it('rejects a notification whose timestamp is more than 5 minutes off as stale', () => {
		const { provider, clock } = setup();
		const n = signed();
		clock.advance(4 * 60_000);
		expect(reason(provider, n)).toBe('accepted');
		clock.advance(2 * 60_000);
		expect(reason(provider, n)).toBe('stale');
		clock.advance(-12 * 60_000);
		expect(reason(provider, n)).toBe('stale');
	});

	it('rejects a notification missing a header as malformed', () => {
		const { provider } = setup();
		for (const name of ['Timestamp', 'Nonce', 'Serial', 'Signature']) {
			const n = signed();
			const headers = { ...n.headers, [`Foyer-Sandbox-${name}`]: undefined };
			expect(reason(provider, { ...n, headers }), name).toBe('malformed');
		}
		const n = signed();
		const headers = { ...n.headers, 'Foyer-Sandbox-Timestamp': 'soon' };
		expect(reason(provider, { ...n, headers })).toBe('malformed');
	});

	it('rejects a correctly signed body that is not JSON, or not a payment success, as malformed', () => {
		const { provider } = setup();
		expect(reason(provider, signed('<xml>SUCCESS</xml>'))).toBe('malformed');
		const other = JSON.parse(notificationBody(PAID)) as Record<string, unknown>;
		const refund = JSON.stringify({ ...other, event_type: 'REFUND.SUCCESS' });
		const noResource = JSON.stringify({ ...other, resource: undefined });
		expect(reason(provider, signed(refund))).toBe('malformed');
		expect(reason(provider, signed(noResource))).toBe('malformed');
	});

	it('refuses to build a notification for an unpaid order', () => {
		expect(() => notificationBody({ ...PAID, transactionId: null, paidAt: null })).toThrow(
			/not paid/
		);
	});
});
