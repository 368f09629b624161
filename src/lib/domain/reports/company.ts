import { SATISFACTION_TARGET } from '../satisfaction';
import { rate } from '../stats';
import type { ReportFigures, ReportPeriod } from './types';

/**
 * The company's figures (/desk/company, docs/company.md): for one period, a few of each site's
 * report figures side by side, and the company's total. Every site figure is the site's own
 * report's (docs/reports.md); the total is counted again from the sites' counts — ratings,
 * money, orders, tickets — never an average of their rates.
 */

/** A count of what was measured and how many met its mark, and the share. */
export interface MetTally {
	measured: number;
	met: number;
	/** met / measured; null when nothing was measured. */
	rate: number | null;
}

/** The figures of one site, or of the company (the total). */
export interface CompanyFigureRow {
	/** Ratings of 4–5 / all ratings given in the period, against SATISFACTION_TARGET. */
	satisfaction: MetTally & { target: number; targetMet: boolean | null };
	/** Paid / billed of the period's bills (money in fen). */
	collection: { billedFen: number; paidFen: number; rate: number | null };
	/** Work orders of the period resolved within their target (resolution compliance). */
	onTime: MetTally;
	/** Tickets served (done), and the median wait of the tickets called (ms; null: none). */
	queue: { served: number; called: number; waitP50Ms: number | null };
}

/** One site's row: its id, names and where its own report is. */
export interface CompanySiteRow extends CompanyFigureRow {
	siteId: string;
	name: string;
	nameEn: string | undefined;
	/** The site's /desk/reports for the period: absolute on another site's address, or null. */
	reportUrl: string | null;
}

/** What GET /api/desk/company answers. */
export interface CompanyFigures {
	period: ReportPeriod;
	/** When computed (ISO). */
	generatedAt: string;
	/** Every site served, in the order the deployment lists them. */
	sites: CompanySiteRow[];
	total: CompanyFigureRow;
}

function tally(measured: number, met: number): MetTally {
	return { measured, met, rate: rate(met, measured) };
}

function satisfaction(rated: number, satisfied: number): CompanyFigureRow['satisfaction'] {
	const r = rate(satisfied, rated);
	return {
		...tally(rated, satisfied),
		target: SATISFACTION_TARGET,
		targetMet: r === null ? null : r >= SATISFACTION_TARGET
	};
}

/** A site's row of figures, taken from its report's figures for the period. */
export function siteRow(f: ReportFigures): CompanyFigureRow {
	const { billing } = f.fees;
	return {
		satisfaction: satisfaction(f.satisfaction.rated, f.satisfaction.satisfied),
		collection: { billedFen: billing.billedFen, paidFen: billing.paidFen, rate: billing.rate },
		onTime: tally(f.workOrders.sla.resolutionMeasured, f.workOrders.sla.resolutionMet),
		queue: { served: f.queue.done, called: f.queue.called, waitP50Ms: f.queue.waitP50Ms }
	};
}

/**
 * The company's row: the sites' counts added up and the rates computed from the sums. A median
 * cannot be added up, so the company's median wait is given by the caller, taken from every
 * site's waits together (`waitP50Ms`).
 */
export function companyTotal(rows: readonly CompanyFigureRow[], waitP50Ms: number | null) {
	const sum = (pick: (r: CompanyFigureRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
	const billedFen = sum((r) => r.collection.billedFen);
	const paidFen = sum((r) => r.collection.paidFen);
	return {
		satisfaction: satisfaction(
			sum((r) => r.satisfaction.measured),
			sum((r) => r.satisfaction.met)
		),
		collection: { billedFen, paidFen, rate: rate(paidFen, billedFen) },
		onTime: tally(
			sum((r) => r.onTime.measured),
			sum((r) => r.onTime.met)
		),
		queue: { served: sum((r) => r.queue.served), called: sum((r) => r.queue.called), waitP50Ms }
	} satisfies CompanyFigureRow;
}
