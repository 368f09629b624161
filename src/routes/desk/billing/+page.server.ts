import { fail } from '@sveltejs/kit';
import { arrears, collectionRate } from '$lib/domain/arrears';
import { FoyerError } from '$lib/domain/errors';
import type { Role } from '$lib/domain/staff';
import { translate } from '$lib/i18n';
import { foyer } from '$lib/server/foyer';
import { actorOf, formProblem, requireSection } from '$lib/server/http/respond';
import { parseReadings } from './readings';
import type { Actions, PageServerLoad } from './$types';

/** How many owing units the page lists (the rest are in the building totals). */
const TOP_UNITS = 50;

/** Issuing a period's bills is a manager's decision; cashiers see the form but cannot run it. */
const mayRunBills = (roles: readonly Role[]) =>
	roles.includes('manager') || roles.includes('admin');

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
		standards: site.feeStandards.map((s) => ({
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
		const form = await request.formData();
		const values = {
			period: String(form.get('period') ?? '').trim(),
			dueDate: String(form.get('dueDate') ?? '').trim(),
			standardIds: form.getAll('standardIds').map(String),
			readings: String(form.get('readings') ?? '')
		};
		if (!mayRunBills(session.staff.roles)) {
			return formProblem(new FoyerError('error.managerOnly', {}, 403), locals.locale, { values });
		}
		const app = foyer();
		const parsed = parseReadings(values.readings, new Set(app.site.site.units.map((u) => u.id)));
		if (!parsed.ok) {
			const message = translate(locals.locale, parsed.key, parsed.values);
			return fail(400, {
				problem: { key: parsed.key, message, fields: { readings: message } },
				values
			});
		}
		// No standard ticked would mean "all" to the service: refuse it here instead.
		if (values.standardIds.length === 0) {
			const message = translate(locals.locale, 'error.noStandardChosen');
			return fail(400, {
				problem: { key: 'error.noStandardChosen', message, fields: { standardIds: message } },
				values
			});
		}
		try {
			const result = await app.fees.runs.run(actorOf(session), {
				period: values.period,
				dueDate: values.dueDate || null,
				standardIds: values.standardIds,
				readings: parsed.readings
			});
			return { result };
		} catch (e) {
			return formProblem(e, locals.locale, { values });
		}
	}
};
