import { addFiles, type Messages } from '../core';

/**
 * The kiosk's messages: one line per feature file its screens use (both languages of `x.zh-CN.ts`
 * and `x.en.ts`). Adding a feature to the kiosk = one line here; `surfaces.test.ts` fails when the
 * kiosk's code uses a key none of these files holds. See docs/i18n.md.
 */
export const kioskCatalog = addFiles(
	import.meta.glob<Record<string, Messages>>(
		[
			'../base.{zh-CN,en}.ts',
			'../fees.{zh-CN,en}.ts',
			'../work.{zh-CN,en}.ts',
			'../rooms.{zh-CN,en}.ts',
			'../workkiosk.{zh-CN,en}.ts',
			'../roomskiosk.{zh-CN,en}.ts',
			'../kioskvisit.{zh-CN,en}.ts',
			'../limits.{zh-CN,en}.ts',
			'../paykiosk.{zh-CN,en}.ts'
		],
		{ eager: true }
	)
);
