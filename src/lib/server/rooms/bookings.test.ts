import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ROOM_POLICY, roomState } from '$lib/domain/booking';
import { roomsBoard } from '$lib/domain/rooms-board';
import { DEFAULT_TIME_ZONE, ManualClock } from '$lib/domain/time';
import { DomainEventBus } from '../events';
import { demoSite } from '../seed';
import { Store } from '../store/store';
import { AuditService } from '../audit/audit';
import { BookingService } from './bookings';
import { SiteService } from '../site/site';

const staff = { id: 'c1', username: 'conference' };
let dir: string;
let store: Store;
let clock: ManualClock;
let workOrders: string[];

/** The site of the last open(): a test deactivates a room through it. */
let site: SiteService;

async function open() {
	store = await Store.open({ dir, clock, timeZone: () => DEFAULT_TIME_ZONE });
	const events = new DomainEventBus();
	const audit = await AuditService.open(store);
	site = await SiteService.open(store, { audit, events });
	if (!site.site.ready) await site.replace(null, demoSite());
	const bookings = await BookingService.open(store, {
		clock,
		audit,
		events,
		site,
		policy: () => DEFAULT_ROOM_POLICY
	});
	// What the work-order feature does with a failed AV check: open an order, link it back.
	events.on('booking:avFailed', async ({ booking, text }) => {
		workOrders.push(text);
		await bookings.linkAvWorkOrder(booking.id, `wo-${workOrders.length}`);
	});
	return bookings;
}

/** 26 Nov 2026 at hh:mm in Shanghai, as an ISO instant. */
const at = (hhmm: string) => new Date(`2026-11-26T${hhmm}:00+08:00`).toISOString();
const meeting = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
	roomId: 'room-1',
	title: '季度业主大会筹备会',
	host: '王经理',
	organization: '业委会',
	start: at(start),
	end: at(end),
	setupMin: 15,
	teardownMin: 15,
	attendees: 12,
	layout: 'boardroom',
	...extra
});

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'foyer-bookings-'));
	clock = new ManualClock(at('08:00'));
	workOrders = [];
});
afterEach(async () => {
	await store.close();
	await rm(dir, { recursive: true, force: true });
});

describe('bookings', () => {
	it('refuses an overlap including the buffers, naming the booking and its time', async () => {
		const b = await open();
		await b.create(staff, meeting('14:00', '15:00'));
		// 15:20 start − 15 min setup = 15:05, inside 15:00 + 15 min teardown.
		await expect(b.create(staff, meeting('15:20', '16:00'))).rejects.toMatchObject({
			key: 'error.bookingConflict',
			values: { title: '季度业主大会筹备会', time: '14:00–15:00' },
			status: 409
		});
		// 15:30 − 15 = 15:15: exactly when the teardown ends. Allowed.
		await b.create(staff, meeting('15:30', '16:00'));
		// Another room is another matter.
		await b.create(staff, meeting('14:00', '15:00', { roomId: 'room-2', layout: 'theatre' }));
		// A private booking is named by its time only.
		await b.create(staff, meeting('10:00', '11:00', { private: true, title: '董事会' }));
		await expect(b.create(staff, meeting('10:30', '11:30'))).rejects.toMatchObject({
			key: 'error.bookingConflictPrivate',
			values: { title: '', time: '10:00–11:00' }
		});
	});

	it('lets exactly one of two requests for the same slot win', async () => {
		const b = await open();
		const results = await Promise.allSettled(
			Array.from({ length: 5 }, () => b.create(staff, meeting('09:00', '10:00')))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(b.all()).toHaveLength(1);
	});

	it('takes no new booking for a deactivated room, but one made before can still be edited', async () => {
		const b = await open();
		const before = await b.create(staff, meeting('09:00', '10:00'));
		await site.change(null, { action: 'site.deactivated', target: 'room-1' }, (s) => {
			s.rooms.find((r) => r.id === 'room-1')!.active = false;
		});
		await expect(b.create(staff, meeting('11:00', '12:00'))).rejects.toMatchObject({
			key: 'error.roomInactive',
			field: 'roomId'
		});
		await expect(
			b.update(staff, before.id, meeting('09:00', '10:30', { title: '改期' }))
		).resolves.toBeTruthy();
	});

	it('checks attendees against capacity and the layout against the room', async () => {
		const b = await open();
		await expect(
			b.create(staff, meeting('09:00', '10:00', { attendees: 21 }))
		).rejects.toMatchObject({
			key: 'error.overCapacity',
			values: { capacity: 20 }
		});
		await expect(
			b.create(staff, meeting('09:00', '10:00', { layout: 'banquet' }))
		).rejects.toMatchObject({
			key: 'error.layout'
		});
		await expect(b.create(staff, meeting('10:00', '09:00'))).rejects.toThrow();
	});

	it('releases a no-show after the delay, by the clock, and the room is free again', async () => {
		const b = await open();
		const m = await b.create(staff, meeting('09:00', '10:00'));
		const kept = await b.create(
			staff,
			meeting('09:00', '10:00', { roomId: 'room-2', layout: 'theatre' })
		);
		clock.set(at('09:14'));
		expect(await b.sweep()).toEqual([]);
		clock.set(at('08:45'));
		await b.checkIn(kept.code);
		clock.set(at('09:15'));
		const released = await b.sweep();
		expect(released.map((x) => x.id)).toEqual([m.id]);
		expect(b.get(m.id)?.status).toBe('released');
		expect(b.get(kept.id)?.status).toBe('booked');
		expect(
			roomState(
				b.all().filter((x) => x.roomId === 'room-1'),
				clock.now().getTime(),
				DEFAULT_ROOM_POLICY
			).state
		).toBe('free');
		// The slot can be booked again.
		await b.create(staff, meeting('09:30', '10:00'));
	});

	it('checks guests in only inside the window and counts them', async () => {
		const b = await open();
		const m = await b.create(staff, meeting('14:00', '15:00'));
		clock.set(at('13:29'));
		await expect(b.checkIn(m.code)).rejects.toMatchObject({
			key: 'error.checkInNotYet',
			values: { time: '13:30' }
		});
		clock.set(at('13:30'));
		await b.checkIn(m.code);
		expect((await b.checkIn(m.code)).checkedIn).toBe(2);
		clock.set(at('15:00'));
		await expect(b.checkIn(m.code)).rejects.toMatchObject({ key: 'error.checkInOver' });
		await expect(b.checkIn('000000')).rejects.toMatchObject({ key: 'error.bookingCode' });
	});

	it('shows each room state in turn as the clock passes, private titles hidden', async () => {
		const b = await open();
		await b.create(staff, meeting('14:00', '15:00', { private: true }));
		const state = (hhmm: string) => {
			clock.set(at(hhmm));
			const board = roomsBoard(
				demoSite().rooms,
				b.all(),
				clock.now(),
				DEFAULT_ROOM_POLICY,
				Date.parse(at('23:59'))
			);
			return board.rooms[0]!;
		};
		expect(state('12:00')).toMatchObject({ state: 'free', freeUntil: at('13:45') });
		expect(state('13:31').state).toBe('avCheckDue');
		expect(state('13:46').state).toBe('settingUp');
		const inUse = state('14:10');
		expect(inUse.state).toBe('inUse');
		expect(inUse.current).toMatchObject({ title: null, organization: '' });
		expect(JSON.stringify(inUse)).not.toContain('王经理');
		expect(state('15:05').state).toBe('settingUp');
		expect(state('15:16').state).toBe('free');
	});

	it('turns a failed AV check into a work order, and a passed one clears "AV check due"', async () => {
		const b = await open();
		const m = await b.create(staff, meeting('14:00', '15:00'));
		const failed = await b.avCheck(staff, m.id, {
			items: [
				{ item: '投影仪', ok: false },
				{ item: '麦克风', ok: true }
			],
			note: '投影仪无信号'
		});
		expect(failed.avCheck).toMatchObject({ status: 'failed', workOrderId: 'wo-1' });
		expect(workOrders).toEqual(['投影仪：投影仪无信号']);
		const passed = await b.avCheck(staff, m.id, { items: [{ item: '投影仪', ok: true }] });
		expect(passed.avCheck.status).toBe('passed');
		clock.set(at('13:35'));
		expect(roomState(b.all(), clock.now().getTime(), DEFAULT_ROOM_POLICY).state).toBe(
			'startingSoon'
		);
	});

	it('extends only into free time, and ending early frees the room after teardown', async () => {
		const b = await open();
		const m = await b.create(staff, meeting('14:00', '15:00'));
		await b.create(staff, meeting('16:00', '17:00'));
		await b.extend(staff, m.id, 30); // till 15:30, teardown till 15:45 = next setup start
		await expect(b.extend(staff, m.id, 15)).rejects.toMatchObject({ key: 'error.bookingConflict' });
		clock.set(at('14:20'));
		const ended = await b.endEarly(staff, m.id);
		expect(ended.status).toBe('ended');
		clock.set(at('14:36'));
		expect(roomState(b.all(), clock.now().getTime(), DEFAULT_ROOM_POLICY).state).toBe('free');
	});

	it('keeps an ended meeting’s teardown, and takes feedback only once it has begun', async () => {
		const b = await open();
		const m = await b.create(staff, meeting('14:00', '15:00'));
		await expect(b.feedback(m.feedbackToken, { score: 5 })).rejects.toMatchObject({
			key: 'error.feedbackNotYet'
		});
		clock.set(at('14:20'));
		await b.endEarly(staff, m.id);
		// Ended at 14:20: its 15-minute teardown holds the room until 14:35.
		expect(roomState(b.all(), clock.now().getTime(), DEFAULT_ROOM_POLICY).state).toBe('settingUp');
		await expect(b.create(staff, meeting('14:40', '15:00'))).rejects.toMatchObject({
			key: 'error.bookingConflict'
		});
		await b.create(staff, meeting('14:50', '15:30'));
		expect(
			(await b.feedback(m.feedbackToken, { score: 4, remarks: '茶水很好' })).feedback
		).toHaveLength(1);
	});
});
