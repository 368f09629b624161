import { addFiles, addMessages, type Locale, type Messages } from '../core';

/*
 * The kiosk's messages: one line per feature file its screens use (both languages of `x.zh-CN.ts`
 * and `x.en.ts`; the two lists must stay the same). Adding a feature to the kiosk = one line in
 * each; `surfaces.test.ts` fails when the kiosk's code uses a key none of these files holds, or
 * the languages differ. See docs/i18n.md.
 *
 * Chinese ships with the page (every visit starts and ends in Chinese); English is a separate
 * chunk fetched when 中文/English is pressed (`loadKioskEnglish`), about 7 KB gzip the kiosk does
 * not carry for the many visits that never switch.
 */
const zh = addFiles(
	import.meta.glob<Record<string, Messages>>(
		[
			'../base.zh-CN.ts',
			'../fees.zh-CN.ts',
			'../work.zh-CN.ts',
			'../rooms.zh-CN.ts',
			'../workkiosk.zh-CN.ts',
			'../roomskiosk.zh-CN.ts',
			'../kioskvisit.zh-CN.ts',
			'../limits.zh-CN.ts',
			'../paykiosk.zh-CN.ts'
		],
		{ eager: true }
	)
)['zh-CN'];

const english = import.meta.glob<Record<string, Messages>>([
	'../base.en.ts',
	'../fees.en.ts',
	'../work.en.ts',
	'../rooms.en.ts',
	'../workkiosk.en.ts',
	'../roomskiosk.en.ts',
	'../kioskvisit.en.ts',
	'../limits.en.ts',
	'../paykiosk.en.ts'
]);

let loading: Promise<Messages> | undefined;

/**
 * Fetches and registers the kiosk's English (once; a failed fetch, e.g. while the server is
 * down, is forgotten so the next press tries again). Resolves once every English message is
 * registered, so the caller can switch language without a paint of empty text.
 */
export function loadKioskEnglish(): Promise<Messages> {
	loading ??= Promise.all(Object.values(english).map((load) => load()))
		.then((modules) => {
			const en: Messages = {};
			for (const exports of modules)
				for (const messages of Object.values(exports)) Object.assign(en, messages);
			addMessages({}, en);
			return en;
		})
		.catch((error: unknown) => {
			loading = undefined;
			throw error;
		});
	return loading;
}

/** Both halves of the kiosk's catalog (loads English): for `surfaces.test.ts`. */
export async function kioskCatalog(): Promise<Record<Locale, Messages>> {
	return { 'zh-CN': zh, en: await loadKioskEnglish() };
}
