/**
 * Realistic audit history, written straight to day logs in the store's own format
 * (`<dir>/<YYYY-MM-DD>.log`: one JSON record per line, as the store appends them) — going
 * through the store would take hours for a million records, and its output would be
 * byte-for-byte the same.
 *
 * A busy service center writes about a thousand audit entries a day (payments, tickets,
 * work-order steps, logins), so a million records is about three years of history.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The store files records under the site's day; the seeded site and the default are Shanghai. */
export const TIME_ZONE = 'Asia/Shanghai';
const UTC_OFFSET = '+08:00';
export const PER_DAY = 1000;

const dayFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** Today's day key in the site's time zone. */
export function today() {
	return dayFormat.format(new Date());
}

/** The day `n` days before `day` (YYYY-MM-DD; calendar arithmetic in UTC is exact for dates). */
export function daysBefore(/** @type {string} */ day, /** @type {number} */ n) {
	const t = Date.parse(`${day}T00:00:00Z`) - n * 86_400_000;
	return new Date(t).toISOString().slice(0, 10);
}

const ACTORS = [
	{ id: 'stf_desk1', username: 'desk1' },
	{ id: 'stf_cashier', username: 'cashier' },
	{ id: 'stf_dispatch', username: 'dispatch' },
	{ id: 'stf_admin', username: 'admin' }
];
const ACTIONS = [
	[
		'payment.recorded',
		(/** @type {number} */ i) => ({
			amountFen: 12_000 + (i % 977) * 13,
			unit: `3-2-${1201 + (i % 20)}`
		})
	],
	[
		'queue.called',
		(/** @type {number} */ i) => ({
			ticket: `A${String(i % 300).padStart(3, '0')}`,
			counter: 1 + (i % 4)
		})
	],
	[
		'workOrder.updated',
		(/** @type {number} */ i) => ({ status: ['accepted', 'dispatched', 'resolved'][i % 3] })
	],
	['session.started', () => null]
];

/**
 * Audit records of one day, shaped exactly as AuditService writes them.
 * @param {string} day YYYY-MM-DD
 * @param {number} count
 */
export function auditRecords(day, count) {
	const start = Date.parse(`${day}T08:00:00${UTC_OFFSET}`);
	const compact = day.replaceAll('-', '');
	const random = randomBytes(6 * count).toString('base64url'); // 8 characters per record
	const records = [];
	for (let i = 0; i < count; i++) {
		const [action, detail] = /** @type {[string, (i: number) => object | null]} */ (
			ACTIONS[i % ACTIONS.length]
		);
		records.push({
			id: `${compact}-${random.slice(i * 8, i * 8 + 8)}`,
			at: new Date(start + Math.floor((i * 36_000_000) / count)).toISOString(), // 08:00–18:00
			actor: ACTORS[i % ACTORS.length],
			action,
			target: `rec_${compact}_${i}`,
			detail: detail(i)
		});
	}
	return records;
}

/** One day's records as the text of its log: one JSON line each. */
export function logText(/** @type {object[]} */ records) {
	let text = '';
	for (const r of records) text += JSON.stringify(r) + '\n';
	return text;
}

/**
 * Writes `total` audit records as day logs, PER_DAY a day up to and including `newestDay`
 * (the oldest day takes the remainder), oldest first. Plain writes without fsync: this is
 * set-up, not what is measured. `onDay` sees each day's records (to fill SQLite alike).
 * @param {{ dir: string, total: number, newestDay: string, onDay?: (day: string, records: object[]) => void }} o
 * @returns {{ days: number, bytes: number }}
 */
export function writeAuditDays({ dir, total, newestDay, onDay }) {
	const days = Math.ceil(total / PER_DAY);
	let bytes = 0;
	for (let back = days - 1; back >= 0; back--) {
		const day = daysBefore(newestDay, back);
		const count = back === days - 1 ? total - (days - 1) * PER_DAY : PER_DAY;
		const records = auditRecords(day, count);
		const text = logText(records);
		writeFileSync(join(dir, `${day}.log`), text);
		onDay?.(day, records);
		bytes += text.length;
	}
	return { days, bytes };
}

/**
 * Puts `count` more records into one existing (or new) day log, before what is there — to
 * give a freshly seeded site a normal day's audit trail before it is measured.
 * @param {{ dir: string, day: string, count: number }} o
 * @returns {number} records in the file now
 */
export function fillDay({ dir, day, count }) {
	const file = join(dir, `${day}.log`);
	const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
	writeFileSync(file, logText(auditRecords(day, count)) + old);
	return count + old.split('\n').filter(Boolean).length;
}
