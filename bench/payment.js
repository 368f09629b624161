/**
 * (d) A QR payment at the kiosk, timed where the resident feels it:
 *
 *   pay    "pay" tap → the QR is ready to show: POST /api/kiosk/pay (intent + provider order,
 *          both durably stored) and the QR image made from its payload, as the kiosk does.
 *          Baseline: POST /api/kiosk/bills, the request before it (a read, no writes).
 *   paid   the provider's notification → (a) the kiosk's socket hears "paid" and (b) the
 *          receipt's bytes have all reached the printer (a loopback TCP listener here).
 *          Baseline: a notification with a bad signature (the same HTTP path, verification,
 *          nothing settled, nothing printed).
 *
 * The sandbox is paid without its own notification (silent), and the bench sends the signed
 * notification itself, so the clock starts exactly when the provider's message leaves.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { io } from 'socket.io-client';
import { startFoyer, waitHealthy } from './lib/foyer-server.js';
import { removeDir, tempDir } from './lib/proc.js';
import { ms, nowUs, printTable, summarize } from './lib/stats.js';

/** @param {{ rounds?: number, warmup?: number }} o */
export async function run({ rounds = 60, warmup = 5 } = {}) {
	const printer = await listen();
	const dataDir = tempDir('payment');
	const server = await startFoyer({ dataDir, env: { PRINTER: printer.url } });
	try {
		await waitHealthy(server.url);
		const read = (/** @type {string} */ f) => JSON.parse(readFileSync(join(dataDir, f), 'utf8'));
		const site = read('site.json');
		const kiosk = io(`${server.url}/public`, { transports: ['websocket'], forceNew: true });
		await new Promise((resolve) => kiosk.once('connect', resolve));
		const samples = { bills: [], pay: [], qr: [], paid: [], printed: [], rejected: [] };
		const units = site.units.slice(0, rounds + warmup);
		for (const [i, unit] of units.entries()) {
			const keep = i >= warmup;
			const phone = site.residents.find((/** @type {any} */ r) => r.unitId === unit.id).phone;
			const { visit } = await json(server.url, '/api/kiosk/identify', {
				building: unit.building,
				entrance: unit.entrance,
				room: unit.room,
				phoneTail: phone.slice(-4)
			});
			let t = nowUs();
			const { bills } = await json(server.url, '/api/kiosk/bills', { visit: visit.token });
			if (keep) samples.bills.push((nowUs() - t) / 1000);

			t = nowUs();
			const { intent } = await json(server.url, '/api/kiosk/pay', {
				visit: visit.token,
				billIds: bills.map((/** @type {any} */ b) => b.id)
			});
			const tIntent = nowUs();
			await QRCode.toDataURL(intent.qrPayload, { margin: 1, width: 520 });
			if (keep) {
				samples.pay.push((tIntent - t) / 1000);
				samples.qr.push((nowUs() - t) / 1000);
			}

			await kiosk.emitWithAck('payment:watch', intent.id);
			await fetch(intent.qrPayload, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
				body: 'silent=on'
			});
			const sandbox = read('sandbox.json');
			const order = sandbox.orders.find((/** @type {any} */ o) => o.reference === intent.id);
			const body = notification(order);

			t = nowUs();
			const forged = await notify(server.url, 'not-the-key', body);
			if (forged.status !== 400) throw new Error(`forged notification got ${forged.status}`);
			if (keep) samples.rejected.push((nowUs() - t) / 1000);

			const paid = new Promise((resolve) =>
				kiosk.on('payment:updated', function onPaid(/** @type {any} */ v) {
					if (v.id !== intent.id || v.status !== 'paid') return;
					kiosk.off('payment:updated', onPaid);
					resolve(nowUs());
				})
			);
			const printed = printer.nextJob();
			t = nowUs();
			const reply = await notify(server.url, sandbox.secret, body);
			if (reply.status !== 200) throw new Error(`notification got ${reply.status}`);
			const [paidAt, job] = await Promise.all([paid, printed]);
			if (job.bytes < 200) throw new Error(`a receipt of ${job.bytes} bytes`);
			if (keep) {
				samples.paid.push(/** @type {number} */ (paidAt - t) / 1000);
				samples.printed.push((job.endUs - t) / 1000);
			}
		}
		kiosk.disconnect();
		return { rounds, warmup, stats: mapValues(samples, summarize) };
	} finally {
		await server.stop();
		printer.close();
		removeDir(dataDir);
	}
}

/** @param {string} url @param {string} path @param {unknown} body */
async function json(url, path, body) {
	const res = await fetch(`${url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify(body)
	});
	if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
	return res.json();
}

/** The sandbox's notification body (WeChat Pay v3 shape), as sandbox-protocol.ts builds it. */
function notification(/** @type {any} */ order) {
	const time = (/** @type {string} */ iso) =>
		new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
	return JSON.stringify({
		id: randomBytes(8).toString('hex'),
		create_time: time(order.paidAt),
		event_type: 'TRANSACTION.SUCCESS',
		resource_type: 'encrypt-resource',
		summary: '支付成功',
		resource: {
			out_trade_no: order.reference,
			transaction_id: order.transactionId,
			trade_state: 'SUCCESS',
			amount: { total: order.amountFen, payer_total: order.amountFen, currency: 'CNY' },
			success_time: time(order.paidAt)
		}
	});
}

/** Sends a notification signed as the sandbox signs it (HMAC-SHA256 over ts\nnonce\nbody\n). */
function notify(
	/** @type {string} */ url,
	/** @type {string} */ secret,
	/** @type {string} */ body
) {
	const ts = String(Math.floor(Date.now() / 1000));
	const nonce = randomBytes(16).toString('hex');
	const signature = createHmac('sha256', secret)
		.update(`${ts}\n${nonce}\n${body}\n`)
		.digest('base64');
	return fetch(`${url}/api/payments/notify/sandbox`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'Foyer-Sandbox-Timestamp': ts,
			'Foyer-Sandbox-Nonce': nonce,
			'Foyer-Sandbox-Serial': 'FOYER-SANDBOX-KEY-1',
			'Foyer-Sandbox-Signature': signature
		},
		body
	});
}

/** A loopback ESC/POS printer: a job is one connection, complete when Foyer closes it. */
async function listen() {
	/** @type {((job: { bytes: number, endUs: number }) => void)[]} */
	const waiting = [];
	const server = net.createServer((socket) => {
		let bytes = 0;
		socket.on('data', (d) => (bytes += d.length));
		socket.on('end', () => {
			const job = { bytes, endUs: nowUs() };
			socket.end();
			waiting.shift()?.(job);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {net.AddressInfo} */ (server.address());
	return {
		url: `tcp://127.0.0.1:${port}`,
		/** @returns {Promise<{ bytes: number, endUs: number }>} */
		nextJob: () => new Promise((resolve) => waiting.push(resolve)),
		close: () => server.close()
	};
}

/** @template T, U @param {Record<string, T>} o @param {(v: T) => U} f */
function mapValues(o, f) {
	return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

/** Prints the payment table. */
export function report(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const row = (/** @type {string} */ label, /** @type {any} */ s) => [
		label,
		s.n,
		ms(s.p50),
		ms(s.p95),
		ms(s.p99),
		ms(s.max)
	];
	printTable(
		`Kiosk QR payment, ms (${r.rounds} payments after ${r.warmup} warm-ups, each a different unit)`,
		['step', 'n', 'p50', 'p95', 'p99', 'max'],
		[
			row('baseline: POST /api/kiosk/bills', r.stats.bills),
			row('pay tap → intent stored (POST /api/kiosk/pay)', r.stats.pay),
			row('pay tap → QR image ready', r.stats.qr),
			row('baseline: forged notification rejected', r.stats.rejected),
			row('notification → kiosk socket hears paid', r.stats.paid),
			row('notification → receipt bytes all at printer', r.stats.printed)
		]
	);
}

export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const worst = Math.max(r.stats.paid.p99, r.stats.printed.p99);
	return [
		{
			target: 'paid notification → kiosk paid and receipt at printer ≤ 300 ms (p99)',
			measured: `p50 ${ms(r.stats.printed.p50)} ms, p99 ${ms(worst)} ms`,
			met: worst <= 300
		},
		{
			target: '(not a target) pay tap → QR ready',
			measured: `p50 ${ms(r.stats.qr.p50)} ms, p99 ${ms(r.stats.qr.p99)} ms`,
			met: null
		}
	];
}
