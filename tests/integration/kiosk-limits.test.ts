import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, removeDir, startServer, type RunningServer } from '../helpers/server';

// Distinct client addresses on loopback: the server takes the address from X-Forwarded-For, as
// it does behind a proxy (adapter-node's ADDRESS_HEADER).
let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ env: { ADDRESS_HEADER: 'x-forwarded-for' } });
	const session = await fetch(`${server.url}/api/session`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			origin: server.url,
			'x-forwarded-for': '10.0.0.1'
		},
		body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD })
	});
	const cookie = session.headers.getSetCookie()[0]!.split(';')[0]!;
	// The conference PIN, set at the desk.
	const set = await fetch(`${server.url}/desk/rooms?/setPin`, {
		method: 'POST',
		headers: {
			origin: server.url,
			cookie,
			'x-forwarded-for': '10.0.0.1',
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ pin: '4827' })
	});
	expect(((await set.json()) as { type: string }).type).toBe('success');
});
afterAll(async () => {
	await server.stop();
	await removeDir(server.dataDir);
});

/** A JSON POST from `address`, answered in English: its status and error key. */
async function post(path: string, body: unknown, address: string) {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			origin: server.url,
			'x-forwarded-for': address,
			cookie: 'foyer_lang=en'
		},
		body: JSON.stringify(body)
	});
	const json = (await res.json()) as { error?: { key: string; message: string } };
	return { status: res.status, key: json.error?.key ?? '', message: json.error?.message ?? '' };
}

/** `n` requests at once; `each(i)` gives the i-th's path, body and address. */
function burst(n: number, each: (i: number) => [string, unknown, string]) {
	return Promise.all(Array.from({ length: n }, (_, i) => post(...each(i))));
}

const count = (answers: { status: number }[], status: number) =>
	answers.filter((a) => a.status === status).length;

/** Every refusal says how long to wait. */
function expectWaits(answers: { status: number; message: string }[]) {
	for (const a of answers.filter((x) => x.status === 429)) expect(a.message).toMatch(/15 min/);
}

const wrongPin = (roomId: string) => ({ roomId, action: 'bookNow', minutes: 30, pin: '0000' });

describe('the door-panel PIN', () => {
	it('checks at most 5 of 12 wrong PINs sent at once from one address', async () => {
		const answers = await burst(12, () => ['/api/rooms/panel', wrongPin('room-1'), '10.4.0.1']);
		expect(count(answers, 403)).toBeLessThanOrEqual(5);
		expect(count(answers, 429)).toBe(12 - count(answers, 403));
	});

	it('checks at most 10 wrong PINs for one room from 12 addresses at once', async () => {
		const answers = await burst(12, (i) => ['/api/rooms/panel', wrongPin('room-2'), `10.5.0.${i}`]);
		expect(count(answers, 403)).toBeLessThanOrEqual(10);
		expect(count(answers, 429)).toBe(12 - count(answers, 403));
		expectWaits(answers);
	});

	it('does not start counting afresh for a newly minted pairing token', async () => {
		const address = '10.6.0.1';
		for (let i = 0; i < 5; i++) {
			expect((await post('/api/rooms/panel', wrongPin('room-3'), address)).status).toBe(403);
		}
		const pairing = await fetch(`${server.url}/api/devices/pair`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: server.url,
				'x-forwarded-for': address
			},
			body: JSON.stringify({ kind: 'display' })
		});
		const { token } = (await pairing.json()) as { token: string };
		const withToken = await post(
			'/api/rooms/panel',
			{ ...wrongPin('room-3'), pin: '4827', device: token },
			address
		);
		expect(withToken.status).toBe(429);
		expect(withToken.message).toBe('Too many attempts. Try again in 15 min.');
	});
});

const residents = () =>
	(
		JSON.parse(readFileSync(join(server.dataDir, 'site.json'), 'utf8')) as {
			residents: { unitId: string; phone: string }[];
		}
	).residents;

describe('kiosk identification', () => {
	it('checks at most 5 wrong phone tails for one unit sent at once from 12 kiosks', async () => {
		const tail = residents()
			.find((r) => r.unitId === '4-2-801')!
			.phone.slice(-4);
		const wrong = tail === '0000' ? '1111' : '0000';
		const unit = { building: '4', entrance: '2', room: '801', phoneTail: wrong };
		const answers = await burst(12, (i) => ['/api/kiosk/identify', unit, `10.7.0.${i}`]);
		expect(count(answers, 401)).toBeLessThanOrEqual(5);
		expect(count(answers, 429)).toBe(12 - count(answers, 401));
		expectWaits(answers);
	});

	it('checks at most 20 of 40 guesses sent at once from one kiosk', async () => {
		const answers = await burst(40, (i) => [
			'/api/kiosk/identify',
			{ building: '9', entrance: '9', room: String(100 + i), phoneTail: '0000' },
			'10.8.0.1'
		]);
		expect(count(answers, 401)).toBeLessThanOrEqual(20);
		expect(count(answers, 429)).toBe(40 - count(answers, 401));
		expectWaits(answers);
	});
});

describe('tracking a request', () => {
	it('checks at most 5 tails for one number and 20 numbers from one address, sent at once', async () => {
		const one = await burst(12, (i) => [
			'/api/track',
			{ number: '20300101-001', phoneTail: '0000' },
			`10.9.0.${i}`
		]);
		expect(count(one, 401)).toBeLessThanOrEqual(5);
		expect(count(one, 429)).toBe(12 - count(one, 401));
		const many = await burst(40, (i) => [
			'/api/track',
			{ number: `20300102-${String(i).padStart(3, '0')}`, phoneTail: '0000' },
			'10.9.1.1'
		]);
		expect(count(many, 401)).toBeLessThanOrEqual(20);
		expect(count(many, 429)).toBe(40 - count(many, 401));
		expectWaits([...one, ...many]);
	});
});

describe('meeting check-in codes', () => {
	it('checks at most 5 of 40 wrong codes sent at once from one kiosk; the rest wait seconds, not 15 min', async () => {
		const answers = await burst(40, (i) => [
			'/api/kiosk/checkin',
			{ code: String(100000 + i * 7919) },
			'10.10.0.1'
		]);
		const wrong = answers.filter((a) => a.key === 'error.bookingCode').length;
		expect(wrong).toBeLessThanOrEqual(5);
		expect(count(answers, 429)).toBe(40 - wrong);
		for (const a of answers.filter((x) => x.status === 429)) {
			expect(a.key).toBe('error.checkInSlowDown');
			expect(a.message).toMatch(/Try again in \d+ s/);
		}
		// Another kiosk is checked at once.
		const other = await post('/api/kiosk/checkin', { code: '123456' }, '10.10.0.2');
		expect(other.key).toBe('error.bookingCode');
	});
});
