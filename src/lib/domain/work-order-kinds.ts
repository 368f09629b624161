/**
 * What a work order can be about, its ready-made phrases, and how its number is shown: plain
 * data with no validation library, so a browser screen (the kiosk) can import it and stay light.
 * The schemas in work-order.ts build on these.
 */

export const CATEGORIES = [
	'repair',
	'cleaning',
	'greening',
	'pest',
	'paid',
	'complaint',
	'suggestion'
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Ready-made phrases per category, so nothing has to be typed (keys: workOrder.chip.<id>). */
export const CHIPS: Record<Category, readonly string[]> = {
	repair: ['leak', 'drain', 'power', 'light', 'door', 'window', 'lift', 'intercom', 'gas'],
	cleaning: ['stairwell', 'rubbish', 'spill', 'smell', 'graffiti'],
	greening: ['trim', 'fallenTree', 'watering', 'lawn'],
	pest: ['cockroach', 'mosquito', 'rat', 'ants'],
	paid: ['unclog', 'installation', 'appliance', 'moving'],
	complaint: ['noise', 'parking', 'service', 'pet', 'littering'],
	suggestion: ['facility', 'service', 'event', 'safety']
};

/** 261126003 → 261126-003, as printed and shown. */
export function formatNumber(n: string): string {
	return n.length > 6 ? `${n.slice(0, 6)}-${n.slice(6)}` : n;
}
