/**
 * The document or log `name`, opened once: every caller, also one that asks while the first
 * open is still under way, shares the same promise. A failed open is forgotten, so the next
 * call tries again (say, after a damaged file was fixed).
 */
export function openOnce<V>(
	opened: Map<string, Promise<V>>,
	name: string,
	open: () => Promise<V>
): Promise<V> {
	let value = opened.get(name);
	if (!value) {
		value = open();
		opened.set(name, value);
		value.catch(() => opened.delete(name));
	}
	return value;
}
