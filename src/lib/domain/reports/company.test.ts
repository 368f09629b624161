import { describe, expect, it } from 'vitest';
import { companyTotal, type CompanyFigureRow } from './company';

/** A site's row from its counts. */
function row(o: {
	rated: number;
	satisfied: number;
	billed: number;
	paid: number;
	measured: number;
	met: number;
	served: number;
}): CompanyFigureRow {
	return {
		satisfaction: {
			measured: o.rated,
			met: o.satisfied,
			rate: o.rated ? o.satisfied / o.rated : null,
			target: 0.95,
			targetMet: null
		},
		collection: { billedFen: o.billed, paidFen: o.paid, rate: o.billed ? o.paid / o.billed : null },
		onTime: { measured: o.measured, met: o.met, rate: o.measured ? o.met / o.measured : null },
		queue: { served: o.served, called: o.served, waitP50Ms: 60_000 }
	};
}

describe("the company's total", () => {
	it('is counted from the sites’ counts, not an average of their rates', () => {
		// A small site at 100% and a large one at 90%: the company is at 90.9%, not 95%.
		const small = row({
			rated: 10,
			satisfied: 10,
			billed: 100_00,
			paid: 100_00,
			measured: 2,
			met: 2,
			served: 5
		});
		const large = row({
			rated: 100,
			satisfied: 90,
			billed: 900_00,
			paid: 450_00,
			measured: 8,
			met: 4,
			served: 40
		});
		const total = companyTotal([small, large], 90_000);
		expect(total.satisfaction).toMatchObject({ measured: 110, met: 100, targetMet: false });
		expect(total.satisfaction.rate).toBeCloseTo(100 / 110);
		expect(total.collection).toEqual({ billedFen: 1000_00, paidFen: 550_00, rate: 0.55 });
		expect(total.onTime).toEqual({ measured: 10, met: 6, rate: 0.6 });
		expect(total.queue).toEqual({ served: 45, called: 45, waitP50Ms: 90_000 });
	});

	it('shows "nothing counted" (null), not 0%, when no site counted anything', () => {
		const empty = row({
			rated: 0,
			satisfied: 0,
			billed: 0,
			paid: 0,
			measured: 0,
			met: 0,
			served: 0
		});
		const total = companyTotal([empty, empty], null);
		expect(total.satisfaction.rate).toBeNull();
		expect(total.satisfaction.targetMet).toBeNull();
		expect(total.collection.rate).toBeNull();
		expect(total.onTime.rate).toBeNull();
		expect(companyTotal([], null).queue).toEqual({ served: 0, called: 0, waitP50Ms: null });
	});
});
