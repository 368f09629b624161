import type { BoardSla } from '$lib/domain/work-order-board';
import type { Status } from '$lib/domain/work-order';
import type { Translate } from '$lib/i18n';

/**
 * The work-order boards' clock-driven logic, pure so it is tested without a browser: how an
 * order looks at a moment, the countdown text, and which page of a long list is on screen.
 * Times are ms since the epoch on the server's clock (the screen's clock + its offset).
 */

/** How an order looks on a board: colour and the `data-sla` attribute. */
export type SlaLook = 'ok' | 'dueSoon' | 'overdue' | 'paused' | 'done';

/** A page stays on screen this long before the next one. */
export const PAGE_MS = 10_000;

const RANK = { ok: 0, dueSoon: 1, overdue: 2 } as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The look at `now`. The server's state is as of its last push (at most a minute old); the
 * screen moves an order on to amber or red itself when `now` passes dueSoonAt or dueAt.
 * Never backwards: a screen whose clock runs behind keeps what the server said.
 */
export function slaLook(sla: BoardSla, now: number): SlaLook {
	if (sla.phase === 'done') return 'done';
	if (sla.paused) return 'paused';
	let state = sla.state;
	const passed = (iso: string | null) => iso !== null && now >= Date.parse(iso);
	if (passed(sla.dueAt)) state = 'overdue';
	else if (passed(sla.dueSoonAt) && RANK[state] < RANK.dueSoon) state = 'dueSoon';
	return state;
}

/** 1:45:00 — hours, minutes, seconds of a countdown (whole seconds, rounded up). */
export function clockDuration(ms: number): string {
	const s = Math.max(0, Math.ceil(ms / 1000));
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** 12 分 · 2 小时 5 分 · 3 天 4 小时: the two largest units, for ages and overdue times. */
export function spokenDuration(ms: number, t: Translate): string {
	const d = Math.floor(ms / DAY);
	const h = Math.floor((ms % DAY) / HOUR);
	const m = Math.floor((ms % HOUR) / MINUTE);
	if (d > 0) return t('display.work.duration.dh', { d, h });
	if (h > 0) return t('display.work.duration.hm', { h, m });
	return t('display.work.duration.m', { m });
}

/**
 * The SLA cell's text at `now`: 剩 1:45:00, 剩 2 天 3:00:00, 超时 12 分, 计时暂停; null when
 * the order is done (the board shows a tick) or has no due time.
 */
export function slaText(sla: BoardSla, now: number, t: Translate): string | null {
	if (sla.phase === 'done') return null;
	if (sla.paused) return t('workOrder.sla.paused');
	if (sla.dueAt === null) return null;
	const left = Date.parse(sla.dueAt) - now;
	if (left <= 0) {
		// Overdue by under a minute still reads as overdue, not "0 min".
		return t('display.work.sla.over', { time: spokenDuration(Math.max(-left, MINUTE), t) });
	}
	if (left < DAY) return t('display.work.sla.left', { time: clockDuration(left) });
	return t('display.work.sla.leftDays', {
		d: Math.floor(left / DAY),
		time: clockDuration(left % DAY)
	});
}

/** How long ago the order was reported: 刚刚, 12 分, 2 小时 5 分. */
export function ageText(createdAt: string, now: number, t: Translate): string {
	const ms = now - Date.parse(createdAt);
	return ms < MINUTE ? t('display.work.justNow') : spokenDuration(ms, t);
}

/** Finished well (a tick) rather than rejected or cancelled (a dash). */
export function doneWell(status: Status): boolean {
	return status === 'resolved' || status === 'followedUp' || status === 'closed';
}

/** How many rows of `row` (plus `gap` between them) fit in `height`; at least one. */
export function rowsThatFit(options: { height: number; row: number; gap?: number }): number {
	const gap = options.gap ?? 0;
	if (!(options.row > 0) || !(options.height > 0)) return 1;
	return Math.max(1, Math.floor((options.height + gap) / (options.row + gap)));
}

export interface Page {
	/** 0-based. */
	index: number;
	count: number;
	/** The slice of rows on this page: [start, end). */
	start: number;
	end: number;
}

/**
 * The page on screen at `now` for `rows` rows, `perPage` to a page. Taken from the clock, not
 * a counter, so a push that changes the list never restarts the rotation and every screen
 * showing the board turns its pages together.
 */
export function pageAt(options: {
	rows: number;
	perPage: number;
	now: number;
	pageMs?: number;
}): Page {
	const perPage = Math.max(1, Math.floor(options.perPage));
	const count = Math.max(1, Math.ceil(options.rows / perPage));
	const index = Math.floor(options.now / (options.pageMs ?? PAGE_MS)) % count;
	const start = index * perPage;
	return { index, count, start, end: Math.min(options.rows, start + perPage) };
}
