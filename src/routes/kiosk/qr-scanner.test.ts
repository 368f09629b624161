import { describe, expect, it, vi } from 'vitest';
import { ScanBuffer, listenForScans } from './qr-scanner';

/** Feeds `keys` starting at `from` ms, `gap` ms apart; returns what each key gave. */
function type(buffer: ScanBuffer, keys: string[], from: number, gap: number) {
	return keys.map((k, i) => buffer.feed(k, from + i * gap));
}

const PAYLOAD = 'FOYER-MEETING-123456';

describe('ScanBuffer', () => {
	it('collects keys typed within 50 ms of each other and submits them on Enter', () => {
		const b = new ScanBuffer();
		const steps = type(b, [...PAYLOAD, 'Enter'], 1000, 8);
		expect(steps.at(-1)).toEqual({ scan: PAYLOAD, swallow: true });
		expect(steps.slice(0, -1).every((s) => s.scan === null)).toBe(true);
	});

	it('ignores a person typing the same text slowly', () => {
		const b = new ScanBuffer();
		const steps = type(b, [...'123456', 'Enter'], 1000, 150);
		expect(steps.every((s) => s.scan === null && !s.swallow)).toBe(true);
	});

	it('swallows the keys of a fast run after its first, but no key of slow typing', () => {
		const b = new ScanBuffer();
		expect(type(b, [...'1234'], 0, 5).map((s) => s.swallow)).toEqual([false, true, true, true]);
		expect(type(b, [...'1234'], 500, 200).map((s) => s.swallow)).toEqual([
			false,
			false,
			false,
			false
		]);
	});

	it('does not submit a run whose Enter comes late', () => {
		const b = new ScanBuffer();
		type(b, [...PAYLOAD], 0, 5);
		expect(b.feed('Enter', 5 * PAYLOAD.length + 400).scan).toBeNull();
	});

	it('starts a scan afresh after a slow key, leaving what a person typed out of it', () => {
		const b = new ScanBuffer();
		b.feed('9', 0);
		type(b, [...PAYLOAD], 300, 5);
		expect(b.feed('Enter', 300 + 5 * PAYLOAD.length).scan).toBe(PAYLOAD);
	});

	it('keeps a run through the Shift a scanner presses for capitals', () => {
		const b = new ScanBuffer();
		const keys = [...PAYLOAD].flatMap((k) => (/[A-Z]/.test(k) ? ['Shift', k] : [k]));
		const steps = type(b, [...keys, 'Enter'], 0, 4);
		expect(steps.at(-1)?.scan).toBe(PAYLOAD);
	});

	it('takes a fast run shorter than a code as no scan', () => {
		const b = new ScanBuffer();
		expect(type(b, [...'123', 'Enter'], 0, 5).at(-1)).toEqual({ scan: null, swallow: false });
	});

	it('counts the same code read twice in a row once, and again after a while', () => {
		const b = new ScanBuffer({ repeatMs: 2000 });
		expect(type(b, [...PAYLOAD, 'Enter'], 0, 5).at(-1)?.scan).toBe(PAYLOAD);
		expect(type(b, [...PAYLOAD, 'Enter'], 800, 5).at(-1)).toEqual({ scan: null, swallow: true });
		expect(type(b, [...'FOYER-MEETING-654321', 'Enter'], 1600, 5).at(-1)?.scan).toBe(
			'FOYER-MEETING-654321'
		);
		expect(type(b, [...PAYLOAD, 'Enter'], 5000, 5).at(-1)?.scan).toBe(PAYLOAD);
	});
});

describe('listenForScans', () => {
	it('reports a scan, swallows its Enter, and stops listening on cleanup', () => {
		const target = new EventTarget();
		const onscan = vi.fn();
		const stop = listenForScans(target as unknown as Window, onscan);
		const press = (key: string, timeStamp: number) => {
			// Node has no KeyboardEvent: an Event with the fields the listener reads.
			const preventDefault = vi.fn();
			const event = new Event('keydown');
			Object.defineProperties(event, {
				key: { value: key },
				timeStamp: { value: timeStamp },
				repeat: { value: false },
				isComposing: { value: false },
				preventDefault: { value: preventDefault }
			});
			target.dispatchEvent(event);
			return preventDefault;
		};
		[...PAYLOAD].forEach((k, i) => press(k, i * 5));
		const enter = press('Enter', PAYLOAD.length * 5);
		expect(onscan).toHaveBeenCalledWith(PAYLOAD);
		expect(enter).toHaveBeenCalled();
		stop();
		[...'FOYER-MEETING-000000'].forEach((k, i) => press(k, 10_000 + i * 5));
		press('Enter', 10_200);
		expect(onscan).toHaveBeenCalledTimes(1);
	});
});
