/**
 * The Foyer build the benchmarks run, frozen for the length of the run.
 *
 * Other people rebuild build/ while they work, and adapter-node empties the folder first, so a
 * benchmark running straight from build/ can lose its server mid-run. We therefore (1) rebuild
 * when build/ is missing or older than the sources, (2) copy server.js + build/ into a temp
 * folder (node_modules symlinked so packages resolve as usual), and (3) bundle the
 * benchmark's TypeScript entry (bench/foyer-store.ts) into that folder with Vite in SSR mode,
 * like vite.foyer.config.ts builds the server side.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './proc.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = ['build/handler.js', 'build/foyer/main.js'];

/** Newest modification time (ms) of any file under `path`. */
function newest(/** @type {string} */ path) {
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	let t = 0;
	for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
	return t;
}

/** True when build/ is complete and no newer than the sources it is built from. */
export function buildIsFresh() {
	if (!BUILT.every((f) => existsSync(join(root, f)))) return false;
	const built = Math.min(...BUILT.map((f) => statSync(join(root, f)).mtimeMs));
	const sources = ['src', 'svelte.config.js', 'vite.config.ts', 'vite.foyer.config.ts'];
	return Math.max(...sources.map((p) => newest(join(root, p)))) <= built;
}

/**
 * Makes sure build/ is usable, then freezes a copy. Returns where the copy is and how it was made.
 * @param {{ build: boolean }} o build: false never runs `npm run build`
 */
export async function prepareApp({ build }) {
	let note = 'build/ was up to date';
	if (!buildIsFresh()) {
		if (!build) note = 'build/ is older than src/ (--no-build given): figures are for that build';
		else {
			console.error('bench: build/ is missing or stale; running npm run build …');
			const r = spawnSync('npm', ['run', 'build'], {
				cwd: root,
				stdio: ['ignore', 'ignore', 'inherit']
			});
			note =
				r.status === 0
					? 'rebuilt by the bench'
					: 'npm run build FAILED; figures are for the previous build';
		}
	}
	const dir = tempDir('app');
	cpSync(join(root, 'server.js'), join(dir, 'server.js'));
	// server.js's WORKERS launcher.
	cpSync(join(root, 'scripts', 'cluster.js'), join(dir, 'scripts', 'cluster.js'));
	cpSync(join(root, 'package.json'), join(dir, 'package.json'));
	cpSync(join(root, 'build'), join(dir, 'build'), { recursive: true });
	for (const f of BUILT)
		if (!existsSync(join(dir, f)))
			throw new Error(`no usable build: ${f} is missing (is someone building right now?)`);
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
	await buildStoreEntry(dir);
	return { dir, note };
}

/** Bundles bench/foyer-store.ts to `<dir>/bench/foyer-store.js`. Inline config: nothing else needs one. */
async function buildStoreEntry(/** @type {string} */ dir) {
	const { build } = await import('vite');
	await build({
		root,
		configFile: false,
		logLevel: 'warn',
		resolve: { alias: { $lib: join(root, 'src/lib') } },
		build: {
			ssr: join(root, 'bench/foyer-store.ts'),
			outDir: join(dir, 'bench'),
			emptyOutDir: true,
			target: 'node20',
			rollupOptions: { output: { entryFileNames: 'foyer-store.js' } }
		}
	});
}

/** The frozen app folder, as handed to a section by scripts/bench.js (FOYER_BENCH_APP). */
export function appDir() {
	return process.env.FOYER_BENCH_APP || root;
}

/** Loads the bundled store entry from the frozen app folder. */
export function loadStore() {
	return import(join(appDir(), 'bench/foyer-store.js'));
}
