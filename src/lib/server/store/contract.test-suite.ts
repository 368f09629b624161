/**
 * The store contract's behaviour, written once: every implementation of FoyerStore (the
 * embedded one, a PostgreSQL one) runs this suite through its own harness.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '$lib/domain/time';
import type { FoyerStore, StoredRecord } from './contract';

/** What a backend provides so the suite can drive it on a fresh, private location. */
export interface StoreHarness {
	/** Opens a store on the harness's location (the same one every call). */
	open(o: { clock: ManualClock; timeZone: () => string }): Promise<FoyerStore>;
	/** Leaves a store as a crash would: no flush, no close. The next open() must still work. */
	crash(store: FoyerStore): Promise<void>;
	/** Puts a record straight into collection `name` behind the store's back (it may be invalid). */
	plant(name: string, day: string, record: unknown): Promise<void>;
	/** What an error about collection `name`'s `day` must name (a file, a table). */
	where(name: string, day: string): string;
	/** Removes the location. */
	dispose(): Promise<void>;
}

interface Note extends StoredRecord {
	text: string;
	done?: boolean;
}

const parseNote = (d: unknown): Note => {
	const r = d as Note;
	if (typeof r?.id !== 'string' || typeof r.at !== 'string' || typeof r.text !== 'string') {
		throw new Error('not a note');
	}
	return r;
};

interface Settings {
	name: string;
	counters: number[];
}
const settingsOptions = {
	defaults: { name: '', counters: [] } as Settings,
	parse: (d: unknown) => d as Settings
};

// 23:30 on 5 January in Shanghai (UTC+8); midnight there is 16:00Z.
const LATE_EVENING = '2026-01-05T15:30:00Z';
const MIDNIGHT = '2026-01-05T16:00:00Z';
const DAY = 86_400_000;

/** Runs the contract suite against the stores `makeHarness` opens. */
export function describeStoreContract(
	name: string,
	makeHarness: () => Promise<StoreHarness>
): void {
	describe(`store contract: ${name}`, () => {
		let h: StoreHarness;
		let clock: ManualClock;
		let zone: string;
		const open: FoyerStore[] = [];
		const openStore = async () => {
			const s = await h.open({ clock, timeZone: () => zone });
			open.push(s);
			return s;
		};

		beforeEach(async () => {
			h = await makeHarness();
			clock = new ManualClock(LATE_EVENING);
			zone = 'Asia/Shanghai';
		});
		afterEach(async () => {
			await Promise.allSettled(open.splice(0).map((s) => s.close()));
			await h.dispose();
		});

		it('a document starts from its defaults, and every acknowledged update is there after reopening', async () => {
			const store = await openStore();
			const doc = await store.doc('settings', settingsOptions);
			expect(doc.data).toEqual({ name: '', counters: [] });
			await doc.update((d) => void (d.name = 'Lobby'));
			await Promise.all([1, 2, 3].map((n) => doc.update((d) => void d.counters.push(n))));
			expect(await store.doc('settings', settingsOptions)).toBe(doc);
			await store.close();
			expect(store.state).toBe('closed');

			const again = await (await openStore()).doc('settings', settingsOptions);
			expect(again.data.name).toBe('Lobby');
			expect([...again.data.counters].sort()).toEqual([1, 2, 3]);
		});

		it('lists records in append order across days; an update keeps its place', async () => {
			const log = await (await openStore()).collection('notes', parseNote);
			const a = await log.append({ text: 'a' });
			const b = await log.append({ text: 'b' });
			clock.set(MIDNIGHT);
			const c = await log.append({ text: 'c' });
			clock.advance(DAY);
			const d = await log.append({ text: 'd' });
			const a2 = await log.update(a.id, (r) => ({ ...r, done: true }));

			expect(a2).toEqual({ ...a, done: true });
			expect(await log.list()).toEqual([a2, b, c, d]);
			expect(await log.list('2026-01-06', '2026-01-06')).toEqual([c]);
			expect(await log.recent(1)).toEqual([d]);
			expect(await log.recent(2)).toEqual([c, d]);
			expect(log.days()).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
		});

		it("ids name the day in the site's time zone, read at the moment of each write", async () => {
			const log = await (await openStore()).collection('notes', parseNote);
			expect(log.newId()).toMatch(/^20260105-/);
			zone = 'Asia/Tokyo'; // 00:30 on the 6th there
			expect(log.newId()).toMatch(/^20260106-/);
			const r = await log.append({ text: 'tokyo' });
			expect(r.id).toMatch(/^20260106-/);
			const id = log.newId();
			expect(await log.append({ text: 'named first' }, id)).toMatchObject({ id });
			expect(await log.get(id)).toMatchObject({ id, text: 'named first' });
		});

		it('get and update of unknown ids answer undefined and store nothing', async () => {
			const log = await (await openStore()).collection('notes', parseNote);
			await log.append({ text: 'x' });
			for (const id of ['20260105-nope', '20250101-nope', 'garbage', '']) {
				expect(await log.get(id)).toBeUndefined();
				expect(await log.update(id, (r) => ({ ...r, done: true }))).toBeUndefined();
			}
			expect(await log.list()).toHaveLength(1);
		});

		it('every acknowledged write, document and record, is there after reopening', async () => {
			const store = await openStore();
			const log = await store.collection('notes', parseNote);
			const doc = await store.doc('settings', settingsOptions);
			const made = await Promise.all(
				Array.from({ length: 30 }, (_, i) => log.append({ text: `n${i}` }))
			);
			const updated = await Promise.all(
				made
					.filter((_, i) => i % 3 === 0)
					.map((r) => log.update(r.id, (x) => ({ ...x, done: true })))
			);
			await doc.update((d) => void (d.name = 'after records'));
			await store.close();

			const again = await openStore();
			const log2 = await again.collection('notes', parseNote);
			const expected = made.map((r) => updated.find((u) => u?.id === r.id) ?? r);
			expect(await log2.list()).toEqual(expected);
			expect((await again.doc('settings', settingsOptions)).data.name).toBe('after records');
		});

		it('after a crash (no flush, no close) every acknowledged write is there and writing goes on', async () => {
			const store = await openStore();
			const log = await store.collection('notes', parseNote);
			const doc = await store.doc('settings', settingsOptions);
			const a = await log.append({ text: 'a' });
			const b = await log.append({ text: 'b' });
			const a2 = await log.update(a.id, (r) => ({ ...r, done: true }));
			await doc.update((d) => void (d.name = 'acknowledged'));
			await h.crash(store);
			open.splice(open.indexOf(store), 1);

			const again = await openStore();
			const log2 = await again.collection('notes', parseNote);
			expect(await log2.list()).toEqual([a2, b]);
			expect((await again.doc('settings', settingsOptions)).data.name).toBe('acknowledged');
			const c = await log2.append({ text: 'c' });
			expect(await log2.list()).toEqual([a2, b, c]);
		});

		it('a stored record that fails validation stops the store from reading it, naming where it is', async () => {
			const store = await openStore();
			const log = await store.collection('notes', parseNote);
			await log.append({ text: 'fine' });
			await store.close();
			await h.plant('notes', '2026-01-05', { id: '20260105-bad', at: LATE_EVENING, text: 42 });

			const again = await openStore();
			const error = await again
				.collection('notes', parseNote)
				.then((l) => l.list())
				.then(
					() => null,
					(e: unknown) => e as Error
				);
			expect(error?.message).toContain(h.where('notes', '2026-01-05'));
		});
	});
}
