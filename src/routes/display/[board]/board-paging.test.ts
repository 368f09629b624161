import { describe, expect, it } from 'vitest';
import type { BoardSla } from '$lib/domain/work-order-board';
import { translator } from '$lib/i18n';
import {
	ageText,
	clockDuration,
	doneWell,
	pageAt,
	rowsThatFit,
	slaLook,
	slaText,
	spokenDuration
} from './board-paging';

const zh = translator('zh-CN');
const en = translator('en');
const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

/** Due at 12:00, amber from 11:36 (80% of a 2-hour target from 10:00). */
const running: BoardSla = {
	phase: 'resolution',
	state: 'ok',
	dueSoonAt: '2026-05-12T11:36:00.000Z',
	dueAt: '2026-05-12T12:00:00.000Z',
	paused: false
};

describe('slaLook', () => {
	it('turns amber and then red on the screen as the time passes, without a push', () => {
		expect(slaLook(running, at('2026-05-12T11:35:59Z'))).toBe('ok');
		expect(slaLook(running, at('2026-05-12T11:36:00Z'))).toBe('dueSoon');
		expect(slaLook(running, at('2026-05-12T11:59:59Z'))).toBe('dueSoon');
		expect(slaLook(running, at('2026-05-12T12:00:00Z'))).toBe('overdue');
	});
	it("never goes back from the server's state when the screen's clock runs behind", () => {
		expect(slaLook({ ...running, state: 'overdue' }, at('2026-05-12T10:00:00Z'))).toBe('overdue');
		expect(slaLook({ ...running, state: 'dueSoon' }, at('2026-05-12T10:00:00Z'))).toBe('dueSoon');
	});
	it('shows a paused clock and a finished order as such, whatever the time', () => {
		const paused = { ...running, paused: true, dueSoonAt: null, dueAt: null };
		expect(slaLook(paused, at('2026-05-13T00:00:00Z'))).toBe('paused');
		const done = { ...running, phase: 'done' as const, dueSoonAt: null, dueAt: null };
		expect(slaLook(done, at('2026-05-13T00:00:00Z'))).toBe('done');
	});
});

describe('slaText', () => {
	it('counts down the time left in hours, minutes and seconds', () => {
		expect(slaText(running, at('2026-05-12T10:15:00Z'), zh)).toBe('剩 1:45:00');
		expect(slaText(running, at('2026-05-12T11:59:30.5Z'), zh)).toBe('剩 0:00:30');
		expect(slaText(running, at('2026-05-12T10:15:00Z'), en)).toBe('1:45:00 left');
	});
	it('names the days when more than one is left', () => {
		expect(slaText(running, at('2026-05-10T09:00:00Z'), zh)).toBe('剩 2 天 3:00:00');
	});
	it('says how long it is overdue, at least a minute', () => {
		expect(slaText(running, at('2026-05-12T12:00:00Z'), zh)).toBe('超时 1 分');
		expect(slaText(running, at('2026-05-12T12:12:40Z'), zh)).toBe('超时 12 分');
		expect(slaText(running, at('2026-05-12T14:05:00Z'), zh)).toBe('超时 2 小时 5 分');
		expect(slaText(running, at('2026-05-12T12:12:40Z'), en)).toBe('12 min overdue');
	});
	it('says the clock is paused while on hold, and nothing when done', () => {
		const paused = { ...running, paused: true, dueSoonAt: null, dueAt: null };
		expect(slaText(paused, at('2026-05-12T10:00:00Z'), zh)).toBe('计时暂停');
		const done = { ...running, phase: 'done' as const, dueSoonAt: null, dueAt: null };
		expect(slaText(done, at('2026-05-12T10:00:00Z'), zh)).toBeNull();
	});
});

describe('durations and ages', () => {
	it('formats a countdown with whole seconds rounded up', () => {
		expect(clockDuration(0)).toBe('0:00:00');
		expect(clockDuration(1)).toBe('0:00:01');
		expect(clockDuration(105 * MIN)).toBe('1:45:00');
		expect(clockDuration(-5)).toBe('0:00:00');
	});
	it('speaks the two largest units', () => {
		expect(spokenDuration(12 * MIN, zh)).toBe('12 分');
		expect(spokenDuration(125 * MIN, zh)).toBe('2 小时 5 分');
		expect(spokenDuration((3 * 24 + 4) * 60 * MIN + 30 * MIN, zh)).toBe('3 天 4 小时');
		expect(spokenDuration(125 * MIN, en)).toBe('2 h 5 min');
	});
	it('gives an order reported under a minute ago as just now', () => {
		const now = at('2026-05-12T10:00:30Z');
		expect(ageText('2026-05-12T10:00:00Z', now, zh)).toBe('刚刚');
		expect(ageText('2026-05-12T09:48:00Z', now, zh)).toBe('12 分');
	});
	it('ticks only orders that were finished, not rejected or cancelled', () => {
		expect(doneWell('resolved')).toBe(true);
		expect(doneWell('closed')).toBe(true);
		expect(doneWell('cancelled')).toBe(false);
		expect(doneWell('rejected')).toBe(false);
	});
});

describe('paging', () => {
	it('fits whole rows with the gaps between them, never none', () => {
		expect(rowsThatFit({ height: 500, row: 70, gap: 10 })).toBe(6);
		expect(rowsThatFit({ height: 470, row: 70, gap: 10 })).toBe(6);
		expect(rowsThatFit({ height: 469, row: 70, gap: 10 })).toBe(5);
		expect(rowsThatFit({ height: 0, row: 70 })).toBe(1);
		expect(rowsThatFit({ height: 500, row: 0 })).toBe(1);
	});
	it('splits 17 rows of 7 into 3 pages and turns one every 10 s', () => {
		const page = (now: number) => pageAt({ rows: 17, perPage: 7, now });
		expect(page(0)).toEqual({ index: 0, count: 3, start: 0, end: 7 });
		expect(page(9_999).index).toBe(0);
		expect(page(10_000)).toEqual({ index: 1, count: 3, start: 7, end: 14 });
		expect(page(20_000)).toEqual({ index: 2, count: 3, start: 14, end: 17 });
		expect(page(30_000).index).toBe(0);
	});
	it('shows one page when everything fits, and one empty page for no rows', () => {
		expect(pageAt({ rows: 7, perPage: 7, now: 123_456 })).toEqual({
			index: 0,
			count: 1,
			start: 0,
			end: 7
		});
		expect(pageAt({ rows: 0, perPage: 7, now: 55_000 })).toEqual({
			index: 0,
			count: 1,
			start: 0,
			end: 0
		});
	});
	it('stays on a valid page when a push shortens the list', () => {
		const before = pageAt({ rows: 30, perPage: 7, now: 40_000 });
		expect(before.index).toBe(4);
		const after = pageAt({ rows: 8, perPage: 7, now: 40_000 });
		expect(after.index).toBeLessThan(after.count);
		expect(after.start).toBeLessThan(8);
	});
});
