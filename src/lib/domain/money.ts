/**
 * Money is integer fen (分) everywhere; yuan appear only when a person reads or types an amount.
 */

/** 128050 → "1,280.50" (yuan with two decimals and thousands separators). */
export function yuan(fen: number): string {
	if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
	const sign = fen < 0 ? '-' : '';
	const abs = Math.abs(fen);
	const whole = Math.floor(abs / 100)
		.toString()
		.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * 128050 → "￥1,280.50". The full-width ￥ (U+FFE5) is in GBK, so the same text prints on a
 * receipt; the half-width ¥ is not (docs/decisions.md, decision 9).
 */
export function formatFen(fen: number): string {
	return fen < 0 ? `-￥${yuan(-fen)}` : `￥${yuan(fen)}`;
}

/**
 * What a person typed, in yuan ("12", "12.5", "1,280.50", "￥12.30"), to fen; null when it is not
 * an amount with at most two decimals. Parsed as text, never through floating point.
 */
export function parseYuan(input: string): number | null {
	const s = input
		.trim()
		.replace(/^[￥¥]/, '')
		.replaceAll(',', '')
		.trim();
	const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
	if (!m) return null;
	return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * The rounding rule for every computed amount: an exact product in hundredths of a fen is
 * rounded half up to whole fen (四舍五入到分), once per bill line, never on sums.
 */
export function roundCentiFen(centiFen: number): number {
	if (!Number.isSafeInteger(centiFen) || centiFen < 0) throw new RangeError(`${centiFen}`);
	return Math.floor((centiFen + 50) / 100);
}
