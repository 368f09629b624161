import type { LayoutLoad } from './$types';

/**
 * Surfaces that register only their own messages (`$lib/i18n/surfaces/*`, imported by their page);
 * every other page gets the whole catalog before it renders. See docs/i18n.md.
 */
const LIGHT_SURFACES = ['/kiosk'];

export const load: LayoutLoad = async ({ data, url }) => {
	const light = LIGHT_SURFACES.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`));
	if (!light) await import('$lib/i18n');
	return data;
};
