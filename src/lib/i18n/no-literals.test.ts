import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

/** The screens' code: pages and components (the message catalogs live elsewhere). */
function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return /\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
	});
}

/**
 * The code as it runs: without comments, and without the regular expressions that read what a
 * person typed (a time range typed as 9:00至12:00 is parsed, never shown).
 */
function code(text: string): string {
	return text
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
		.replace(/\/\^?(?:\\.|\[[^\]\n]*\]|[^/\n[\\])+\/[dgimsuy]*(?=\.(?:exec|test)\()/g, '')
		.replace(
			/(\.(?:split|replace)\(\s*)(?:'[^'\n]*'|\/(?:\\.|\[[^\]\n]*\]|[^/\n[\\])+\/[dgimsuy]*)/g,
			'$1'
		);
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;

it('no Chinese is hard-coded in pages or components: every word read goes through i18n', () => {
	const found: string[] = [];
	for (const file of [...sources('src/routes'), ...sources('src/lib/components')]) {
		code(readFileSync(file, 'utf8'))
			.split('\n')
			.forEach((line, i) => {
				if (HAN.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
			});
	}
	expect(found).toEqual([]);
});

it('the check finds Chinese in markup and in script, and not in comments or input parsing', () => {
	const text = [
		'<p>请取号</p>',
		'<!-- 注释 -->',
		"const label = '元';",
		'// 说明',
		'const m = /^(\\S+?)\\s*[-–至]\\s*(\\S+)$/.exec(item);',
		"const parts = s.replace('：', ':').split(/[,，;；、]+/);"
	].join('\n');
	const left = code(text)
		.split('\n')
		.filter((l) => HAN.test(l));
	expect(left).toEqual(['<p>请取号</p>', "const label = '元';"]);
});
