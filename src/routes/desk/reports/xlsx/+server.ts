import { foyer } from '$lib/server/foyer';
import { xlsxDownload } from '$lib/server/http/xlsx';
import { actingOf, jsonProblem, requireSection } from '$lib/server/http/respond';
import { reportWorkbook } from '$lib/server/reports/workbook';
import type { RequestHandler } from './$types';

/** GET /desk/reports/xlsx?p=2026-Q3: the report of a period computed now, as .xlsx. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const who = actingOf(requireSection(locals, 'reports'));
	try {
		const report = await foyer().reports.report(who, url.searchParams.get('p') ?? '');
		const bytes = await reportWorkbook(report, locals.locale);
		return xlsxDownload(bytes, `report-${report.current.period.key}.xlsx`);
	} catch (e) {
		return jsonProblem(e, locals.locale);
	}
};
