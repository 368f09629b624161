import { clockTime, dayKey } from '$lib/domain/time';
import type { Translate } from '$lib/i18n';

/** 45 min, 3 h 5 min, 2 d 4 h: how long something took or has been waiting. */
export function duration(t: Translate, ms: number): string {
	const minutes = Math.max(0, Math.floor(ms / 60_000));
	if (minutes < 60) return t('desk.wo.dur.minutes', { minutes });
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return t('desk.wo.dur.hours', { hours, minutes: minutes % 60 });
	return t('desk.wo.dur.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** 14:05 today, else 2026-11-25 14:05, in the site's time zone. */
export function when(iso: string, timeZone: string, now?: string): string {
	const d = new Date(iso);
	const day = dayKey(d, timeZone);
	const time = clockTime(d, timeZone);
	return now && dayKey(new Date(now), timeZone) === day ? time : `${day} ${time}`;
}
