import { IntlMessageFormat } from 'intl-messageformat';
import { en } from './en';
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

export type MessageKey = keyof typeof zhCN;
export type Values = Record<string, string | number>;

export const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

const compiled = new Map<string, IntlMessageFormat>();

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
	return key in zhCN;
}

/** Translates a key; an unknown key (a bug) falls back to the generic error, never raw text. */
export function translate(locale: Locale, key: string, values?: Values): string {
	const k: MessageKey = isMessageKey(key) ? key : 'error.invalid';
	const id = `${locale}\u0000${k}`;
	let f = compiled.get(id);
	if (!f) {
		f = new IntlMessageFormat(catalogs[locale][k], locale);
		compiled.set(id, f);
	}
	return String(f.format(values));
}

export type Translate = (key: MessageKey | string, values?: Values) => string;

export function translator(locale: Locale): Translate {
	return (key, values) => translate(locale, key, values);
}
