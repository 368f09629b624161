/**
 * A small ICU message formatter covering what Foyer's catalogs use — `{arg}`, `{n, plural, =0 {…}
 * one {…} other {… # …}}`, `{k, select, a {…} other {…}}` and ICU apostrophe quoting — so the
 * browser does not download intl-messageformat and its parser (~10 KB gzip of the kiosk's 80 KB).
 * `format.test.ts` holds it to intl-messageformat on every message of every catalog.
 */
export type Part =
	| string
	| { arg: string }
	| { arg: string; plural: Record<string, Part[]> }
	| { arg: string; select: Record<string, Part[]> }
	| { pound: true };

/** Parses one message into parts; throws on syntax it does not know (caught by the test). */
export function parseMessage(text: string): Part[] {
	let i = 0;
	function parts(inPlural: boolean): Part[] {
		const out: Part[] = [];
		let lit = '';
		while (i < text.length) {
			const c = text[i];
			if (c === "'") {
				const next = text[i + 1];
				if (next === "'") {
					lit += "'";
					i += 2;
				} else if (next === '{' || next === '}' || (inPlural && next === '#')) {
					const end = text.indexOf("'", i + 1);
					const stop = end < 0 ? text.length : end;
					lit += text.slice(i + 1, stop).replace(/''/g, "'");
					i = stop + 1;
				} else {
					lit += c;
					i++;
				}
			} else if (c === '}') break;
			else if (c === '#' && inPlural) {
				if (lit) out.push(lit);
				lit = '';
				out.push({ pound: true });
				i++;
			} else if (c === '{') {
				if (lit) out.push(lit);
				lit = '';
				i++;
				out.push(argument());
			} else {
				lit += c;
				i++;
			}
		}
		if (lit) out.push(lit);
		return out;
	}
	function word(): string {
		const m = /^\s*([^\s,{}]+)\s*/.exec(text.slice(i));
		if (!m) throw new SyntaxError(`bad message: ${text}`);
		i += m[0].length;
		return m[1] ?? '';
	}
	function argument(): Part {
		const arg = word();
		if (text[i] === '}') {
			i++;
			return { arg };
		}
		if (text[i] !== ',') throw new SyntaxError(`bad message: ${text}`);
		i++;
		const type = word();
		if (type !== 'plural' && type !== 'select') throw new SyntaxError(`unsupported: ${text}`);
		if (text[i] !== ',') throw new SyntaxError(`bad message: ${text}`);
		i++;
		const options: Record<string, Part[]> = {};
		for (;;) {
			while (/\s/.test(text[i] ?? '')) i++;
			if (text[i] === '}') break;
			const key = word();
			if (text[i] !== '{') throw new SyntaxError(`bad message: ${text}`);
			i++;
			options[key] = parts(type === 'plural');
			if (text[i] !== '}') throw new SyntaxError(`bad message: ${text}`);
			i++;
		}
		i++;
		return type === 'plural' ? { arg, plural: options } : { arg, select: options };
	}
	const out = parts(false);
	if (i < text.length) throw new SyntaxError(`bad message: ${text}`);
	return out;
}

/** Fills in a parsed message, as intl-messageformat would. */
export function formatParts(
	parts: Part[],
	locale: string,
	values: Record<string, string | number> = {},
	pound?: number
): string {
	let out = '';
	for (const p of parts) {
		if (typeof p === 'string') out += p;
		else if ('pound' in p)
			out += pound === undefined ? '#' : new Intl.NumberFormat(locale).format(pound);
		else if ('plural' in p) {
			const n = Number(values[p.arg]);
			const options = p.plural;
			const chosen =
				options[`=${n}`] ?? options[new Intl.PluralRules(locale).select(n)] ?? options.other ?? [];
			out += formatParts(chosen, locale, values, n);
		} else if ('select' in p) {
			const chosen = p.select[String(values[p.arg])] ?? p.select.other ?? [];
			out += formatParts(chosen, locale, values, pound);
		} else out += String(values[p.arg]);
	}
	return out;
}
