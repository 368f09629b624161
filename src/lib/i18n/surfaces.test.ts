import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskCatalog } from './surfaces/kiosk';

/** Keys a source file asks for: t('a.b'), translate(locale, 'a.b'), error keys in schemas. */
const call = /\b(?:t|translate\([^,()]+,)\s*\(?\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g;
const message = /(?:error|message):\s*'(error\.[\w.]+)'|[(,]\s*'(error\.[\w.]+)'\s*[),]/g;
/** Imports that run in the browser (not `import type`). */
const imports = /^\s*import\s+(?!type\b)(?:[^'"]*?\s+from\s+)?'([^']+)'/gm;
/** Screens loaded on demand (`import('./X.svelte')`) are the surface's code too. */
const dynamicImports = /\bimport\(\s*'([^']+)'\s*\)/g;

function resolveImport(from: string, spec: string): string | undefined {
	let base: string;
	if (spec.startsWith('$lib/')) base = join('src/lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return undefined;
	for (const path of [base, `${base}.ts`, `${base}/index.ts`])
		if (existsSync(path) && !path.endsWith('/') && /\.(ts|svelte)$/.test(path)) return path;
	return undefined;
}

/** Every key used by the code an entry file loads in the browser, following its imports. */
function keysUsedFrom(entry: string): Map<string, string> {
	const keys = new Map<string, string>();
	const seen = new Set<string>();
	const queue = [entry];
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file) || file.includes('/i18n/')) continue;
		seen.add(file);
		const text = readFileSync(file, 'utf8');
		for (const re of [call, message])
			for (const m of text.matchAll(re)) {
				const key = m[1] ?? m[2];
				if (key) keys.set(key, file);
			}
		for (const m of [...text.matchAll(imports), ...text.matchAll(dynamicImports)]) {
			const next = m[1] ? resolveImport(file, m[1]) : undefined;
			if (next) queue.push(next);
		}
	}
	return keys;
}

describe('per-surface catalogs', () => {
	const surfaces = { kiosk: { entry: 'src/routes/kiosk/+page.svelte', load: kioskCatalog } };
	for (const [name, { entry, load }] of Object.entries(surfaces)) {
		it(`${name}: every key its code uses is in its catalog`, async () => {
			const catalog = await load();
			const missing = [...keysUsedFrom(entry)]
				.filter(([key]) => !(key in catalog['zh-CN']))
				.map(([key, file]) => `${key} (${file})`);
			expect(missing).toEqual([]);
		});
		it(`${name}: Chinese and English hold the same keys`, async () => {
			const catalog = await load();
			expect(Object.keys(catalog.en).sort()).toEqual(Object.keys(catalog['zh-CN']).sort());
			expect(Object.keys(catalog['zh-CN']).length).toBeGreaterThan(0);
		});
	}
});
