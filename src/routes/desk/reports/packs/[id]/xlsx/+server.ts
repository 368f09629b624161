import { FoyerError } from '$lib/domain/errors';
import { dayKey } from '$lib/domain/time';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { xlsxDownload } from '$lib/server/http/xlsx';
import { actingOf, jsonProblem, requireSection } from '$lib/server/http/respond';
import { reportWorkbook } from '$lib/server/reports/workbook';
import type { RequestHandler } from './$types';

/** GET /desk/reports/packs/:id/xlsx: an issued pack's frozen figures as .xlsx. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const who = actingOf(requireSection(locals, 'reports'));
	try {
		const pack = await foyer().reportPacks.get(who, params.id);
		if (!pack.report) throw new FoyerError('error.reportPackNotFound', {}, 404);
		const bytes = await reportWorkbook(pack.report, locals.locale, {
			title: translate(locals.locale, `desk.reports.packs.kind.${pack.kind}`),
			issuedBy: pack.issuedBy?.displayName ?? '',
			issuedAt: dayKey(new Date(pack.issuedAt ?? pack.at), pack.report.site.timeZone),
			comments: pack.comments
		});
		return xlsxDownload(bytes, `${pack.kind}-${pack.period}.xlsx`);
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
