import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout is the architecture (docs/architecture.md): these checks keep it so. They read
 * the import statements of every module under src/lib, type-only ones included.
 */
const LIB = resolve(import.meta.dirname);
const SERVER = join(LIB, 'server');
const FEATURES = [
	'audit',
	'company',
	'devices',
	'exports',
	'reports',
	'fees',
	'notices',
	'overview',
	'queue',
	'rooms',
	'satisfaction',
	'setup',
	'site',
	'staff',
	'work-orders'
];
/** Infrastructure: technology and no feature rules. */
const INFRASTRUCTURE = [
	'store',
	'printing',
	'payments',
	'realtime',
	'http',
	'backup',
	'cluster',
	'ops',
	'sites'
];
/**
 * Infrastructure that never reaches into a feature at all. (realtime turns features' events
 * into pushes and http knows the signed-in session, so both know features' types.)
 */
const FEATURE_FREE = ['store', 'printing', 'payments', 'ops', 'sites'];

function modules(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return modules(path);
		return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
	});
}

const IMPORT =
	/(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The modules under src/lib that `file` imports. */
function importsOf(file: string, known: Set<string>): string[] {
	const out: string[] = [];
	for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
		const spec = m[1] ?? m[2] ?? '';
		const base = spec.startsWith('$lib/')
			? join(LIB, spec.slice(5))
			: spec.startsWith('.')
				? resolve(dirname(file), spec)
				: null;
		if (!base) continue;
		const target = [base, `${base}.ts`, join(base, 'index.ts')].find((c) => known.has(c));
		if (target) out.push(target);
	}
	return out;
}

const files = modules(LIB);
const known = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f, known)]));
const name = (f: string) => relative(LIB, f);

/** Every import cycle, as the modules on it (Tarjan's strongly connected components). */
function cycles(): string[][] {
	let index = 0;
	const stack: string[] = [];
	const state = new Map<string, { index: number; low: number; onStack: boolean }>();
	const found: string[][] = [];
	const visit = (v: string) => {
		const s = { index, low: index, onStack: true };
		index++;
		state.set(v, s);
		stack.push(v);
		for (const w of graph.get(v) ?? []) {
			const t = state.get(w);
			if (!t) {
				visit(w);
				s.low = Math.min(s.low, state.get(w)!.low);
			} else if (t.onStack) s.low = Math.min(s.low, t.index);
		}
		if (s.low === s.index) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				state.get(w)!.onStack = false;
				component.push(name(w));
			} while (w !== v);
			const selfLoop = graph.get(v)?.includes(v);
			if (component.length > 1 || selfLoop) found.push(component.sort());
		}
	};
	for (const f of files) if (!state.has(f)) visit(f);
	return found;
}

describe('the code layout', () => {
	it('has no import cycles, type-only imports included', () => {
		expect(cycles()).toEqual([]);
	});

	it('keeps the domain pure: it imports nothing from the server or from Node', () => {
		const offending = files
			.filter((f) => f.startsWith(join(LIB, 'domain')))
			.flatMap((f) => {
				const text = readFileSync(f, 'utf8');
				const bad = [...text.matchAll(IMPORT)]
					.map((m) => m[1] ?? m[2] ?? '')
					.filter((s) => s.startsWith('node:') || s.includes('/server/') || s.startsWith('$app'));
				return bad.map((s) => `${name(f)} → ${s}`);
			});
		expect(offending).toEqual([]);
	});

	it('keeps store, printing and payments apart from the features', () => {
		const offending = files
			.filter((f) => FEATURE_FREE.some((d) => f.startsWith(join(SERVER, d) + '/')))
			.flatMap((f) =>
				(graph.get(f) ?? [])
					.filter((t) => FEATURES.some((d) => t.startsWith(join(SERVER, d) + '/')))
					// The audit log is the one feature every part records into.
					.filter((t) => !t.startsWith(join(SERVER, 'audit') + '/'))
					.map((t) => `${name(f)} → ${name(t)}`)
			);
		expect(offending).toEqual([]);
	});

	it('has a folder for every feature and nothing left in the old layer folders', () => {
		const folders = readdirSync(SERVER).filter((n) => statSync(join(SERVER, n)).isDirectory());
		expect(folders.sort()).toEqual([...FEATURES, ...INFRASTRUCTURE].sort());
	});
});
