import { describe, expect, it } from 'vitest';
import { HashBusyError, HashScheduler } from './hash-scheduler';

/** A hash that finishes when the test says so. */
function gate() {
	let open!: () => void;
	const done = new Promise<void>((resolve) => (open = resolve));
	return { open, work: () => done.then(() => 'hashed') };
}

/** Lets resolved promises run their continuations. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('HashScheduler', () => {
	it('runs two hashes at once for the whole server and the next when one ends', async () => {
		const hashing = new HashScheduler(2);
		const gates = [gate(), gate(), gate()];
		const runs = gates.map((g, i) => hashing.run(g.work, { address: `10.0.0.${i}` }));
		await settle();
		expect(hashing.running).toBe(2);
		gates[0]!.open();
		await runs[0];
		await settle();
		expect(hashing.running).toBe(2);
		gates[1]!.open();
		gates[2]!.open();
		expect(await Promise.all(runs)).toEqual(['hashed', 'hashed', 'hashed']);
	});

	it('refuses a second hash from an address at once, and takes one again when it is done', async () => {
		const hashing = new HashScheduler(2);
		const first = gate();
		const running = hashing.run(first.work, { address: '10.0.0.66' });
		expect(() => hashing.run(gate().work, { address: '10.0.0.66' })).toThrow(HashBusyError);
		// Another address is not held up by the flood: it takes the free slot.
		const honest = gate();
		const other = hashing.run(honest.work, { address: '10.0.0.7' });
		await settle();
		expect(hashing.running).toBe(2);
		honest.open();
		await other;
		first.open();
		await running;
		const again = gate();
		const next = hashing.run(again.work, { address: '10.0.0.66' });
		again.open();
		expect(await next).toBe('hashed');
	});

	it('checks one account’s passwords one at a time, in order, without holding up others', async () => {
		const hashing = new HashScheduler(2);
		const a = gate();
		const b = gate();
		const c = gate();
		const order: string[] = [];
		const first = hashing
			.run(a.work, { address: '1', account: 'manager' })
			.then(() => order.push('a'));
		const second = hashing
			.run(b.work, { address: '2', account: 'manager' })
			.then(() => order.push('b'));
		const elsewhere = hashing.run(c.work, { address: '3', account: 'cashier' });
		await settle();
		// manager's second check waits; cashier's runs beside the first.
		expect(hashing.running).toBe(2);
		c.open();
		await elsewhere;
		await settle();
		expect(hashing.running).toBe(1);
		b.open();
		await settle();
		expect(order).toEqual([]);
		a.open();
		await Promise.all([first, second]);
		expect(order).toEqual(['a', 'b']);
	});
});
