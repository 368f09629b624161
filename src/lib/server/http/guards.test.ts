import { describe, expect, it } from 'vitest';
import { jsonDepth } from './body';
import { actionName, isForbiddenActionName, parseBytes } from './guards';
import { numeric } from '$lib/domain/numbers';

describe('request guards', () => {
	it('refuse the action names SvelteKit would find on Object.prototype', () => {
		for (const name of ['constructor', '__proto__', 'hasOwnProperty', 'toString', 'default']) {
			expect(isForbiddenActionName(name)).toBe(true);
		}
		expect(isForbiddenActionName('publish')).toBe(false);
		expect(actionName(new URL('http://x/desk/notices?lang=en&/__proto__'))).toBe('__proto__');
		expect(actionName(new URL('http://x/desk/notices?lang=en'))).toBeNull();
	});

	it('read BODY_SIZE_LIMIT as adapter-node does', () => {
		expect(parseBytes('16M')).toBe(16 * 1024 * 1024);
		expect(parseBytes('512K')).toBe(512 * 1024);
		expect(parseBytes('1000')).toBe(1000);
		expect(parseBytes(undefined)).toBe(Infinity);
	});

	it('count JSON nesting without parsing, ignoring brackets in strings', () => {
		expect(jsonDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
		expect(jsonDepth('"\\"[["')).toBe(0);
		expect(jsonDepth('['.repeat(100) + ']'.repeat(100))).toBe(100);
	});

	it('take a number or its digits, never a coerced boolean or array', () => {
		const n = numeric();
		expect(n.parse(30)).toBe(30);
		expect(n.parse(' 30 ')).toBe(30);
		for (const bad of [true, [30], [], {}, '', 'x', null])
			expect(n.safeParse(bad).success).toBe(false);
	});
});
