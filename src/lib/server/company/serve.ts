import { FoyerError } from '$lib/domain/errors';
import { demand, type Acting } from '$lib/domain/permissions';
import type { CompanyFigures } from '$lib/domain/reports/company';
import type { Company, SiteFoyer } from './company';

/**
 * The company's figures for a request to one site's Foyer: what /desk/company and
 * GET /api/desk/company answer. A server with no company (a lobby PC, one site alone) answers
 * 404 `error.companyNotServed` — after the permission check, so nobody learns more than they may.
 */
export async function figuresFor(
	app: SiteFoyer & { company: Company | null },
	acting: Acting,
	period: unknown,
	requestUrl: URL
): Promise<CompanyFigures> {
	const company = app.company;
	if (!company) {
		demand(acting.roles, 'company.view');
		throw new FoyerError('error.companyNotServed', {}, 404);
	}
	return company.figures(acting, period, { here: company.siteIdOf(app), requestUrl });
}
