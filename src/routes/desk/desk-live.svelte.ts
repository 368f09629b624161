import { goto, invalidateAll } from '$app/navigation';
import { resolve } from '$app/paths';
import { DeskLive } from '$lib/realtime/client.svelte';

/** A desk page's live connection; when the session ends (log-out elsewhere), back to login. */
export function deskLive(): DeskLive {
	return new DeskLive({
		withCredentials: true,
		onEnded: () => void goto(resolve('/desk/login'))
	});
}

/** The kinds of change a desk snapshot only keeps the last of (see DeskSnapshot). */
type Change =
	'lastFees' | 'lastFlag' | 'lastPrint' | 'lastWorkOrder' | 'lastBooking' | 'lastRating';

/**
 * A desk page whose data comes from its load: connects, and reloads the data whenever one of
 * `changes` is pushed, and every `everyMs` too when what it shows moves with the clock (SLA
 * badges, "AV check due"). Call it while the page is being created.
 */
export function reloadOn(changes: readonly Change[], options: { everyMs?: number } = {}): void {
	const live = deskLive();
	$effect(() => live.listen());
	// Versions, not the objects: the snapshot is replaced on every push (the queue's too).
	const version = $derived(changes.reduce((s, c) => s + (live.state?.[c]?.version ?? 0), 0));
	$effect(() => {
		if (version) void invalidateAll();
	});
	const every = options.everyMs;
	if (every) {
		$effect(() => {
			const timer = setInterval(() => void invalidateAll(), every);
			return () => clearInterval(timer);
		});
	}
}
