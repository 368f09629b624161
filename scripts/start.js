// `npm start`: build only when the build is missing or older than the sources, then run
// server.js in this same process (so SIGTERM/SIGINT reach it directly).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outputs = ['build/handler.js', 'build/foyer/main.js', 'build/foyer/migrate.js'].map((f) =>
	join(root, f)
);
const inputs = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'vite.foyer.config.ts',
	'package-lock.json'
];

/** Newest modification time below a path. */
function newest(path) {
	if (!existsSync(path)) return 0;
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	let t = s.mtimeMs;
	for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
	return t;
}

export function buildIsStale() {
	if (!outputs.every((f) => existsSync(f))) return true;
	const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
	return inputs.some((i) => newest(join(root, i)) > built);
}

export function buildIfStale() {
	if (!buildIsStale()) return;
	console.log('Building Foyer (sources changed since the last build)…');
	const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	buildIfStale();
	await import(join(root, 'server.js'));
}
