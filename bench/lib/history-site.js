/**
 * Helpers of the two-year history generator (history.js): a seeded random source, site time
 * (local day and minute → instant), ids in the store's format (docs/store.md) and the extra
 * buildings and units a large estate has. Plain JS so the bench and the tests both load it.
 */

/** A deterministic random source (mulberry32): the same seed writes the same history. */
export function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Random helpers over one source. */
export function dice(rand) {
	return {
		rand,
		/** Integer in [lo, hi]. */
		int: (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)),
		pick: (list) => list[Math.floor(rand() * list.length)],
		/** A key of `weights` ({ key: weight }) drawn by weight. */
		weighted(weights) {
			const total = Object.values(weights).reduce((a, b) => a + b, 0);
			let x = rand() * total;
			for (const [k, w] of Object.entries(weights)) if ((x -= w) < 0) return k;
			return Object.keys(weights)[0];
		},
		/** Exponentially distributed with the given mean. */
		exp: (mean) => -Math.log(1 - rand()) * mean,
		/** A token of url-safe letters, like the store's random ids. */
		token(n = 8) {
			const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
			let s = '';
			for (let i = 0; i < n; i++) s += abc[Math.floor(rand() * 64)];
			return s;
		}
	};
}

const DAY_MS = 86_400_000;

/** Site time of one zone: the instant of a local day's minute, and the local day of an instant. */
export function siteClock(timeZone) {
	const f = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric'
	});
	const offsets = new Map();
	/** Wall clock minus UTC, looked up once per UTC hour. */
	const offset = (t) => {
		const h = Math.floor(t / 3_600_000);
		let o = offsets.get(h);
		if (o === undefined) {
			const [mo, d, y, hh, mi] = f
				.format(h * 3_600_000)
				.split(/\D+/)
				.map(Number);
			o = Date.UTC(y, mo - 1, d, hh, mi) - h * 3_600_000;
			offsets.set(h, o);
		}
		return o;
	};
	return {
		/** The instant of minute `minute` (may exceed a day) of local day `day` (YYYY-MM-DD). */
		at(day, minute) {
			const wall = Date.parse(`${day}T00:00:00Z`) + minute * 60_000;
			return wall - offset(wall - offset(wall));
		},
		/** The local day of an instant. */
		day: (t) => new Date(t + offset(t)).toISOString().slice(0, 10),
		/** 0 = Monday … 6 = Sunday, of a local day. */
		weekday: (day) => (Date.parse(`${day}T00:00:00Z`) / DAY_MS + 3) % 7
	};
}

/** `n` days after `day`. */
export const addDays = (day, n) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The store's record id: the local day, then random letters (record-log.ts newId). */
export const recordId = (day, d) => `${day.replaceAll('-', '')}-${d.token(8)}`;

/** Months `YYYY-MM` from the month of `from` to the month of `to`. */
export function monthsOf(from, to) {
	const out = [];
	let [y, m] = from.split('-').map(Number);
	while (`${y}-${String(m).padStart(2, '0')}` <= to.slice(0, 7)) {
		out.push(`${y}-${String(m).padStart(2, '0')}`);
		if (++m > 12) [y, m] = [y + 1, 1];
	}
	return out;
}

/**
 * Grows the demo site to `units` units: more buildings of 2 entrances × 20 floors × 2 units,
 * like the seed's, so the ledger of two years has the size of a large estate's.
 */
export function growSite(site, units, d) {
	const areas = [6850, 8950, 10820, 12875, 14300];
	let b = site.buildings.length;
	while (site.units.length < units) {
		b++;
		site.buildings.push({ id: String(b), name: `${b}栋`, entrances: 2, floors: 20, active: true });
		for (let e = 1; e <= 2 && site.units.length < units; e++)
			for (let f = 1; f <= 20 && site.units.length < units; f++)
				for (let r = 1; r <= 2 && site.units.length < units; r++) {
					const room = `${f}${String(r).padStart(2, '0')}`;
					site.units.push({
						id: `${b}-${e}-${room}`,
						building: String(b),
						entrance: String(e),
						room,
						areaCentiM2: d.pick(areas),
						use: 'residential',
						state: 'occupied',
						active: true
					});
				}
	}
	return site;
}
