/**
 * The rooms page keeps its state in the address (day, view, the open booking or form), so a
 * reload or a link to a colleague shows the same thing. `query` keeps the calendar's day and
 * view and applies `change`; the panel (id, edit, new, at) is closed unless it is named.
 */
export function query(
	current: URLSearchParams,
	change: Record<string, string | null> = {}
): string {
	const q = new URLSearchParams();
	for (const k of ['day', 'view']) {
		const v = current.get(k);
		if (v) q.set(k, v);
	}
	for (const [k, v] of Object.entries(change)) {
		if (v === null) q.delete(k);
		else q.set(k, v);
	}
	return q.toString();
}

/**
 * A form action that keeps the page's query: without JavaScript the answer is rendered at the
 * action's address, and the open booking or form must still be there to show the problem.
 */
export function actionUrl(current: URLSearchParams, name: string): string {
	const q = current.toString();
	return q ? `?${q}&/${name}` : `?/${name}`;
}
