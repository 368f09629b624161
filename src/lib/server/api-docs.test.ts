import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

/** Code that runs on the server and answers clients: services, domain rules, endpoints, hooks. */
function serverSources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return serverSources(path);
		if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name.endsWith('test-suite.ts')) {
			return [];
		}
		const answers =
			!path.startsWith(join('src', 'routes')) ||
			name === '+server.ts' ||
			name.endsWith('.server.ts');
		return answers ? [path] : [];
	});
}

it('docs/api.md lists every error key the server can answer with', () => {
	const files = [
		...serverSources(join('src', 'lib', 'server')),
		...serverSources(join('src', 'lib', 'domain')),
		...serverSources(join('src', 'routes')),
		join('src', 'hooks.server.ts')
	];
	const used = new Map<string, string>();
	for (const file of files) {
		for (const m of readFileSync(file, 'utf8').matchAll(/['"`](error\.[A-Za-z0-9_.]+)['"`]/g)) {
			if (!used.has(m[1]!)) used.set(m[1]!, file);
		}
	}
	expect(used.size).toBeGreaterThan(100);
	const doc = readFileSync(join('docs', 'api.md'), 'utf8');
	const missing = [...used].filter(([key]) => !doc.includes(`\`${key}\``));
	expect(missing.map(([key, file]) => `${key} (${file})`)).toEqual([]);
});
