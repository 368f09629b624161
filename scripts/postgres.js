// A private, throw-away PostgreSQL for `npm test` (and the store benchmark): Debian's server
// binaries, a cluster in a temp folder, a loopback port and a unix socket in that folder,
// stopped and removed when the calling process exits, however it exits.
//
//   node scripts/postgres.js      starts one and prints its URL until Ctrl-C (for working by hand)
import { spawnSync } from 'node:child_process';
import {
	chownSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * The `bin` folder of PG_BIN when set, else of the newest Debian PostgreSQL, if it has initdb,
 * postgres and pg_ctl; null otherwise. `debianOnly`: after installing Debian's package.
 */
export function findPostgresBin(debianOnly = false) {
	const complete = (bin) => ['initdb', 'postgres', 'pg_ctl'].every((b) => existsSync(join(bin, b)));
	// PG_BIN: another installation (or, to try the fallbacks, a folder without one).
	if (process.env.PG_BIN && !debianOnly)
		return complete(process.env.PG_BIN) ? process.env.PG_BIN : null;
	if (!existsSync(DEBIAN_ROOT)) return null;
	const versions = readdirSync(DEBIAN_ROOT)
		.filter((v) => /^\d+$/.test(v))
		.sort((a, b) => Number(b) - Number(a));
	return versions.map((v) => join(DEBIAN_ROOT, v, 'bin')).find(complete) ?? null;
}

/**
 * Stops and removes private clusters left in the temp folder by processes that no longer run:
 * those killed before their exit handler could stop them. A cluster whose owner runs is left.
 * @param {string} bin
 * @param {string[]} user the command prefix that runs a server binary as the cluster's owner
 * @param {(line: string) => void} log
 */
function removeAbandoned(bin, user, log) {
	for (const name of readdirSync(tmpdir())) {
		if (!name.startsWith('foyer-pg-')) continue;
		const dir = join(tmpdir(), name);
		let owner;
		try {
			owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
			process.kill(owner, 0);
			continue; // its owner runs
		} catch (e) {
			if (!owner || /** @type {NodeJS.ErrnoException} */ (e).code !== 'ESRCH') continue;
		}
		const [cmd, ...pre] = [...user, join(bin, 'pg_ctl')];
		spawnSync(cmd, [...pre, 'stop', '-D', join(dir, 'data'), '-m', 'immediate', '-s']);
		try {
			rmSync(dir, { recursive: true, force: true });
			log(`Removed a private PostgreSQL left behind by process ${owner} (${dir}).`);
		} catch {
			/* another user's: theirs to remove */
		}
	}
}

/** A free loopback port (the kernel's pick; released just before PostgreSQL takes it). */
function freePort() {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
			s.close(() => resolve(port));
		});
	});
}

/**
 * Starts a private PostgreSQL, installing Debian's package first when its binaries are missing
 * and we are root (apt-get only then: with the binaries there, set-up is initdb + start).
 * PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` system
 * user the package creates, and every server command runs through `runuser -u postgres --`.
 *
 * Resolves with { url, dir, stop } — `url` connects as the superuser `foyer` to the database
 * `postgres` — or with null (and one line saying why) when there is no PostgreSQL and no way to
 * install it. The cluster is stopped and its folder removed on exit, SIGINT and SIGTERM.
 *
 * @param {{ durable?: boolean, log?: (line: string) => void }} [o] durable: keep fsync on
 *   (benchmarks); tests turn it off, since a test database never has to survive a power cut.
 * @returns {Promise<{ url: string, dir: string, stop: () => void } | null>}
 */
export async function startPrivatePostgres(o = {}) {
	const log = o.log ?? ((line) => console.log(line));
	const root = process.getuid?.() === 0;
	let bin = findPostgresBin();
	if (!bin && root) {
		log('PostgreSQL is not installed: installing Debian postgresql (once)…');
		const r = spawnSync(
			'sh',
			[
				'-c',
				'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null'
			],
			{ stdio: 'inherit' }
		);
		if (r.status !== 0) throw new Error('apt-get install postgresql failed');
		bin = findPostgresBin(true);
		if (!bin)
			throw new Error(`postgresql was installed but no server binaries are in ${DEBIAN_ROOT}`);
	}
	if (!bin) {
		log(
			'PostgreSQL is not installed and this is not root: the PostgreSQL tests are skipped ' +
				'(install Debian postgresql, or set TEST_DATABASE_URL).'
		);
		return null;
	}

	const user = root ? ['runuser', '-u', 'postgres', '--'] : [];
	removeAbandoned(bin, user, log);
	const dir = mkdtempSync(join(tmpdir(), 'foyer-pg-'));
	const data = join(dir, 'data');
	// Whose cluster this is, so that a later start can clear it away if this process is killed
	// before it could stop it (SIGKILL, a CI timeout).
	writeFileSync(join(dir, 'owner.pid'), String(process.pid));
	if (root) {
		const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout);
		chownSync(dir, id('-u'), id('-g'));
	}
	/** Runs a server binary as the cluster's owner; throws with its output when it fails. */
	const pg = (name, args) => {
		const [cmd, ...pre] = [...user, join(bin, name)];
		const r = spawnSync(cmd, [...pre, ...args], { encoding: 'utf8' });
		if (r.status !== 0) {
			throw new Error(`${name} failed (${r.status}): ${r.stderr || r.stdout || r.error}`);
		}
	};

	let running = false;
	const stop = () => {
		process.off('exit', stop);
		if (running) {
			running = false;
			try {
				pg('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-s']);
			} catch (e) {
				console.error(`Stopping the private PostgreSQL: ${e}`);
			}
		}
		rmSync(dir, { recursive: true, force: true });
	};
	process.on('exit', stop);
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			stop();
			process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
		});
	}

	try {
		// trust on loopback and the private socket: nobody else can reach either.
		pg('initdb', ['-D', data, '-U', 'foyer', '-A', 'trust', '-E', 'UTF8', '--locale=C', '-N']);
		const port = await freePort();
		const settings = [
			`-p ${port}`,
			`-k ${dir}`,
			'-c listen_addresses=127.0.0.1',
			'-c max_connections=200',
			...(o.durable ? [] : ['-c fsync=off', '-c full_page_writes=off'])
		].join(' ');
		// -w: pg_ctl returns once the server accepts connections.
		pg('pg_ctl', [
			'start',
			'-D',
			data,
			'-w',
			'-s',
			'-l',
			join(dir, 'postgres.log'),
			'-o',
			settings
		]);
		running = true;
		return { url: `postgres://foyer@127.0.0.1:${port}/postgres`, dir, stop };
	} catch (e) {
		stop();
		throw e;
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const started = Date.now();
	const pg = await startPrivatePostgres({ durable: process.argv.includes('--durable') });
	if (pg) {
		console.log(`Private PostgreSQL ready in ${Date.now() - started} ms: ${pg.url}`);
		console.log('Ctrl-C stops it and removes its folder.');
		setInterval(() => {}, 1 << 30);
	}
}
