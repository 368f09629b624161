type Listener = (limiter: string) => void;

/**
 * Everyone told when an attempt or request limit refuses someone (the refusals metric). The
 * limits are made inside many services, each with its own clock and numbers; passing a
 * listener to each would thread monitoring through every constructor, so this one list is
 * process-wide — as the refusals it counts are, whoever asked.
 */
const listeners = new Set<Listener>();

/** Listens to refusals; returns the function that stops listening. */
export function onRefusal(fn: Listener): () => void {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

/** Says that the limiter `limiter` (login, identify, tracking, pairing …) refused a request. */
export function refused(limiter: string): void {
	for (const fn of listeners) fn(limiter);
}
