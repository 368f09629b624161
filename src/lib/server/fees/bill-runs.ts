import { FoyerError } from '$lib/domain/errors';
import { billKey, billLine, type Bill } from '$lib/domain/fees';
import { billRunSchema } from '$lib/domain/fees-input';
import type { RecordLog, SectionLock } from '../store/contract';
import type { Actor } from '../audit/audit';
import { auditActor, authorize } from '../staff/acting';
import type { Acting } from '$lib/domain/permissions';
import { parseReadings, storedReadings } from '$lib/domain/readings';
import { appliesTo, inForce } from '$lib/domain/site-records';
import type { FeesDeps } from './fees-deps';

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

/** The desk's bill-run form, as typed. */
export interface BillRunForm {
	period: string;
	dueDate: string;
	standardIds: string[];
	readings: string;
}

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
			mutex: SectionLock;
			log: RecordLog<Bill>;
			deps: FeesDeps;
			add: (bill: Bill) => void;
		}
	) {}

	/**
	 * A bill run as the desk's form asks for it (a manager's decision): meter readings as typed
	 * or pasted text, and at least one standard ticked (none would mean every standard).
	 */
	async runAtDesk(who: Acting, form: BillRunForm): Promise<BillRunResult> {
		authorize(who, 'billing.run');
		const units = new Set(this.o.deps.site.site.units.map((u) => u.id));
		const parsed = parseReadings(form.readings, units);
		if (!parsed.ok) throw new FoyerError(parsed.key, parsed.values, 400, 'readings');
		if (form.standardIds.length === 0) {
			throw new FoyerError('error.noStandardChosen', {}, 400, 'standardIds');
		}
		return this.run(auditActor(who), {
			period: form.period,
			dueDate: form.dueDate || null,
			standardIds: form.standardIds,
			readings: parsed.readings
		});
	}

	/** Issues a period's bills for every unit; running it again issues no duplicates. */
	async run(actor: Actor, input: unknown): Promise<BillRunResult> {
		const v = billRunSchema.parse(input);
		const site = this.o.deps.site.site;
		// A standard is chosen by any of its versions; the period bills at the version in force
		// on its first day (a later price change never rewrites bills already issued).
		const chosen = new Set(
			site.feeStandards
				.filter((s) => v.standardIds.length === 0 || v.standardIds.includes(s.id))
				.map((s) => s.name)
		);
		const standards = site.feeStandards.filter(
			(s) => chosen.has(s.name) && inForce(s, `${v.period}-01`)
		);
		if (standards.length === 0) throw new FoyerError('error.noFeeStandards', {}, 409);
		const dueDate = v.dueDate ?? lastDayOf(v.period);
		const imported = new Map(
			standards
				.filter((s) => s.kind === 'metered')
				.map((s) => [s.name, storedReadings(site, s.name, v.period)])
		);
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
				if (!unit.active) continue;
				for (const standard of standards) {
					if (!appliesTo(standard, unit)) continue;
					const key = billKey({ unitId: unit.id, period: v.period, standardId: standard.id });
					if (this.keys.has(key)) {
						result.skipped++;
						continue;
					}
					// Typed at the run first; else what the readings import stored for the period.
					const reading =
						v.readings[unit.id] ?? imported.get(standard.name)?.get(unit.id) ?? undefined;
					const line = billLine(standard, unit, reading);
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
