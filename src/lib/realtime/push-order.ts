import { receive, type PublicSnapshot, type Versioned } from './events';

/** How long a push that came before its predecessor waits for it before the screen re-syncs.
 * Across processes a large push (a board, sent through the adapter's table) can be overtaken
 * by a small one sent after it. */
export const HOLD_MS = 2000;

/** A push that came early: a version of its process is still missing before it. */
export interface Held {
	event: string;
	payload: Versioned;
}

/**
 * Applies a push and then whatever was held that it unblocks, in each process's order. Pure.
 * Returns the new state (the same object when nothing applied) and what must still wait.
 */
export function deliver<S extends PublicSnapshot>(
	state: S,
	held: readonly Held[],
	push: Held
): { state: S; held: Held[] } {
	let current = state;
	let waiting = [...held, push];
	for (let progressed = true; progressed;) {
		progressed = false;
		const still: Held[] = [];
		for (const h of waiting) {
			const r = receive(current, h.event, h.payload);
			if (r === 'early') still.push(h);
			else if (r !== 'seen') {
				current = r.apply;
				progressed = true;
			}
		}
		waiting = still;
	}
	return { state: current, held: waiting };
}
