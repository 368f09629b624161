/**
 * A USB/HID QR scanner is a keyboard: it "types" the code's text and presses Enter, a few
 * milliseconds per key. A person at a keyboard needs a hundred or more. So timing tells them
 * apart: keys that follow each other within `gapMs` build up a scan, and an Enter right after
 * such a run submits it. A person's typing never builds a run, so it is never submitted.
 */
export interface ScanOptions {
	/** Longest pause between two keys of one scan (scanners: 1–20 ms; people: 100 ms+). */
	gapMs?: number;
	/** Shortest text that counts as a scan (a check-in code has six digits). */
	minLength?: number;
	/**
	 * The same text again within this long is dropped: a scanner in continuous mode reads a
	 * code held under it again and again, and one guest must count once.
	 */
	repeatMs?: number;
}

/** What one key meant: a finished scan, and whether the key belongs to a scan in progress. */
export interface ScanStep {
	scan: string | null;
	/** Part of a fast run (or the Enter ending one): the page should not act on it as well. */
	swallow: boolean;
}

const NOTHING: ScanStep = { scan: null, swallow: false };
/** Longer than any QR payload we print; a stuck key cannot grow the buffer forever. */
const MAX_LENGTH = 256;

/** Collects one scanner's keys; time is passed in (event.timeStamp), so tests need no clock. */
export class ScanBuffer {
	readonly #gapMs: number;
	readonly #minLength: number;
	readonly #repeatMs: number;
	#text = '';
	#lastKeyAt = -Infinity;
	#lastScan = '';
	#lastScanAt = -Infinity;

	constructor({ gapMs = 50, minLength = 6, repeatMs = 2000 }: ScanOptions = {}) {
		this.#gapMs = gapMs;
		this.#minLength = minLength;
		this.#repeatMs = repeatMs;
	}

	/** Feeds one keydown (`KeyboardEvent.key`) that happened at `at` ms. */
	feed(key: string, at: number): ScanStep {
		const fast = at - this.#lastKeyAt <= this.#gapMs;
		if (key === 'Enter') {
			const text = fast ? this.#text : '';
			this.#text = '';
			this.#lastKeyAt = -Infinity;
			if (text.length < this.#minLength) return NOTHING;
			const repeat = text === this.#lastScan && at - this.#lastScanAt <= this.#repeatMs;
			this.#lastScan = text;
			this.#lastScanAt = at;
			return { scan: repeat ? null : text, swallow: true };
		}
		// Shift (scanners press it for capitals), Tab and the like: not text, and no break in a run.
		if (key.length !== 1) return NOTHING;
		this.#text = fast ? (this.#text + key).slice(-MAX_LENGTH) : key;
		this.#lastKeyAt = at;
		return { scan: null, swallow: fast };
	}
}

/**
 * Listens on `target` (the window) for scans; returns the cleanup. Capture phase, so the
 * scanner's Enter is swallowed before it can also press whatever button has the focus.
 */
export function listenForScans(
	target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
	onscan: (text: string) => void,
	options?: ScanOptions
): () => void {
	const buffer = new ScanBuffer(options);
	const onkey = (e: KeyboardEvent) => {
		// A held key auto-repeats as fast as a scanner types; an IME is composing a person's text.
		if (e.repeat || e.isComposing) return;
		const step = buffer.feed(e.key, e.timeStamp);
		if (step.swallow) e.preventDefault();
		if (step.scan !== null) onscan(step.scan);
	};
	target.addEventListener('keydown', onkey, true);
	return () => target.removeEventListener('keydown', onkey, true);
}
