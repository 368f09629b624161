/**
 * Small helpers every benchmark shares: percentiles and plain-text tables.
 * Percentiles use the nearest-rank method on the sorted samples, so p99 of 50 samples is the
 * largest but one — with few samples, read p99 as "almost the worst", not a smooth estimate.
 */

/**
 * @param {number[]} samples
 * @returns {{ n: number, p50: number, p95: number, p99: number, max: number, min: number, mean: number }}
 */
export function summarize(samples) {
	const s = [...samples].sort((a, b) => a - b);
	const at = (/** @type {number} */ q) =>
		s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
	const sum = s.reduce((a, b) => a + b, 0);
	return {
		n: s.length,
		min: s[0] ?? NaN,
		p50: at(0.5),
		p95: at(0.95),
		p99: at(0.99),
		max: s[s.length - 1] ?? NaN,
		mean: s.length ? sum / s.length : NaN
	};
}

/** Milliseconds with a precision that suits the magnitude. */
export function ms(/** @type {number} */ v) {
	if (!Number.isFinite(v)) return '–';
	return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

/**
 * Prints rows as an aligned table (Markdown-compatible, so it can be pasted into the docs).
 * @param {string} title
 * @param {string[]} head
 * @param {(string | number)[][]} rows
 */
export function printTable(title, head, rows) {
	const cells = [head, ...rows.map((r) => r.map(String))];
	const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
	const line = (/** @type {string[]} */ r) =>
		'| ' +
		r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') +
		' |';
	const out = [
		`\n### ${title}\n`,
		line(head),
		'|' +
			widths
				.map((w, i) => (i === 0 ? '-' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':'))
				.join('|') +
			'|'
	];
	for (const r of cells.slice(1)) out.push(line(r));
	console.log(out.join('\n'));
}

/** A monotonic timestamp in microseconds. CLOCK_MONOTONIC is system-wide on Linux, so
 * readings from different processes on this machine can be subtracted from each other. */
export function nowUs() {
	return Number(process.hrtime.bigint() / 1000n);
}

export const sleep = (/** @type {number} */ t) => new Promise((r) => setTimeout(r, t));
