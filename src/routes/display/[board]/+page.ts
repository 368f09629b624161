import { error } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { isBoard } from '../boards';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, url }) => {
	if (!isBoard(params.board)) error(404, `display.unknownBoard:${params.board}`);
	const lang = url.searchParams.get('lang');
	return { board: params.board, lang: isLocale(lang) ? lang : null };
};
