import { EMPTY_DIGEST, type FiguresSummary } from './figures';

/** One line of the verification table: a figure on the source side and on the target side. */
export interface ReportRow {
	label: string;
	source: string;
	target: string;
	same: boolean;
}

const n = (v: number) => v.toLocaleString('en');
/** Fen as yuan with two decimals, as an operator reads a total (¥12,345.60). */
const fen = (v: number) =>
	`${v < 0 ? '-' : ''}¥${(Math.abs(v) / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function keysOf<K>(a: Map<K, unknown>, b: Map<K, unknown>): K[] {
	return [...new Set([...a.keys(), ...b.keys()])].sort();
}

/**
 * The figures of both sides side by side: record counts per collection, the documents, money
 * totals, the last receipt number per year, and whether every document and record has the same
 * content (compared by digest). A transfer is good only when every row is the same.
 */
export function compareFigures(source: FiguresSummary, target: FiguresSummary): ReportRow[] {
	const rows: ReportRow[] = [];
	const row = (label: string, s: string, t: string) =>
		rows.push({ label, source: s, target: t, same: s === t });
	row('documents', n(source.documents.size), n(target.documents.size));
	for (const name of keysOf(source.records, target.records)) {
		row(
			`records: ${name}`,
			n(source.records.get(name)?.count ?? 0),
			n(target.records.get(name)?.count ?? 0)
		);
	}
	for (const kind of keysOf(source.ledgerFen, target.ledgerFen)) {
		row(
			`ledger ${kind} amountFen`,
			fen(source.ledgerFen.get(kind) ?? 0),
			fen(target.ledgerFen.get(kind) ?? 0)
		);
	}
	row('bills amountFen', fen(source.billsAmountFen), fen(target.billsAmountFen));
	row('bills balanceFen', fen(source.billsBalanceFen), fen(target.billsBalanceFen));
	for (const year of keysOf(source.lastReceipt, target.lastReceipt)) {
		row(
			`last receipt ${year}`,
			source.lastReceipt.get(year) ?? '-',
			target.lastReceipt.get(year) ?? '-'
		);
	}
	const differing = [
		...keysOf(source.documents, target.documents)
			.filter((d) => source.documents.get(d) !== target.documents.get(d))
			.map((d) => `${d}.json`),
		// A log folder with no record yet has no row in the database: both are empty.
		...keysOf(source.records, target.records).filter(
			(c) =>
				(source.records.get(c)?.digest ?? EMPTY_DIGEST) !==
				(target.records.get(c)?.digest ?? EMPTY_DIGEST)
		)
	];
	rows.push({
		label: 'content of every document and record',
		source: 'read',
		target: differing.length ? `differs: ${differing.slice(0, 4).join(', ')}` : 'same',
		same: differing.length === 0
	});
	return rows;
}

/** The rows as a plain text table with a header naming the two sides. */
export function formatTable(rows: ReportRow[], sourceName: string, targetName: string): string {
	const head = { label: 'figure', source: sourceName, target: targetName };
	const w = (k: 'label' | 'source' | 'target') =>
		Math.max(head[k].length, ...rows.map((r) => r[k].length));
	const [wl, ws, wt] = [w('label'), w('source'), w('target')];
	const line = (l: string, s: string, t: string, mark: string) =>
		`  ${l.padEnd(wl)}  ${s.padStart(ws)}  ${t.padStart(wt)}  ${mark}`.trimEnd();
	return [
		line(head.label, head.source, head.target, ''),
		line('-'.repeat(wl), '-'.repeat(ws), '-'.repeat(wt), ''),
		...rows.map((r) => line(r.label, r.source, r.target, r.same ? '' : '≠ MISMATCH'))
	].join('\n');
}
