import { isSatisfied, ratingChannel, ratingOf, SATISFACTION_TARGET } from '../satisfaction';
import { CATEGORIES, LOW_SCORE, type WorkOrder } from '../work-order';
import { SiteTime } from './site-time';
import { doneAll, Tally, tallies } from './tally';
import type { LowScore, RatingChannel, ReportPeriod, SatisfactionFigures, StaffRef } from './types';
import { RATING_CHANNELS } from './types';

/** A payment's service rating as the report reads it, with its receipt's number. */
export interface ServiceRatingRow {
	id: string;
	at: string;
	score: number;
	remarks: string;
	source: 'receipt' | 'kiosk';
	receiptNo: string;
}

export interface SatisfactionInput {
	period: ReportPeriod;
	time: SiteTime;
	orders: Iterable<WorkOrder>;
	services: Iterable<ServiceRatingRow>;
	staffName: (id: string) => string;
}

/**
 * Satisfaction of a period (docs/reports.md "Satisfaction"): every rating given in the period,
 * by the rating's time — a work order's counting rating (the resident's own, else the
 * follow-up call's, as on the 满意度 page) and the payments' service ratings. Satisfied = 4 or 5.
 */
export function satisfactionFigures(i: SatisfactionInput): SatisfactionFigures {
	const [start, end] = i.time.bounds(i.period);
	const startIso = new Date(start).toISOString();
	const endIso = new Date(end).toISOString();
	const months = i.period.months.map((month) => ({
		month,
		start: Math.max(start, i.time.startOf(`${month}-01`))
	}));
	const total = new Tally();
	const byMonth = new Map(months.map((m) => [m.month, new Tally()]));
	const byChannel = tallies(RATING_CHANNELS);
	const byCategory = tallies(CATEGORIES);
	const byTech = new Map<string | null, Tally>();
	const low: LowScore[] = [];
	const monthOf = (t: number) => {
		let found = months[0]!.month;
		for (const m of months) if (t >= m.start) found = m.month;
		return found;
	};
	const count = (t: number, channel: RatingChannel, ok: boolean) => {
		total.add(ok);
		byMonth.get(monthOf(t))!.add(ok);
		byChannel[channel].add(ok);
	};
	for (const o of i.orders) {
		const r = ratingOf(o);
		if (!r || r.at < startIso || r.at >= endIso) continue;
		const t = Date.parse(r.at);
		const ok = isSatisfied(r.score);
		const channel = ratingChannel(r);
		count(t, channel, ok);
		byCategory[o.category].add(ok);
		const tech = byTech.get(o.technicianId) ?? new Tally();
		byTech.set(o.technicianId, tech);
		tech.add(ok);
		if (r.score <= LOW_SCORE) {
			low.push({
				kind: 'workOrder',
				id: o.id,
				number: o.number,
				category: o.category,
				channel,
				score: r.score,
				remarks: r.remarks,
				at: r.at,
				followedUp: o.lowScoreTask ? o.lowScoreTask.doneAt !== null : null,
				followedUpAt: o.lowScoreTask?.doneAt ?? null
			});
		}
	}
	for (const s of i.services) {
		if (s.at < startIso || s.at >= endIso) continue;
		const t = Date.parse(s.at);
		const ok = isSatisfied(s.score);
		const channel: RatingChannel = s.source === 'kiosk' ? 'kiosk' : 'receipt';
		count(t, channel, ok);
		if (s.score <= LOW_SCORE) {
			low.push({
				kind: 'service',
				id: s.id,
				number: s.receiptNo,
				category: null,
				channel,
				score: s.score,
				remarks: s.remarks,
				at: s.at,
				followedUp: null,
				followedUpAt: null
			});
		}
	}
	const figures = total.done();
	const ref = (id: string | null): StaffRef => ({ id, name: id ? i.staffName(id) : '' });
	return {
		...figures,
		target: SATISFACTION_TARGET,
		met: figures.rate === null ? null : figures.rate >= SATISFACTION_TARGET,
		byMonth: months.map((m) => ({ month: m.month, ...byMonth.get(m.month)!.done() })),
		byChannel: doneAll(byChannel),
		byCategory: doneAll(byCategory),
		byTechnician: [...byTech]
			.map(([id, t]) => ({ technician: ref(id), ...t.done() }))
			.sort((a, b) => b.rated - a.rated || a.technician.name.localeCompare(b.technician.name)),
		low: low.sort((a, b) => a.score - b.score || a.at.localeCompare(b.at))
	};
}
