import { describe, expect, it } from 'vitest';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { catalogs, translate } from './index';

function argumentsOf(elements: MessageFormatElement[]): string[] {
	return elements
		.filter((e) => e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.plural)
		.map((e) => ('value' in e ? String(e.value) : ''))
		.sort();
}

describe('translations', () => {
	it('English has every Chinese key and no other', () => {
		expect(Object.keys(catalogs.en).sort()).toEqual(Object.keys(catalogs['zh-CN']).sort());
	});
	it('every message parses and both languages use the same placeholders', () => {
		for (const [key, zh] of Object.entries(catalogs['zh-CN'])) {
			const en = catalogs.en[key as keyof typeof catalogs.en];
			expect(argumentsOf(parse(en)), key).toEqual(argumentsOf(parse(zh)));
		}
	});
	it('fills in values', () => {
		expect(translate('zh-CN', 'error.tooManyAttempts', { minutes: 15 })).toBe(
			'尝试次数过多，请 15 分钟后再试'
		);
		expect(translate('en', 'display.offline', { time: '14:05' })).toBe(
			'Offline · last updated 14:05'
		);
	});
	it('never shows a raw key for an unknown one', () => {
		// @ts-expect-error: a key the catalog lacks fails the build; this checks the run-time net.
		expect(translate('en', 'no.such.key')).toBe('This value is not valid');
	});
});
