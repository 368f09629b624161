import { ZodError, z } from 'zod';
import {
	WEEKDAYS,
	WORK_ORDER_CATEGORIES,
	businessHoursSchema,
	slaTargetsSchema
} from '$lib/domain/sla';
import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { datesText, intervalsText, readSlaForm, targetField } from './form';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/** What SlaSettings.save validates. */
const slaDocSchema = z.object({ hours: businessHoursSchema, targets: slaTargetsSchema });

export const load: PageServerLoad = ({ locals }) => {
	requireSection(locals, 'sla');
	const { hours, targets } = foyer().sla;
	return {
		timeZone: hours.timeZone,
		week: WEEKDAYS.map((day) => ({ day, text: intervalsText(hours.week[day]) })),
		workdayTemplate: intervalsText(hours.workdayTemplate),
		holidays: datesText(hours.holidays),
		workdays: datesText(hours.workdays),
		targets: WORK_ORDER_CATEGORIES.map((category) => ({
			category,
			response: targetField(targets[category].responseMinutes),
			resolution: targetField(targets[category].resolutionMinutes)
		}))
	};
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const session = requireSection(locals, 'sla');
		const form = await readForm(request, locals.locale);
		try {
			const app = foyer();
			const { value, issues } = readSlaForm(
				(name) => String(form.get(name) ?? ''),
				// Not edited here: the site's time zone, kept as it is.
				app.sla.hours.timeZone
			);
			// Text that is not even shaped right is reported with the schemas' own findings, so
			// every field's problem shows at once (a field's first problem wins).
			if (issues.length) {
				const checked = slaDocSchema.safeParse(value);
				throw new ZodError([
					...issues.map((i) => ({ code: 'custom' as const, input: null, ...i })),
					...(checked.success ? [] : checked.error.issues)
				]);
			}
			await app.sla.save(actingOf(session), value);
			return { saved: true };
		} catch (e) {
			return formProblem(e, locals.locale);
		}
	}
};
