import { z } from 'zod';
import { FoyerError } from '$lib/domain/errors';
import { billKey, billLine, periodSchema, type Bill } from '$lib/domain/fees';
import type { Mutex } from '../mutex';
import type { PartitionedCollection } from '../store/partitioned';
import type { Actor } from '../audit/audit';
import type { FeesDeps } from './ledger';

export const billRunSchema = z.object({
	period: periodSchema,
	/** Defaults to the period's last day. */
	dueDate: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'error.dueDate')
		.nullable()
		.default(null),
	/** Only these standards (all when empty). */
	standardIds: z.array(z.string()).default([]),
	/** Metered readings for the period: unit id → quantity in hundredths (12.5 m³ → 1250). */
	readings: z.record(z.string(), z.number().int().nonnegative()).default({})
});
export type BillRunInput = z.input<typeof billRunSchema>;

export interface BillRunResult {
	runId: string;
	period: string;
	issued: number;
	/** Bills that already existed for the period (a repeated run issues no duplicates). */
	skipped: number;
	/** Units a metered standard had no reading for (no bill issued for them). */
	missingReadings: number;
	totalFen: number;
}

/** How many bills are written at once: the group commit turns a batch into one file write. */
const BATCH = 200;

/**
 * A bill run issues a period's bills for every unit and chosen standard. Runs are idempotent:
 * a bill is keyed on unit, period and standard, so running a period again (or twice at once)
 * issues only what is missing.
 */
export class BillRuns {
	/** Keys (billKey) of every bill issued. */
	readonly keys = new Set<string>();

	constructor(
		private readonly o: {
			mutex: Mutex;
			log: PartitionedCollection<Bill>;
			deps: FeesDeps;
			add: (bill: Bill) => void;
		}
	) {}

	async run(actor: Actor, input: unknown): Promise<BillRunResult> {
		const v = billRunSchema.parse(input);
		const site = this.o.deps.site.site;
		const standards = site.feeStandards.filter(
			(s) => v.standardIds.length === 0 || v.standardIds.includes(s.id)
		);
		if (standards.length === 0) throw new FoyerError('error.noFeeStandards', {}, 409);
		const dueDate = v.dueDate ?? lastDayOf(v.period);
		return this.o.mutex.run(async () => {
			const runId = `${v.period}-${this.o.log.newId()}`;
			const result: BillRunResult = {
				runId,
				period: v.period,
				issued: 0,
				skipped: 0,
				missingReadings: 0,
				totalFen: 0
			};
			const pending: Omit<Bill, 'id' | 'at'>[] = [];
			for (const unit of site.units) {
				for (const standard of standards) {
					const key = billKey({ unitId: unit.id, period: v.period, standardId: standard.id });
					if (this.keys.has(key)) {
						result.skipped++;
						continue;
					}
					const line = billLine(standard, unit, v.readings[unit.id]);
					if (!line) {
						result.missingReadings++;
						continue;
					}
					pending.push({
						unitId: unit.id,
						period: v.period,
						standardId: standard.id,
						name: standard.name,
						kind: standard.kind,
						quantityCenti: line.quantityCenti,
						unitPriceFen: standard.priceFen,
						amountFen: line.amountFen,
						dueDate,
						runId
					});
				}
			}
			for (let i = 0; i < pending.length; i += BATCH) {
				const written = await Promise.all(
					pending.slice(i, i + BATCH).map((b) => this.o.log.append(b))
				);
				for (const b of written) {
					this.o.add(b);
					result.issued++;
					result.totalFen += b.amountFen;
				}
			}
			await this.o.deps.audit.record(actor, 'fees.billRun', runId, {
				period: v.period,
				issued: result.issued,
				skipped: result.skipped
			});
			if (result.issued > 0) this.o.deps.events.emit('fees:changed', { unitId: null, entry: null });
			return result;
		});
	}
}

/** 2026-02 → 2026-02-28. */
export function lastDayOf(period: string): string {
	const [y, m] = period.split('-').map(Number) as [number, number];
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${period}-${String(last).padStart(2, '0')}`;
}
