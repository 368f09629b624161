import { formatParts, parseMessage, type Part } from './format';
import type { ErrorKey, MessageKey } from './keys';

/**
 * Translation with ICU messages (a small formatter, `format.ts`, checked against intl-messageformat), without any messages of its
 * own: a surface registers the catalog files its screens use (`surfaces/*.ts`, see docs/i18n.md),
 * so the kiosk does not download the desk's words. The server and the desk register everything
 * (`$lib/i18n`). No module-level locale: a translator is made per request (server) or per screen
 * (browser), so two people never share one language by accident.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'foyer_lang';

export type { ErrorKey, MessageKey } from './keys';
export type Values = Record<string, string | number>;

/** One feature file's messages in one language. */
export type Messages = Partial<Record<MessageKey, string>>;

/** The messages registered in this JavaScript context (a browser page, or the server). */
const loaded: Record<Locale, Messages> = { 'zh-CN': {}, en: {} };

const compiled = new Map<string, Part[]>();

/** Makes messages available to `translate`: Chinese and English of the same keys. */
export function addMessages(zh: Messages, en: Messages): void {
	Object.assign(loaded['zh-CN'], zh);
	Object.assign(loaded.en, en);
}

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** True for a key registered here (in the browser: in this surface's catalog). */
export function isMessageKey(key: string): key is MessageKey {
	return key in loaded['zh-CN'];
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
	const message = loaded[locale][k];
	if (message === undefined) return '';
	const id = `${locale}\u0000${k}`;
	let f = compiled.get(id);
	if (!f) {
		f = parseMessage(message);
		compiled.set(id, f);
	}
	return formatParts(f, locale, values);
}

export type Translate = (key: MessageKey, values?: Values) => string;

export function translator(locale: Locale): Translate {
	return (key, values) => translate(locale, key, values);
}

/**
 * Registers the feature files a surface lists (an eager `import.meta.glob` of `../x.{zh-CN,en}.ts`)
 * and returns that surface's catalog, so a test can hold it to the keys the surface's code uses.
 */
export function addFiles(
	modules: Record<string, Record<string, Messages>>
): Record<Locale, Messages> {
	const catalog: Record<Locale, Messages> = { 'zh-CN': {}, en: {} };
	for (const [path, exports] of Object.entries(modules)) {
		const locale: Locale = path.endsWith('.zh-CN.ts') ? 'zh-CN' : 'en';
		for (const messages of Object.values(exports)) Object.assign(catalog[locale], messages);
	}
	addMessages(catalog['zh-CN'], catalog.en);
	return catalog;
}
