/**
 * Names in two languages. Everything a resident or guest reads on a public screen (site name,
 * fee items, common areas, rooms, counters) has a Chinese name and may have an English one.
 */

/** Something with a Chinese name and maybe an English one. */
export interface Named {
	name: string;
	nameEn?: string | undefined;
}

/** The name to show: the English one when the screen is in English and there is one, else the Chinese. */
export function localName(thing: Named, locale: string): string {
	return locale === 'en' && thing.nameEn ? thing.nameEn : thing.name;
}
