/**
 * The records of one day of generated history (history.js): tickets, work orders and
 * bookings, in the shapes src/lib/domain/{queue,work-order,booking}.ts validate.
 */
import { recordId } from './history-site.js';

const iso = (t) => new Date(t).toISOString();
const MIN = 60_000;

const SERVICES = { fees: 45, repairs: 20, affairs: 25, consult: 10 };
const PREFIX = { fees: 'A', repairs: 'B', affairs: 'C', consult: 'D' };
/** Morning and afternoon peaks of the lobby, by hour. */
const HOURS = { 8: 4, 9: 12, 10: 14, 11: 10, 12: 4, 13: 6, 14: 11, 15: 12, 16: 9, 17: 5 };

/** A day's queue tickets: taken 08:30–18:00, most served, some skipped or transferred. */
export function ticketsOf(day, ctx) {
	const { d, clock, counters, callers, perDay, end } = ctx;
	const weekend = clock.weekday(day) >= 5;
	const n = Math.round(perDay * (weekend ? 0.6 : 1.15) * (0.8 + d.rand() * 0.4));
	const numbers = { fees: 0, repairs: 0, affairs: 0, consult: 0 };
	const out = [];
	const taken = [];
	for (let i = 0; i < n; i++) {
		const hour = Number(d.weighted(HOURS));
		taken.push(
			clock.at(day, hour * 60 + (hour === 8 ? 30 : 0) + d.rand() * (hour === 8 ? 30 : 60))
		);
	}
	taken.sort((a, b) => a - b);
	for (const at of taken) {
		let service = d.weighted(SERVICES);
		const number = ++numbers[service];
		const label = `${PREFIX[service]}${String(number).padStart(3, '0')}`;
		const t = {
			id: recordId(day, d),
			at: iso(at),
			day,
			service,
			number,
			label,
			status: 'waiting',
			queuedAt: iso(at),
			counterId: null,
			calledAt: null,
			calledBy: null,
			recalls: 0,
			finishedAt: null,
			unitId: null,
			transferredFrom: null,
			links: []
		};
		let queued = at;
		if (d.rand() < 0.03) {
			// Called to one service, sent on to another: waits again from its take time.
			const to = d.pick(Object.keys(SERVICES).filter((s) => s !== service));
			t.transferredFrom = service;
			t.service = service = to;
			queued = at;
		}
		const called = queued + d.exp(service === 'fees' ? 6 * MIN : 9 * MIN) + 20_000;
		if (d.rand() < 0.02 || called > end) {
			out.push(t);
			continue;
		}
		t.counterId = d.pick(counters);
		t.calledAt = iso(called);
		t.calledBy = ctx.knowsCaller ? d.pick(callers) : null;
		t.recalls = d.rand() < 0.1 ? 1 : 0;
		if (d.rand() < 0.05) t.status = 'skipped';
		else t.status = 'done';
		t.finishedAt = iso(called + (t.status === 'skipped' ? 60_000 : d.exp(5 * MIN) + 30_000));
		out.push(t);
	}
	return out;
}

const CATEGORIES = {
	repair: 45,
	cleaning: 15,
	greening: 6,
	pest: 4,
	paid: 10,
	complaint: 10,
	suggestion: 10
};

/** A day's work orders, with their whole history up to `end` (the generator's now). */
export function ordersOf(day, ctx) {
	const { d, clock, units, techs, end, perDay } = ctx;
	const n = Math.max(0, Math.round(perDay * (0.7 + d.rand() * 0.6)));
	const out = [];
	const times = Array.from({ length: n }, () => clock.at(day, 7 * 60 + d.rand() * 14 * 60)).sort(
		(a, b) => a - b
	);
	times.forEach((at, i) => {
		const category = d.weighted(CATEGORIES);
		const o = {
			id: recordId(day, d),
			at: iso(at),
			number: `${day.slice(2).replaceAll('-', '')}${String(i + 1).padStart(3, '0')}`,
			category,
			source: d.weighted({ kiosk: 35, phone: 40, desk: 25 }),
			location: { kind: 'unit', unitId: d.pick(units) },
			chips: [],
			text: '',
			photos: [],
			residentId: null,
			phoneTail: null,
			status: 'submitted',
			technicianId: null,
			history: [
				{ at: iso(at), by: null, action: 'submit', from: null, to: 'submitted', note: null }
			],
			pauses: [],
			respondedAt: null,
			resolvedAt: null,
			closedAt: null,
			followUp: null,
			rating: null,
			lowScoreTask: null,
			rateToken: d.token(22)
		};
		let now = at;
		const step = (action, to, minutes, by = 'dispatcher', note = null) => {
			const t = now + minutes * MIN;
			if (t > end) return false;
			o.history.push({ at: iso(t), by, action, from: o.status, to, note });
			o.status = to;
			now = t;
			return true;
		};
		const fate = d.rand();
		if (fate < 0.03)
			return out.push((step('reject', 'rejected', d.exp(40), 'dispatcher', '重复'), o));
		if (fate < 0.06)
			return out.push((step('cancel', 'cancelled', d.exp(90), 'dispatcher', '住户取消'), o));
		if (!step('accept', 'accepted', d.exp(category === 'repair' ? 20 : 45))) return out.push(o);
		o.respondedAt = iso(now);
		const tech = d.pick(techs);
		if (!step('dispatch', 'dispatched', d.exp(15), 'dispatcher', tech.id)) return out.push(o);
		o.technicianId = tech.id;
		if (!step('start', 'inProgress', d.exp(40), tech.username)) return out.push(o);
		if (d.rand() < 0.08) {
			if (!step('hold', 'onHold', d.exp(60), tech.username, '等配件')) return out.push(o);
			o.pauses.push({ from: iso(now), to: null });
			if (!step('resume', 'inProgress', d.exp(24 * 60), tech.username)) return out.push(o);
			o.pauses[0].to = iso(now);
		}
		if (!step('resolve', 'resolved', d.exp(category === 'repair' ? 300 : 600), tech.username))
			return out.push(o);
		o.resolvedAt = iso(now);
		const rated = d.rand() < 0.6;
		const score = () => (d.rand() < 0.05 ? d.int(1, 3) : d.rand() < 0.7 ? 5 : 4);
		if (rated && now + 120 * MIN < end) {
			const s = score();
			o.rating = {
				score: s,
				remarks: s <= 3 ? '维修不及时' : '',
				at: iso(now + d.exp(600) * MIN + MIN),
				via: 'resident',
				by: null,
				...(ctx.knowsChannel ? { channel: d.rand() < 0.5 ? 'kiosk' : 'phone' } : {})
			};
			if (Date.parse(o.rating.at) > end) o.rating = null;
		}
		if (category === 'complaint' || d.rand() < 0.25) {
			const s = score();
			if (step('followUp', 'followedUp', d.exp(24 * 60), 'dispatcher')) {
				o.followUp = {
					score: s,
					remarks: s <= 3 ? '仍不满意' : '',
					at: iso(now),
					via: 'followUp',
					by: 'dispatcher'
				};
			}
		}
		const counting = o.rating ?? o.followUp;
		if (counting && counting.score <= 3) {
			const opened = Date.parse(counting.at);
			const done = opened + d.exp(48 * 60) * MIN;
			o.lowScoreTask = {
				openedAt: counting.at,
				doneAt: d.rand() < 0.8 && done < end ? iso(done) : null,
				by: null
			};
		}
		if (category === 'complaint' && o.status !== 'followedUp') return out.push(o);
		if (step('close', 'closed', d.exp(60), 'dispatcher')) o.closedAt = iso(now);
		out.push(o);
	});
	return out;
}

/** A day's meeting-room bookings: 09:00–17:00 slots, some cancelled, some no-shows. */
export function bookingsOf(day, ctx) {
	const { d, clock, rooms, end, perDay } = ctx;
	const out = [];
	for (const roomId of rooms) {
		let minute = 9 * 60;
		for (let k = 0; k < perDay && minute < 17 * 60; k++) {
			minute += 30 * d.int(0, 4);
			const length = 30 * d.int(2, 6);
			if (minute + length > 18 * 60) break;
			const start = clock.at(day, minute);
			const stop = start + length * MIN;
			minute += length;
			const made = start - d.int(1, 7) * 86_400_000;
			const fate = d.rand();
			const status =
				start > end ? 'booked' : fate < 0.08 ? 'cancelled' : fate < 0.14 ? 'released' : 'ended';
			const held = status === 'ended';
			const early = held && d.rand() < 0.2 ? d.int(10, 40) * MIN : 0;
			const avStatus = d.rand() < 0.7 ? (d.rand() < 0.04 ? 'failed' : 'passed') : 'pending';
			out.push({
				id: recordId(clock.day(made), d),
				at: iso(made),
				code: String(d.int(100000, 999999)),
				roomId,
				title: '业主委员会例会',
				private: false,
				host: '赵明',
				organization: '',
				start: iso(start),
				end: iso(stop),
				setupMin: 15,
				teardownMin: 15,
				attendees: d.int(4, 20),
				layout: 'boardroom',
				services: [],
				banner: '',
				welcome: '',
				av: [],
				vip: false,
				status,
				checkedIn: held ? d.int(1, 12) : 0,
				startedAt: held && d.rand() < 0.5 ? iso(start - d.int(0, 10) * MIN) : null,
				endedAt: early ? iso(stop - early) : null,
				avCheck: {
					status: avStatus,
					items: [],
					note: '',
					by: null,
					at: avStatus === 'pending' ? null : iso(start - 30 * MIN),
					workOrderId: null
				},
				feedback:
					held && d.rand() < 0.3
						? [{ score: d.rand() < 0.9 ? 5 : 3, remarks: '', at: iso(stop + 10 * MIN) }]
						: [],
				feedbackToken: d.token(22),
				history: []
			});
		}
	}
	return out;
}
