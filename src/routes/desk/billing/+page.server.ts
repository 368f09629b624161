import { inForce } from '$lib/domain/site-records';
import { arrears, collectionRate } from '$lib/domain/arrears';
import { can } from '$lib/domain/permissions';
import type { Role } from '$lib/domain/staff';
import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/** How many owing units the page lists (the rest are in the building totals). */
const TOP_UNITS = 50;

/** Issuing a period's bills is a manager's decision; cashiers see the form but cannot run it. */
const mayRunBills = (roles: readonly Role[]) => can(roles, 'billing.run');

export const load: PageServerLoad = ({ locals }) => {
	const session = requireSection(locals, 'billing');
	const app = foyer();
	const site = app.site.site;
	const today = app.fees.today();
	const period = today.slice(0, 7);
	const all = app.fees.allBalances();
	const report = arrears({ balances: all, units: site.units, today });
	const units = new Map(site.units.map((u) => [u.id, u]));
	const buildingName = new Map(site.buildings.map((b) => [b.id, b.name]));
	return {
		period,
		canRun: mayRunBills(session.staff.roles),
		// One line per standard: the version in force today (a run bills each period at the
		// version in force then).
		standards: site.feeStandards
			.filter((s) => inForce(s, today))
			.map((s) => ({
				id: s.id,
				name: s.name,
				kind: s.kind,
				priceFen: s.priceFen
			})),
		buildings: report.buildings.map((b) => ({
			...b,
			name: b.building ? (buildingName.get(b.building) ?? b.building) : null
		})),
		site: report.site,
		unitsOwing: report.units.length,
		top: report.units.slice(0, TOP_UNITS).map((u) => ({ ...u, unit: units.get(u.unitId) ?? null })),
		rate: collectionRate(all, period)
	};
};

export const actions: Actions = {
	run: async ({ request, locals }) => {
		const session = requireSection(locals, 'billing');
		const form = await readForm(request, locals.locale);
		const values = {
			period: String(form.get('period') ?? '').trim(),
			dueDate: String(form.get('dueDate') ?? '').trim(),
			standardIds: form.getAll('standardIds').map(String),
			readings: String(form.get('readings') ?? '')
		};
		try {
			const result = await foyer().fees.runs.runAtDesk(actingOf(session), values);
			return { result };
		} catch (e) {
			return formProblem(e, locals.locale, { values });
		}
	}
};
