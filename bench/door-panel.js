/**
 * (e) A door-panel press with the conference staff's PIN, from a screen that is not the room's
 * own panel, timed from the press to the server's answer (the room's new state follows at once
 * through rooms:updated). Each round books the room now and ends it early again: two presses,
 * each checking the PIN and writing the booking durably. Target: p50 and p99 ≤ 200 ms.
 * Baseline: the same press with no PIN (answered 403 error.pinRequired before any check).
 */
import { io } from 'socket.io-client';
import { login, post, startFoyer, waitHealthy } from './lib/foyer-server.js';
import { removeDir, tempDir } from './lib/proc.js';
import { ms, nowUs, printTable, summarize } from './lib/stats.js';

const PIN = '4827';
const ROOM = 'room-1';

/** @param {{ rounds?: number, warmup?: number }} o */
export async function run({ rounds = 50, warmup = 3 } = {}) {
	const dataDir = tempDir('door-panel');
	const server = await startFoyer({ dataDir });
	try {
		await waitHealthy(server.url);
		const cookie = await login(server.url);
		const set = await fetch(`${server.url}/desk/rooms?/setPin`, {
			method: 'POST',
			headers: {
				origin: server.url,
				cookie,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams({ pin: PIN })
		});
		if (!set.ok) throw new Error(`setting the PIN: ${set.status}`);
		const board = io(`${server.url}/public`, { transports: ['websocket'], forceNew: true });
		/** @type {string | null} */
		let current = null;
		board.on('rooms:updated', (/** @type {any} */ { board: b }) => {
			current = b.rooms.find((/** @type {any} */ r) => r.id === ROOM)?.current?.id ?? null;
		});
		await new Promise((resolve) => board.once('connect', resolve));
		const press = (/** @type {object} */ body) =>
			post(`${server.url}/api/rooms/panel`, JSON.stringify({ roomId: ROOM, ...body }), {
				origin: server.url
			});
		/** @type {Record<string, number[]>} */
		const samples = { bookNow: [], endEarly: [], noPin: [] };
		for (let i = 0; i < rounds + warmup; i++) {
			const keep = i >= warmup;
			let t = nowUs();
			const refused = await press({ action: 'bookNow', minutes: 30 });
			if (refused.status !== 403) throw new Error(`no PIN: ${refused.status}`);
			if (keep) samples.noPin.push((nowUs() - t) / 1000);

			t = nowUs();
			const booked = await press({ action: 'bookNow', minutes: 30, pin: PIN });
			if (booked.status !== 200) throw new Error(`bookNow: ${booked.status} ${booked.text}`);
			if (keep) samples.bookNow.push((nowUs() - t) / 1000);
			const id = await until(() => current);

			t = nowUs();
			const ended = await press({ action: 'endEarly', bookingId: id, pin: PIN });
			if (ended.status !== 200) throw new Error(`endEarly: ${ended.status} ${ended.text}`);
			if (keep) samples.endEarly.push((nowUs() - t) / 1000);
			await until(() => (current === null ? 'free' : null));
		}
		board.disconnect();
		const all = [...samples.bookNow, ...samples.endEarly];
		return {
			rounds,
			warmup,
			stats: {
				noPin: summarize(samples.noPin),
				bookNow: summarize(samples.bookNow),
				endEarly: summarize(samples.endEarly),
				all: summarize(all)
			}
		};
	} finally {
		await server.stop();
		removeDir(dataDir);
	}
}

/** Resolves with `get()` once it is not null (the push has arrived). */
async function until(/** @type {() => string | null} */ get) {
	const started = Date.now();
	for (;;) {
		const v = get();
		if (v !== null) return v;
		if (Date.now() - started > 10_000) throw new Error('rooms:updated never came');
		await new Promise((r) => setTimeout(r, 2));
	}
}

/** Prints the door-panel table. */
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
		`Door-panel press with the PIN, ms (${r.rounds} rounds after ${r.warmup} warm-ups)`,
		['press', 'n', 'p50', 'p95', 'p99', 'max'],
		[
			row('baseline: press without a PIN (403)', r.stats.noPin),
			row('book now, with the PIN', r.stats.bookNow),
			row('end early, with the PIN', r.stats.endEarly)
		]
	);
}

export function targets(/** @type {Awaited<ReturnType<typeof run>>} */ r) {
	const s = r.stats.all;
	return [
		{
			target: 'door-panel press with the PIN answers ≤ 200 ms (p50 and p99)',
			measured: `p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms`,
			met: s.p50 <= 200 && s.p99 <= 200
		}
	];
}
