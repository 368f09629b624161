import { IntlMessageFormat } from 'intl-messageformat';
import { en } from './en';
import type { ErrorKey, MessageKey } from './keys';
import { zhCN } from './zh-CN';

/**
 * Translation with ICU messages (intl-messageformat, from FormatJS). No module-level locale:
 * a translator is made per request (server) or per screen (browser), so two people never
 * share one language by accident.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'foyer_lang';

export type { ErrorKey, MessageKey } from './keys';
export type Values = Record<string, string | number>;

export const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

const compiled = new Map<string, IntlMessageFormat>();

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
	return key in zhCN;
}

/**
 * A key built from data (a stored chip id, a key saved with a print job, a URL parameter):
 * checked when it runs, so an unknown one shows `fallback`. Keys written in code need no call.
 */
export function keyOf(key: string, fallback: MessageKey = 'error.invalid'): MessageKey {
	return isMessageKey(key) ? key : fallback;
}

/** True for an error key (e.g. a schema issue's message, or a key that came over the wire). */
export function isErrorKey(key: string): key is ErrorKey {
	return key.startsWith('error.') && isMessageKey(key);
}

/** Translates a key; an unknown key (a bug) falls back to the generic error, never raw text. */
export function translate(locale: Locale, key: MessageKey, values?: Values): string {
	// Keys are checked when compiled; one that came over the wire may still be unknown.
	const k: MessageKey = isMessageKey(key) ? key : 'error.invalid';
	const id = `${locale}\u0000${k}`;
	let f = compiled.get(id);
	if (!f) {
		f = new IntlMessageFormat(catalogs[locale][k], locale);
		compiled.set(id, f);
	}
	return String(f.format(values));
}

export type Translate = (key: MessageKey, values?: Values) => string;

export function translator(locale: Locale): Translate {
	return (key, values) => translate(locale, key, values);
}
