import { isMessageKey, keyOf, type Translate } from '$lib/i18n';

/**
 * A room's equipment is free text in the site file (the demo uses projector, mic, …): known
 * words are translated, anything else an admin typed is shown as typed.
 */
export function equipmentLabel(t: Translate, item: string): string {
	const key = `rooms.equipment.${item}`;
	return isMessageKey(key) ? t(key) : item;
}

/** What the booking's AV needs and the room's equipment add up to, each once, as labels. */
export function checklist(t: Translate, equipment: readonly string[], av: readonly string[]) {
	const labels = [
		...equipment.map((e) => equipmentLabel(t, e)),
		...av.map((a) => t(keyOf(`rooms.av.${a}`)))
	];
	return [...new Set(labels)];
}
