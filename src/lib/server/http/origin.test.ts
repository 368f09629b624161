import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, readCookie } from './origin';

describe('isAllowedOrigin', () => {
	it('accepts the host the request was sent to and nothing else', () => {
		expect(isAllowedOrigin('http://desk.local:3000', { host: 'desk.local:3000' })).toBe(true);
		expect(isAllowedOrigin('http://evil.example', { host: 'desk.local:3000' })).toBe(false);
		expect(isAllowedOrigin(undefined, { host: 'desk.local:3000' })).toBe(false);
	});
	it('uses ORIGIN when it is configured (behind a proxy)', () => {
		const expected = 'https://foyer.example.cn/';
		expect(isAllowedOrigin('https://foyer.example.cn', { host: '127.0.0.1', expected })).toBe(true);
		expect(isAllowedOrigin('http://127.0.0.1', { host: '127.0.0.1', expected })).toBe(false);
	});
});

describe('readCookie', () => {
	it('finds one cookie among several', () => {
		expect(readCookie('a=1; foyer_session=abc%2Bd; b=2', 'foyer_session')).toBe('abc+d');
		expect(readCookie('a=1', 'foyer_session')).toBeUndefined();
	});
});
