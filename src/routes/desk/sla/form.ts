import {
	WEEKDAYS,
	WORK_ORDER_CATEGORIES,
	type BusinessHours,
	type OpenInterval,
	type SlaTargets,
	type Weekday
} from '$lib/domain/sla';

/**
 * The SLA settings form as people type it: a day's hours as "08:30-12:00, 13:30-17:30",
 * dates one per line, targets in minutes or hours. Parsing only reshapes the text; the domain
 * schemas (businessHoursSchema, slaTargetsSchema) decide what is valid when it is saved.
 */

export const TARGET_KINDS = ['response', 'resolution'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export type TimeUnit = 'minutes' | 'hours';

/** A problem found while reading the text: where (as the schema's path) and the i18n key. */
export interface FormIssue {
	path: string[];
	message: string;
}

export function intervalsText(list: readonly OpenInterval[]): string {
	return list.map((i) => `${i.open}-${i.close}`).join(', ');
}

export function datesText(list: readonly string[]): string {
	return list.join('\n');
}

/** A target as the form shows it: whole hours in hours, anything else in minutes. */
export function targetField(minutes: number): { amount: string; unit: TimeUnit } {
	return minutes % 60 === 0
		? { amount: String(minutes / 60), unit: 'hours' }
		: { amount: String(minutes), unit: 'minutes' };
}

/** 8:30 and 08：30 mean 08:30; anything else is left for the schema to refuse. */
function timeOf(s: string): string {
	const t = s.replace('：', ':');
	return /^\d:\d\d$/.test(t) ? `0${t}` : t;
}

/** "08:30-12:00, 13:30-17:30" → intervals; null when an item is not "start-end". */
export function parseIntervals(text: string): OpenInterval[] | null {
	const items = text
		.split(/[,，;；、\n]+/)
		.map((s) => s.trim())
		.filter(Boolean);
	const out: OpenInterval[] = [];
	for (const item of items) {
		const m = /^(\S+?)\s*[-–—~～至]\s*(\S+)$/.exec(item);
		if (!m) return null;
		out.push({ open: timeOf(m[1]!), close: timeOf(m[2]!) });
	}
	return out;
}

/** One date per line (commas and spaces also separate). */
export function parseDates(text: string): string[] {
	return text
		.split(/[\s,，;；、]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** A positive whole number of minutes from "30" minutes or "1.5" hours; null otherwise. */
export function parseTarget(amount: string, unit: TimeUnit): number | null {
	if (!/^\d+(?:\.\d+)?$/.test(amount.trim())) return null;
	const minutes = Number(amount) * (unit === 'hours' ? 60 : 1);
	const rounded = Math.round(minutes * 1000) / 1000;
	return Number.isInteger(rounded) && rounded > 0 ? rounded : null;
}

/** Reads the form (`get` returns a field's text); issues carry the schema's paths. */
export function readSlaForm(
	get: (name: string) => string,
	timeZone: string
): { value: { hours: BusinessHours; targets: SlaTargets }; issues: FormIssue[] } {
	const issues: FormIssue[] = [];
	const intervals = (name: string, path: string[]) => {
		const parsed = parseIntervals(get(name));
		if (parsed === null) issues.push({ path, message: 'error.intervalFormat' });
		return parsed ?? [];
	};
	const week = Object.fromEntries(
		WEEKDAYS.map((d) => [d, intervals(`week.${d}`, ['hours', 'week', d])])
	) as Record<Weekday, OpenInterval[]>;
	const targets = Object.fromEntries(
		WORK_ORDER_CATEGORIES.map((c) => {
			const minutes = (kind: TargetKind) => {
				const unit: TimeUnit = get(`${c}.${kind}Unit`) === 'hours' ? 'hours' : 'minutes';
				const m = parseTarget(get(`${c}.${kind}`), unit);
				if (m === null) {
					issues.push({ path: ['targets', c, `${kind}Minutes`], message: 'error.slaTarget' });
				}
				return m ?? 0;
			};
			return [
				c,
				{ responseMinutes: minutes('response'), resolutionMinutes: minutes('resolution') }
			];
		})
	) as SlaTargets;
	return {
		value: {
			hours: {
				timeZone,
				week,
				holidays: parseDates(get('holidays')),
				workdays: parseDates(get('workdays')),
				workdayTemplate: intervals('workdayTemplate', ['hours', 'workdayTemplate'])
			},
			targets
		},
		issues
	};
}
