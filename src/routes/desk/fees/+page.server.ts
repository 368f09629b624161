import { redirect } from '@sveltejs/kit';
import { receiptNumber } from '$lib/domain/fees';
import { can, type Acting } from '$lib/domain/permissions';
import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { searchUnits } from './search';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad } from './$types';

/** The ticket this PC's counter is serving (the queue page remembers the counter). */
const COUNTER_COOKIE = 'foyer_counter';

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	const session = requireSection(locals, 'fees');
	const app = foyer();
	const q = url.searchParams.get('q')?.trim() ?? '';
	const unitId = url.searchParams.get('unit');
	const unit = unitId ? app.site.site.units.find((u) => u.id === unitId) : undefined;
	const results = q && !unit ? searchUnits(app.site.site, q, locals.locale) : [];
	// One match opens at once: the cashier typed a unit (or a phone) and wants its bills.
	if (results.length === 1) {
		redirect(303, `/desk/fees?unit=${encodeURIComponent(results[0]!.id)}`);
	}
	const counterId = cookies.get(COUNTER_COOKIE);
	const serving = counterId ? await app.queue.currentOf(counterId) : undefined;
	return {
		q,
		timeZone: app.site.site.timeZone,
		results,
		isManager: can(session.staff.roles, 'fees.void'),
		flagged: (await app.payments.flagged()).map((i) => ({
			id: i.id,
			unit: app.receipts.unitLabel(i.unitId, locals.locale),
			amountFen: i.amountFen,
			flags: i.flags,
			status: i.status
		})),
		serving: serving ? { id: serving.id, label: serving.label } : null,
		unit: unit
			? {
					id: unit.id,
					label: app.receipts.unitLabel(unit.id, locals.locale),
					areaCentiM2: unit.areaCentiM2,
					residents: app.site.site.residents.filter((r) => r.unitId === unit.id),
					bills: app.fees.bills(unit.id),
					entries: app.fees.entries(unit.id).map((e) => ({
						...e,
						receiptNo: receiptNumber(e),
						voidedBy: app.fees.voidOf(e.id)?.id ?? null
					}))
				}
			: null
	};
};

/** Runs one cashier action: the section check, the form, a translated failure. */
async function feesAction<R extends Record<string, unknown>>(
	{ request, locals }: Parameters<Actions[string]>[0],
	act: (form: FormData, who: Acting) => Promise<R>
) {
	const session = requireSection(locals, 'fees');
	const form = await readForm(request, locals.locale);
	try {
		return await act(form, actingOf(session));
	} catch (e) {
		return formProblem(e, locals.locale);
	}
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
	pay: (event) =>
		feesAction(event, async (form, who) => {
			const { entry, printed } = await foyer().cashier.pay(
				who,
				{
					unitId: text(form, 'unitId'),
					billIds: form.getAll('billId').map(String),
					method: text(form, 'method'),
					tendered: text(form, 'tendered'),
					ticketId: form.get('ticketId') ? text(form, 'ticketId') : null
				},
				{ locale: event.locals.locale, origin: event.url.origin }
			);
			return { paid: receiptNumber(entry), changeFen: entry.changeFen, printed };
		}),
	resolveFlag: (event) =>
		feesAction(event, async (form, who) => {
			await foyer().cashier.resolveFlag(who, text(form, 'intentId'));
			return { resolved: true };
		}),
	reprint: (event) =>
		feesAction(event, async (form, who) => {
			const { entry, printed } = await foyer().cashier.reprint(who, text(form, 'entryId'), {
				locale: event.locals.locale,
				origin: event.url.origin
			});
			return { reprinted: receiptNumber(entry), printed };
		}),
	void: (event) =>
		feesAction(event, async (form, who) => {
			const entry = await foyer().cashier.void(
				who,
				{ entryId: text(form, 'entryId'), reason: text(form, 'reason') },
				event.locals.locale
			);
			return { voided: entry.kind };
		})
};
