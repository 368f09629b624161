import { z } from 'zod';
import { FoyerError, msg } from './errors';
import { parsePeriod } from './reports/period';
import type { ReportPeriod } from './reports/types';

/**
 * Report packs (issue 15): the quarterly quality report (季度质量目标实施报告) and the monthly
 * summary (月度工作总结) the manager hands in. A pack is a draft (its comments can be saved)
 * until it is issued; issuing freezes the report's figures with who issued it and when, and an
 * issued pack is shown as issued for ever after, whatever the records do later.
 */

/** The two packs: a quarter's quality report, a month's summary. */
export const PACK_KINDS = ['quarterly', 'monthly'] as const;
export type PackKind = (typeof PACK_KINDS)[number];

/** The longest comment kept (a page or two of text). */
export const COMMENTS_MAX = 8000;

/** What a draft's save and an issue take from the form. */
export const packInputSchema = z.object({
	kind: z.enum(PACK_KINDS, msg('error.invalid')),
	/** 2026-Q3 for a quarterly pack, 2026-07 for a monthly one. */
	period: z.string(),
	comments: z.string().max(COMMENTS_MAX, msg('error.reportCommentsTooLong')).default('')
});
export type PackInput = z.infer<typeof packInputSchema>;

/** The kind of period each pack covers. */
const PERIOD_OF: Record<PackKind, ReportPeriod['kind']> = {
	quarterly: 'quarter',
	monthly: 'month'
};

/**
 * The period of a pack: a quarter for the quality report, a month for the summary; anything
 * else (a range, the other kind, a malformed key) is refused on the period field.
 */
export function packPeriod(kind: PackKind, period: string): ReportPeriod {
	let p: ReportPeriod | null = null;
	try {
		p = parsePeriod(period);
	} catch {
		// Said below, in the packs' own words.
	}
	if (!p || p.kind !== PERIOD_OF[kind]) {
		throw new FoyerError('error.reportPackPeriod', {}, 400, 'period');
	}
	return p;
}

/** The pack a period can be handed in as: a quarter's quality report or a month's summary. */
export function packKindOf(period: Pick<ReportPeriod, 'kind'>): PackKind | null {
	if (period.kind === 'quarter') return 'quarterly';
	if (period.kind === 'month') return 'monthly';
	return null;
}

/**
 * The collection-rate target the reports hold each building and fee item to: what the fee
 * contracts of a residential site usually ask of the manager (documented in docs/reports.md).
 */
export const COLLECTION_TARGET = 0.95;

/** The share of work orders to resolve within their SLA target, per category. */
export const SLA_COMPLIANCE_TARGET = 0.9;
