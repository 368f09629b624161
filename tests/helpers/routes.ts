import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const routesDir = new URL('../../src/routes', import.meta.url).pathname;

/** A JSON (or other) endpoint: a `+server.ts` and the methods it exports. */
export interface Endpoint {
	path: string;
	methods: string[];
}

/** A page: its path, and the form actions its `+page.server.ts` exports (none for most). */
export interface Page {
	path: string;
	actions: string[];
}

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		return statSync(p).isDirectory() ? walk(p) : [p];
	});
}

/** `/w/[token]` → `/w/x`: a parameter any request could send (what exists is not the point). */
function urlPath(file: string): string {
	const dir = relative(routesDir, file).split(sep).slice(0, -1);
	return '/' + dir.map((d) => d.replace(/^\[.*\]$/, 'x')).join('/');
}

/** The names of `export const actions: Actions = { name: …, … }` (one level of indentation). */
function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	return [...source.slice(start).matchAll(/^\t(\w+):/gm)].map((m) => m[1]!);
}

/** Every route in src/routes, read from the files so a new one is fuzzed without a change here. */
export function routes(): { endpoints: Endpoint[]; pages: Page[] } {
	const files = walk(routesDir);
	const endpoints = files
		.filter((f) => f.endsWith('+server.ts'))
		.map((f) => ({
			path: urlPath(f),
			methods: [
				...readFileSync(f, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)
			].map((m) => m[1]!)
		}));
	const pageDirs = new Set(
		files.filter((f) => /\+page(\.server)?\.(ts|svelte)$/.test(f)).map((f) => urlPath(f))
	);
	const pages = [...pageDirs].sort().map((path) => {
		const server = files.find((f) => f.endsWith('+page.server.ts') && urlPath(f) === path);
		return { path, actions: server ? actionNames(readFileSync(server, 'utf8')) : [] };
	});
	return { endpoints, pages };
}
