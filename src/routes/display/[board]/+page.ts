import { error } from '@sveltejs/kit';
import { isLocale, translate } from '$lib/i18n';
import { isBoard } from '$lib/domain/boards';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, url, parent }) => {
	const lang = url.searchParams.get('lang');
	if (!isBoard(params.board)) {
		const locale = isLocale(lang) ? lang : (await parent()).locale;
		error(404, translate(locale, 'display.unknownBoard', { board: params.board }));
	}
	return {
		board: params.board,
		lang: isLocale(lang) ? lang : null,
		voice: url.searchParams.get('voice') === 'on',
		/** A door panel's room when the screen is not paired for one (read-only, or with a PIN). */
		room: url.searchParams.get('room')
	};
};
