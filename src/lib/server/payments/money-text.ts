/**
 * Yuan amounts as providers write them ("12.30", "`0.01") to and from integer fen, by string
 * arithmetic: a float would turn 0.29 yuan into 28 fen.
 */

/** "12.3" / "12.30" / "`12.30" → 1230; null when not an amount. */
export function yuanToFen(text: string): number | null {
	const m = /^-?(\d+)(?:\.(\d{1,2}))?$/.exec(text.replace(/^`/, '').trim());
	if (!m) return null;
	const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
	return text.trim().replace(/^`/, '').startsWith('-') ? -fen : fen;
}

/** 1230 → "12.30". */
export function fenToYuan(fen: number): string {
	return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** An instant in China time as `yyyy-MM-ddTHH:mm:ss+08:00` (WeChat's RFC 3339 `time_expire`). */
export function chinaRfc3339(at: Date): string {
	return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
}

/** An instant in China time as `yyyy-MM-dd HH:mm:ss` (Alipay's timestamps). */
export function chinaDateTime(at: Date): string {
	return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Alipay's `yyyy-MM-dd HH:mm:ss` (China time) back to an ISO instant; null if not one. */
export function fromChinaDateTime(text: string | undefined): string | null {
	if (!text || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text)) return null;
	return new Date(`${text.replace(' ', 'T')}+08:00`).toISOString();
}
