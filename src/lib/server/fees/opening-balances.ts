import { billKey, type Bill } from '$lib/domain/fees';
import type { RecordLog, SectionLock } from '../store/contract';
import type { Actor } from '../audit/audit';
import type { FeesDeps } from './fees-deps';

/** One amount owed that the previous system carried: a unit, a period and an item. */
export interface OpeningBalance {
	unitId: string;
	period: string;
	/** What the old system called it (往期欠费 when the file says nothing). */
	item: string;
	amountFen: number;
}

/** Bills carried over are keyed apart from standards: `opening:<item>`. */
export const openingStandardId = (item: string): string => `opening:${item}`;

/** How many bills are written at once (the group commit makes a batch one file write). */
const BATCH = 200;

/**
 * Opening balances (期初欠费) become ordinary bills of their period, so the kiosk's unpaid
 * bills, the cashier and the arrears report show what is really owed, and payments settle
 * them like any bill. A bill is keyed on unit, period and item: importing the same file again
 * issues nothing, and a bill once issued is never changed.
 */
export class OpeningBalances {
	constructor(
		private readonly o: {
			mutex: SectionLock;
			log: RecordLog<Bill>;
			deps: FeesDeps;
			add: (bill: Bill) => void;
			/** The bill issued under a key, if any. */
			find: (key: string) => Bill | undefined;
		}
	) {}

	/** The bill already issued for this balance's unit, period and item, if any. */
	existing(b: Pick<OpeningBalance, 'unitId' | 'period' | 'item'>): Bill | undefined {
		return this.o.find(billKey({ ...b, standardId: openingStandardId(b.item) }));
	}

	/** Issues the balances not yet issued; returns how many were. */
	async issue(actor: Actor, importId: string, rows: readonly OpeningBalance[]): Promise<number> {
		return this.o.mutex.run(async () => {
			const pending = rows.filter((r) => !this.existing(r));
			for (let i = 0; i < pending.length; i += BATCH) {
				const written = await Promise.all(
					pending.slice(i, i + BATCH).map((r) =>
						this.o.log.append({
							unitId: r.unitId,
							period: r.period,
							standardId: openingStandardId(r.item),
							name: r.item,
							kind: 'fixed',
							quantityCenti: 100,
							unitPriceFen: r.amountFen,
							amountFen: r.amountFen,
							dueDate: `${r.period}-01`,
							runId: `opening-${importId}`
						})
					)
				);
				for (const b of written) this.o.add(b);
			}
			if (pending.length > 0) {
				await this.o.deps.audit.record(actor, 'fees.openingBalances', importId, {
					issued: pending.length
				});
				this.o.deps.events.emit('fees:changed', { unitId: null, entry: null });
			}
			return pending.length;
		});
	}
}
