/**
 * (h) payment-real: a kiosk QR payment with each real provider, against its local fake (which
 * checks Foyer's signatures and signs its answers exactly as the provider does):
 *
 *   qr      "pay" tap → the QR is ready: POST /api/kiosk/pay (the provider's signed order call
 *           and its verified answer included) and the QR image made from its payload.
 *   notify  the provider takes the money and notifies → the kiosk's socket hears "paid".
 *   query   the same with the notification never arriving (a server behind NAT): Foyer's status
 *           query finds it (asked every second while the QR shows; the issue asks ≤ 3 s).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { io } from 'socket.io-client';
import { loadStore } from './lib/app.js';
import { startFoyer, waitHealthy } from './lib/foyer-server.js';
import { removeDir, tempDir } from './lib/proc.js';
import { ms, nowUs, printTable, summarize } from './lib/stats.js';

const PROVIDERS = /** @type {const} */ (['wechat', 'alipay']);

/** @param {{ rounds?: number, warmup?: number }} o */
export async function run({ rounds = 20, warmup = 2 } = {}) {
	const { FakeWechat, FakeAlipay, writeProvidersConfig } = await loadStore();
	const wechat = await new FakeWechat().start();
	const alipay = await new FakeAlipay().start();
	const dataDir = tempDir('payment-real');
	// Configured as the desk saves it, before the first start.
	writeProvidersConfig(dataDir, wechat, alipay);
	const server = await startFoyer({ dataDir });
	try {
		await waitHealthy(server.url);
		wechat.notifyTo = `${server.url}/api/payments/notify/wechat`;
		alipay.notifyTo = `${server.url}/api/payments/notify/alipay`;
		const site = JSON.parse(readFileSync(join(dataDir, 'site.json'), 'utf8'));
		const kiosk = io(`${server.url}/public`, { transports: ['websocket'], forceNew: true });
		await new Promise((resolve) => kiosk.once('connect', resolve));
		/** @type {Record<string, number[]>} */
		const samples = {};
		for (const p of PROVIDERS) for (const k of ['qr', 'notify', 'query']) samples[`${p}.${k}`] = [];
		const units = site.units.slice(0, (rounds + warmup) * 2 * PROVIDERS.length);
		let u = 0;
		for (let i = 0; i < rounds + warmup; i++) {
			for (const p of PROVIDERS) {
				for (const via of ['notify', 'query']) {
					const unit = units[u++];
					const fake = p === 'wechat' ? wechat : alipay;
					const phone = site.residents.find((/** @type {any} */ r) => r.unitId === unit.id).phone;
					const { visit } = await json(server.url, '/api/kiosk/identify', {
						building: unit.building,
						entrance: unit.entrance,
						room: unit.room,
						phoneTail: phone.slice(-4)
					});
					const { bills } = await json(server.url, '/api/kiosk/bills', { visit: visit.token });
					let t = nowUs();
					const { intent } = await json(server.url, '/api/kiosk/pay', {
						visit: visit.token,
						billIds: bills.map((/** @type {any} */ b) => b.id),
						provider: p
					});
					await QRCode.toDataURL(intent.qrPayload, { margin: 1, width: 520 });
					const keep = i >= warmup;
					if (keep && via === 'notify') samples[`${p}.qr`].push((nowUs() - t) / 1000);
					await kiosk.emitWithAck('payment:watch', intent.id);
					const paid = new Promise((resolve) =>
						kiosk.on('payment:updated', function onPaid(/** @type {any} */ v) {
							if (v.id !== intent.id || v.status !== 'paid') return;
							kiosk.off('payment:updated', onPaid);
							resolve(nowUs());
						})
					);
					t = nowUs();
					// The clock starts as the provider takes the money; with `notify` its message
					// leaves at once, with `query` it never does.
					await fake.pay(intent.id, { notify: via === 'notify' });
					const paidAt = /** @type {number} */ (await paid);
					if (keep) samples[`${p}.${via}`].push((paidAt - t) / 1000);
				}
			}
		}
		kiosk.disconnect();
		return {
			rounds,
			warmup,
			stats: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]))
		};
	} finally {
		await server.stop();
		await Promise.all([wechat.stop(), alipay.stop()]);
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

/** Prints the table. */
export function report(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const rows = [];
	for (const p of PROVIDERS) {
		for (const [k, label] of [
			['qr', 'pay tap → QR image ready'],
			['notify', 'paid → kiosk paid, by notification'],
			['query', 'paid → kiosk paid, by status query (no notification)']
		]) {
			const s = r.stats[`${p}.${k}`];
			rows.push([`${p}: ${label}`, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)]);
		}
	}
	printTable(
		`Real providers against their fakes, ms (${r.rounds} rounds after ${r.warmup} warm-ups)`,
		['step', 'n', 'p50', 'p95', 'p99', 'max'],
		rows
	);
}

export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const worst = Math.max(...PROVIDERS.map((p) => r.stats[`${p}.query`].max));
	return [
		{
			target: 'no notification: kiosk paid within 3 s of the payment (max, both providers)',
			measured:
				PROVIDERS.map((p) => `${p} p50 ${ms(r.stats[`${p}.query`].p50)} ms`).join(', ') +
				`, max ${ms(worst)} ms`,
			met: worst <= 3000
		},
		{
			target: '(not a target) pay tap → QR ready with a real provider',
			measured: PROVIDERS.map((p) => `${p} p50 ${ms(r.stats[`${p}.qr`].p50)} ms`).join(', '),
			met: null
		}
	];
}
