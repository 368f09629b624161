import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { formatParts, parseMessage } from './format';
import { catalogs } from './index';

/** Every set of values worth trying for a message: each plural count, each select option. */
function valueSets(elements: MessageFormatElement[]): Record<string, string | number>[] {
	const choices = new Map<string, (string | number)[]>();
	const walk = (els: MessageFormatElement[]) => {
		for (const e of els) {
			if (e.type === TYPE.argument || e.type === TYPE.number) {
				if (!choices.has(e.value)) choices.set(e.value, ['X 1', 7]);
			} else if (e.type === TYPE.plural) {
				choices.set(e.value, [0, 1, 2, 5, 21, 1234]);
				for (const o of Object.values(e.options)) walk(o.value);
			} else if (e.type === TYPE.select) {
				choices.set(e.value, [...Object.keys(e.options), 'zzz']);
				for (const o of Object.values(e.options)) walk(o.value);
			}
		}
	};
	walk(elements);
	let sets: Record<string, string | number>[] = [{}];
	for (const [name, options] of choices)
		sets = sets.flatMap((s) => options.map((v) => ({ ...s, [name]: v })));
	return sets;
}

describe('the small ICU formatter', () => {
	it('says what intl-messageformat says, for every message of every catalog and each value', () => {
		let checked = 0;
		for (const locale of ['zh-CN', 'en'] as const) {
			for (const [key, message] of Object.entries(catalogs[locale])) {
				const reference = new IntlMessageFormat(message, locale);
				const parts = parseMessage(message);
				for (const values of valueSets(parse(message))) {
					expect(formatParts(parts, locale, values), `${locale} ${key}`).toBe(
						String(reference.format(values))
					);
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(1000);
	});
	it('keeps quoted braces and doubled apostrophes as intl-messageformat does', () => {
		for (const m of ["It''s {n, plural, one {# '{x}'} other {#'#'}}", "Today's '{literal}'"])
			for (const n of [1, 3])
				expect(formatParts(parseMessage(m), 'en', { n })).toBe(
					String(new IntlMessageFormat(m, 'en').format({ n }))
				);
	});
});
