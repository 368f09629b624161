import { describe, expect, it } from 'vitest';
import type { PublicMeeting, PublicRoom } from '$lib/domain/rooms-board';
import { translator } from '$lib/i18n';
import {
	STATE_COLOURS,
	STATE_ORDER,
	checkInOpen,
	featured,
	freeText,
	laterToday,
	panelButtons,
	rangeText,
	stateLook,
	titleText,
	upcoming,
	whenText,
	type TimeFormat
} from './room-view';

const zh = translator('zh-CN');
const en = translator('en');
const at = (iso: string) => Date.parse(iso);
const timeZone = 'Asia/Shanghai';
/** 10:00 in Shanghai on 12 May 2026. */
const TEN = '2026-05-12T02:00:00.000Z';
const fmt = (now: string, locale: TimeFormat['locale'] = 'zh-CN'): TimeFormat => ({
	now: at(now),
	timeZone,
	locale
});

function meeting(id: string, start: string, end: string, extra: Partial<PublicMeeting> = {}) {
	return {
		id,
		title: `会议 ${id}`,
		organization: '物业公司',
		welcome: '',
		start,
		end,
		attendees: 12,
		checkedIn: 0,
		started: false,
		vip: false,
		...extra
	} satisfies PublicMeeting;
}

function room(extra: Partial<PublicRoom> = {}): PublicRoom {
	return {
		id: 'room-1',
		name: '一号会议室',
		floor: '3',
		capacity: 20,
		state: 'free',
		current: null,
		next: null,
		freeUntil: null,
		later: [],
		justEnded: null,
		checkInOpenMin: 30,
		noShowMin: 15,
		...extra
	};
}

// 10:00–11:00 and 14:00–15:00 Shanghai time.
const morning = meeting('a', TEN, '2026-05-12T03:00:00.000Z');
const afternoon = meeting('b', '2026-05-12T06:00:00.000Z', '2026-05-12T07:00:00.000Z');

describe('stateLook', () => {
	it('gives every state its own colour and a word to show beside it', () => {
		expect(new Set(Object.values(STATE_COLOURS)).size).toBe(STATE_ORDER.length);
		for (const s of STATE_ORDER) expect(zh(stateLook(s).word)).not.toBe(zh('error.invalid'));
		expect(zh(stateLook('inUse').word)).toBe('使用中');
		// Guests are not told about the staff's AV check: the room is being set up.
		expect(en(stateLook('avCheckDue').word)).toBe('Setting up');
	});
});

describe('checkInOpen', () => {
	it('opens 30 minutes before the start and closes at the end', () => {
		expect(checkInOpen(morning, at('2026-05-12T01:29:59Z'))).toBe(false);
		expect(checkInOpen(morning, at('2026-05-12T01:30:00Z'))).toBe(true);
		expect(checkInOpen(morning, at('2026-05-12T02:59:59Z'))).toBe(true);
		expect(checkInOpen(morning, at('2026-05-12T03:00:00Z'))).toBe(false);
	});
});

describe('times', () => {
	it("prints the site's local time, with the day only when it is not today", () => {
		expect(whenText(afternoon.start, fmt(TEN), zh)).toBe('14:00');
		expect(rangeText(afternoon, fmt(TEN), zh)).toBe('14:00–15:00');
		const tomorrow = meeting('c', '2026-05-13T01:00:00.000Z', '2026-05-13T02:00:00.000Z');
		expect(whenText(tomorrow.start, fmt(TEN), zh)).toBe('5月13日 09:00');
		expect(whenText(tomorrow.start, fmt(TEN, 'en'), en)).toBe('May 13 09:00');
	});
	it('names a private meeting without its title', () => {
		expect(titleText({ title: null }, zh)).toBe('私人会议');
		expect(titleText({ title: null }, en)).toBe('Private meeting');
		expect(titleText({ title: '季度评审' }, zh)).toBe('季度评审');
	});
});

describe('freeText', () => {
	it('says until when a free room is free, or that it is free for the day', () => {
		const free = room({
			next: afternoon,
			freeUntil: '2026-05-12T05:45:00.000Z',
			later: [afternoon]
		});
		expect(freeText(free, fmt(TEN), zh)).toBe('空闲至 13:45');
		expect(freeText(free, fmt(TEN, 'en'), en)).toBe('Free until 13:45');
		expect(freeText(room(), fmt(TEN), zh)).toBe('今日空闲');
		// The next booking is tomorrow: free for the rest of today.
		expect(freeText(room({ freeUntil: '2026-05-13T00:45:00.000Z' }), fmt(TEN), zh)).toBe(
			'今日空闲'
		);
	});
	it('says nothing for a room that is not free', () => {
		expect(freeText(room({ state: 'inUse', current: morning }), fmt(TEN), zh)).toBeNull();
		expect(freeText(room({ state: 'settingUp' }), fmt(TEN), zh)).toBeNull();
	});
});

describe('featured and upcoming', () => {
	it('shows the running meeting, then the one after it', () => {
		const r = room({ state: 'inUse', current: morning, next: afternoon, later: [afternoon] });
		expect(featured(r, at(TEN))?.id).toBe('a');
		expect(upcoming(r, morning)?.id).toBe('b');
	});
	it('brings the next meeting forward once it is about to start', () => {
		const r = room({ state: 'startingSoon', next: morning, later: [morning, afternoon] });
		expect(featured(r, at('2026-05-12T01:40:00Z'))?.id).toBe('a');
		expect(upcoming(r, morning)?.id).toBe('b');
		expect(laterToday(r, morning).map((m) => m.id)).toEqual(['b']);
	});
	it('keeps a later meeting in the "next" line while the room is free', () => {
		const r = room({ next: afternoon, freeUntil: '2026-05-12T05:45:00.000Z', later: [afternoon] });
		expect(featured(r, at(TEN))).toBeNull();
		expect(upcoming(r, null)?.id).toBe('b');
		expect(upcoming(room(), null)).toBeNull();
	});
});

describe('panelButtons', () => {
	it('offers book-now lengths that end before the next booking needs the room', () => {
		const free = room({ next: afternoon, freeUntil: '2026-05-12T05:45:00.000Z' });
		expect(panelButtons(free, at(TEN)).bookNow).toEqual([15, 30, 60]);
		expect(panelButtons(free, at('2026-05-12T05:10:00Z')).bookNow).toEqual([15, 30]);
		expect(panelButtons(free, at('2026-05-12T05:40:00Z')).bookNow).toEqual([]);
		expect(panelButtons(room(), at(TEN))).toEqual({
			bookNow: [15, 30, 60],
			extend: [],
			endEarly: false,
			start: null
		});
	});
	it('offers extend and end early while a meeting runs', () => {
		const running = room({ state: 'inUse', current: { ...morning, checkedIn: 3 } });
		expect(panelButtons(running, at('2026-05-12T02:05:00Z'))).toEqual({
			bookNow: [],
			extend: [15, 30],
			endEarly: true,
			start: null
		});
	});
	it('offers "start meeting" in the check-in window and to a running meeting nobody claimed', () => {
		const soon = room({ state: 'startingSoon', next: morning });
		expect(panelButtons(soon, at('2026-05-12T01:29:00Z')).start).toBeNull();
		expect(panelButtons(soon, at('2026-05-12T01:31:00Z')).start?.id).toBe('a');
		expect(panelButtons(soon, at('2026-05-12T01:31:00Z')).bookNow).toEqual([]);
		const unclaimed = room({ state: 'inUse', current: morning });
		expect(panelButtons(unclaimed, at('2026-05-12T02:10:00Z')).start?.id).toBe('a');
		// Past the no-show delay it was either started or released: no button.
		expect(panelButtons(unclaimed, at('2026-05-12T02:15:00Z')).start).toBeNull();
		// Started by its host already: nothing to start.
		const started = room({ state: 'inUse', current: { ...morning, started: true } });
		expect(panelButtons(started, at('2026-05-12T02:10:00Z')).start).toBeNull();
		// The site's own timings, not the defaults: check-in opens 10 minutes before here.
		const strict = room({ state: 'startingSoon', next: morning, checkInOpenMin: 10 });
		expect(panelButtons(strict, at('2026-05-12T01:31:00Z')).start).toBeNull();
		expect(panelButtons(strict, at('2026-05-12T01:51:00Z')).start?.id).toBe('a');
	});
	it('shows no book-now while the room is being set up or starting soon', () => {
		expect(panelButtons(room({ state: 'settingUp' }), at(TEN)).bookNow).toEqual([]);
		expect(panelButtons(room({ state: 'avCheckDue', next: afternoon }), at(TEN)).bookNow).toEqual(
			[]
		);
	});
});
