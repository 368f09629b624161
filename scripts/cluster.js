// WORKERS=N: N Foyer processes sharing one port through node:cluster (docs/cluster.md). The
// primary only forks, prints the banner once and starts a dead worker again, with backoff;
// every worker is a whole Foyer (server.js) on the shared database.
import cluster from 'node:cluster';
import process from 'node:process';

/** How many workers WORKERS asks for (1: no cluster, as without it). */
export function workerCount(env = process.env) {
	const n = Number(env.WORKERS || 1);
	if (!Number.isInteger(n) || n < 1 || n > 64) {
		console.error(
			`\nFoyer did not start.\nWORKERS=${env.WORKERS} is not a number of processes (1–64).\n`
		);
		process.exit(1);
	}
	return n;
}

/** Tells the primary that this worker listens, with the banner it would have printed. */
export function reportListening(lines) {
	process.send?.({ type: 'foyer:listening', lines });
}

/** Never lets a crash loop spin: 0.5 s, 1 s, 2 s … up to 30 s; a worker that ran a minute resets it. */
const backoffMs = (crashes) => Math.min(30_000, 500 * 2 ** Math.min(crashes, 6));

/**
 * Runs the primary: forks the first worker and waits until it listens (it applies migrations
 * and seeds an empty database alone), then the others, and prints the banner once they all
 * listen. Resolves never; exits on SIGTERM/SIGINT once every worker stopped.
 */
export function runPrimary(count, env = process.env) {
	if (!env.DATABASE_URL) {
		console.error(
			`\nFoyer did not start.\nWORKERS=${count} needs DATABASE_URL: the embedded store (the data folder) ` +
				'is one process by design, and its foyer.lock keeps a second one out. Start one process, ' +
				'or keep the data in PostgreSQL (docs/cluster.md).\n'
		);
		process.exit(1);
	}
	let stopping = false;
	let crashes = 0;

	/** Forks a worker; resolves with its banner lines once it listens, or null if it died first. */
	function fork() {
		const worker = cluster.fork();
		const startedAt = Date.now();
		const listening = new Promise((resolve) => {
			worker.on('message', (m) => {
				if (m?.type === 'foyer:listening') resolve(m.lines);
			});
			worker.once('exit', () => resolve(null));
		});
		worker.once('exit', (code, signal) => {
			if (stopping) return;
			crashes = Date.now() - startedAt > 60_000 ? 0 : crashes + 1;
			const wait = backoffMs(crashes);
			console.error(
				`Foyer worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another in ${wait / 1000} s.`
			);
			setTimeout(() => {
				if (stopping) return;
				void fork().then((lines) => {
					if (lines)
						console.log(`Foyer worker ${worker.process.pid} replaced; ${count} workers listening.`);
				});
			}, wait);
		});
		return listening;
	}

	async function stop(signal) {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} Foyer workers…`);
		const workers = Object.values(cluster.workers ?? {});
		await Promise.all(
			workers.map(
				(w) =>
					new Promise((resolve) => {
						if (!w || w.isDead()) return resolve(undefined);
						w.once('exit', resolve);
						w.process.kill('SIGTERM');
					})
			)
		);
		process.exit(0);
	}
	process.on('SIGTERM', () => void stop('SIGTERM'));
	process.on('SIGINT', () => void stop('SIGINT'));

	return (async () => {
		// The first alone: it applies migrations and seeds an empty database before the others look.
		const banner = await fork();
		if (!banner) {
			console.error('\nFoyer did not start: its first worker stopped before listening (above).\n');
			process.exit(1);
		}
		const rest = await Promise.all(Array.from({ length: count - 1 }, () => fork()));
		const up = 1 + rest.filter(Boolean).length;
		console.log(
			[
				...banner,
				`  Workers:  ${up} of ${count} processes listening (node:cluster, primary ${process.pid})`
			].join('\n')
		);
		// Workers and timers keep the primary alive; it exits from stop().
		await new Promise(() => {});
	})();
}
