import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from './index';

/** Every source file that may ask for a translation. */
function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
	});
}

describe('translation keys in the code', () => {
	it('every literal key passed to t() or translate() exists in the catalog', () => {
		// t('a.b'), translate(locale, 'a.b'), i18n.t('a.b'), and i18n keys in schema messages.
		const call = /\b(?:t|translate\([^,()]+,)\s*\(?\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g;
		const message = /(?:error|message):\s*'(error\.[\w.]+)'|[(,]\s*'(error\.[\w.]+)'\s*[),]/g;
		const missing = new Set<string>();
		for (const file of sources('src')) {
			const text = readFileSync(file, 'utf8');
			for (const re of [call, message]) {
				for (const m of text.matchAll(re)) {
					const key = m[1] ?? m[2];
					if (key && !(key in catalogs['zh-CN'])) missing.add(`${key} (${file})`);
				}
			}
		}
		expect([...missing]).toEqual([]);
	});
});
