import type { Translate } from '$lib/i18n/core';

/** "8 分钟", "2 小时 5 分", "1 天 3 小时": a wait or an outage as a person reads it. */
export function duration(ms: number, t: Translate): string {
	const minutes = Math.floor(ms / 60_000);
	if (minutes < 1) return t('desk.today.underMinute');
	if (minutes < 60) return t('desk.today.minutes', { m: minutes });
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return t('desk.today.hoursMinutes', { h: hours, m: minutes % 60 });
	return t('desk.today.daysHours', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** A median or another time that may be missing: "—" when nothing was counted. */
export function maybeDuration(ms: number | null, t: Translate): string {
	return ms === null ? '—' : duration(ms, t);
}

/** 0.734 → "73%"; null → "—". */
export function percent(share: number | null): string {
	return share === null ? '—' : `${Math.round(share * 100)}%`;
}
