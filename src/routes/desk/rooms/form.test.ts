import { describe, expect, it } from 'vitest';
import { bookingInputSchema, type Booking } from '$lib/domain/booking';
import { avItemsFromForm, bookingFromForm, fieldsOf, newFields } from './form';

const formOf = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};

const filled: [string, string][] = [
	['roomId', 'room-1'],
	['title', ' 季度会 '],
	['private', 'on'],
	['host', '王经理'],
	['organization', '物业公司'],
	['date', '2026-03-10'],
	['start', '14:00'],
	['end', '15:30'],
	['setupMin', '30'],
	['teardownMin', '10'],
	['attendees', '12'],
	['layout', 'boardroom'],
	['services', 'tea'],
	['services', 'fruit'],
	['av', 'projector'],
	['banner', '欢迎'],
	['welcome', '']
];

describe('the booking form', () => {
	it('turns the site-local day and times into instants the service accepts', () => {
		const input = bookingInputSchema.parse(bookingFromForm(formOf(filled), 'Asia/Shanghai'));
		expect(input).toMatchObject({
			roomId: 'room-1',
			title: '季度会',
			private: true,
			start: '2026-03-10T06:00:00.000Z',
			end: '2026-03-10T07:30:00.000Z',
			setupMin: 30,
			teardownMin: 10,
			attendees: 12,
			services: ['tea', 'fruit'],
			av: ['projector'],
			vip: false
		});
	});
	it('a time that cannot be read is reported on its field', () => {
		const bad = filled.map(([k, v]): [string, string] => [k, k === 'end' ? '25:00' : v]);
		const r = bookingInputSchema.safeParse(bookingFromForm(formOf(bad), 'Asia/Shanghai'));
		expect(r.success).toBe(false);
		expect(r.error?.issues[0]).toMatchObject({ path: ['end'], message: 'error.bookingTime' });
	});
	it('empty attendees ask for attendees', () => {
		const none = filled.filter(([k]) => k !== 'attendees');
		const r = bookingInputSchema.safeParse(bookingFromForm(formOf(none), 'Asia/Shanghai'));
		expect(r.error?.issues[0]?.message).toBe('error.attendees');
	});
	it('an existing booking reads back as the same day and times', () => {
		const input = bookingInputSchema.parse(bookingFromForm(formOf(filled), 'Asia/Shanghai'));
		const fields = fieldsOf({ ...input, id: 'b1' } as unknown as Booking, 'Asia/Shanghai');
		expect(fields).toMatchObject({ date: '2026-03-10', start: '14:00', end: '15:30' });
	});
	it('a new booking starts at the hour clicked and lasts an hour', () => {
		expect(newFields({ roomId: 'r', date: '2026-03-10', at: '16:00' })).toMatchObject({
			start: '16:00',
			end: '17:00'
		});
		expect(newFields({ roomId: 'r', date: '2026-03-10', at: 'x' }).start).toBe('09:00');
	});
});

describe('the AV checklist form', () => {
	it('reads each line as ok or not', () => {
		const f = formOf([
			['item', '投影仪'],
			['ok.0', 'yes'],
			['item', '话筒'],
			['ok.1', 'no']
		]);
		expect(avItemsFromForm(f)).toEqual([
			{ item: '投影仪', ok: true },
			{ item: '话筒', ok: false }
		]);
	});
	it('refuses a line left unanswered', () => {
		expect(avItemsFromForm(formOf([['item', '投影仪']]))).toBeNull();
	});
});
