/**
 * The pure parts of the charts: how wide a label is, where the ticks go, which colour a heat-map
 * cell takes. Kept apart from the Svelte components so they are tested without a browser.
 */

/** Okabe–Ito colours: told apart by people with every common colour-vision deficiency. */
export const PALETTE = {
	blue: '#0072B2',
	orange: '#E69F00',
	sky: '#56B4E9',
	green: '#009E73',
	vermillion: '#D55E00',
	purple: '#CC79A7',
	yellow: '#F0E442',
	grey: '#6b7280'
} as const;

/** Colours for a series of categories (payment methods, age buckets), in this order. */
export const SERIES = [
	PALETTE.blue,
	PALETTE.orange,
	PALETTE.green,
	PALETTE.purple,
	PALETTE.sky,
	PALETTE.vermillion,
	PALETTE.grey
] as const;

/** A CJK character takes a full em; Latin letters and digits a little over half of one. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/u;

/**
 * The width in px a label needs at `fontSize`, estimated without a browser (the server draws
 * the charts): wide characters count 1 em, others 0.6 em. It errs on the wide side so labels
 * are not cut.
 */
export function labelWidth(text: string, fontSize: number): number {
	let ems = 0;
	for (const ch of text) ems += WIDE.test(ch) ? 1 : 0.6;
	return Math.ceil(ems * fontSize);
}

/**
 * A label shortened with "…" to fit `maxWidth` px at `fontSize` (the whole label stays in the
 * chart's table and its tooltip).
 */
export function fitLabel(text: string, fontSize: number, maxWidth: number): string {
	if (labelWidth(text, fontSize) <= maxWidth) return text;
	const chars = [...text];
	while (chars.length > 1 && labelWidth(chars.join('') + '…', fontSize) > maxWidth) chars.pop();
	return chars.join('') + '…';
}

/**
 * Round ticks from 0 to at least `max`: 1, 2 or 5 times a power of ten, about `count` of them.
 * A rate axis passes max 1 and gets 0, 0.2, … 1; `whole` keeps a count's ticks whole.
 */
export function ticks(max: number, count = 5, whole = false): number[] {
	if (!(max > 0)) return [0, 1];
	const raw = max / count;
	const power = 10 ** Math.floor(Math.log10(raw));
	const nice = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
	// Counts step by whole numbers: an axis of 0, 0.5, 1 would read 0, 1, 1 once rounded.
	const step = whole ? Math.max(1, nice) : nice;
	const out: number[] = [];
	// Rounded to the step's decimals, so 0.1 + 0.2 shows as 0.3.
	const digits = Math.max(0, -Math.floor(Math.log10(step)));
	for (let v = 0; v < max + step / 2; v += step) out.push(Number(v.toFixed(digits)));
	if (out[out.length - 1]! < max) out.push(Number((out.length * step).toFixed(digits)));
	return out;
}

/** Sequential blues, light to dark, for the heat map (printable in grey too). */
const HEAT = ['#f1f5fb', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;

/** The fill of a heat-map cell holding `value` when the busiest holds `max`. */
export function heatColour(value: number, max: number): string {
	if (!(max > 0) || value <= 0) return HEAT[0];
	const step = Math.min(HEAT.length - 1, 1 + Math.floor((value / max) * (HEAT.length - 1.0001)));
	return HEAT[step]!;
}

/** Whether text on a heat-map cell of this fill must be white to be read. */
export function darkCell(fill: string): boolean {
	return fill === HEAT[4] || fill === HEAT[5];
}
