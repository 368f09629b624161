import { receiptNumber } from '$lib/domain/fees';
import { FoyerError } from '$lib/domain/errors';
import { parseYuan } from '$lib/domain/money';
import { foyer } from '$lib/server/foyer';
import { printReceipt, voidSlip, printerFor, unitLabel } from '$lib/server/fees/receipt-printing';
import { actorOf, formProblem, requireSection } from '$lib/server/http/respond';
import { deskPaymentSchema } from '$lib/server/fees/ledger';
import { searchUnits } from './search';
import type { Actions, PageServerLoad } from './$types';

/** The ticket this PC's counter is serving (the queue page remembers the counter). */
const COUNTER_COOKIE = 'foyer_counter';

export const load: PageServerLoad = async ({ locals, url, cookies }) => {
	const session = requireSection(locals, 'fees');
	const app = foyer();
	const q = url.searchParams.get('q')?.trim() ?? '';
	const unitId = url.searchParams.get('unit');
	const unit = unitId ? app.site.site.units.find((u) => u.id === unitId) : undefined;
	const counterId = cookies.get(COUNTER_COOKIE);
	const serving = counterId ? await app.queue.currentOf(counterId) : undefined;
	return {
		q,
		timeZone: app.site.site.timeZone,
		results: q ? searchUnits(app.site.site, q, locals.locale) : [],
		isManager: session.staff.roles.some((r) => r === 'manager' || r === 'admin'),
		flagged: (await app.payments.flagged()).map((i) => ({
			id: i.id,
			unit: unitLabel(app, i.unitId, locals.locale),
			amountFen: i.amountFen,
			flags: i.flags,
			status: i.status
		})),
		serving: serving ? { id: serving.id, label: serving.label } : null,
		unit: unit
			? {
					id: unit.id,
					label: unitLabel(app, unit.id, locals.locale),
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
	act: (form: FormData, session: ReturnType<typeof requireSection>) => Promise<R>
) {
	const session = requireSection(locals, 'fees');
	const form = await request.formData();
	try {
		return await act(form, session);
	} catch (e) {
		return formProblem(e, locals.locale);
	}
}

export const actions: Actions = {
	pay: (event) =>
		feesAction(event, async (form, session) => {
			const app = foyer();
			const method = String(form.get('method') ?? '');
			const typed = String(form.get('tendered') ?? '').trim();
			const tenderedFen = typed ? parseYuan(typed) : null;
			if (typed && tenderedFen === null) throw new FoyerError('error.amountFormat');
			const input = deskPaymentSchema.parse({
				unitId: String(form.get('unitId') ?? ''),
				billIds: form.getAll('billId').map(String),
				method,
				tenderedFen: method === 'cash' ? tenderedFen : null,
				ticketId: form.get('ticketId') ? String(form.get('ticketId')) : null
			});
			const actor = actorOf(session);
			const entry = await app.fees.pay(actor, {
				...input,
				drawer: { id: session.staff.id, name: session.staff.displayName }
			});
			if (input.ticketId) {
				// The visit becomes the case record; a ticket gone meanwhile does not undo the payment.
				await app.queue
					.link(actor, input.ticketId, { kind: 'payment', id: entry.id })
					.catch(() => {});
			}
			const job = await printReceipt(app, entry, {
				locale: event.locals.locale,
				origin: event.url.origin,
				actor
			});
			return {
				paid: receiptNumber(entry),
				changeFen: entry.changeFen,
				printed: job !== null
			};
		}),
	resolveFlag: (event) =>
		feesAction(event, async (form, session) => {
			await foyer().payments.resolveFlags(actorOf(session), String(form.get('intentId') ?? ''));
			return { resolved: true };
		}),
	reprint: (event) =>
		feesAction(event, async (form, session) => {
			const app = foyer();
			const entry = app.fees.entry(String(form.get('entryId') ?? ''));
			if (!entry || entry.kind !== 'payment') throw new FoyerError('error.entryNotFound', {}, 404);
			const job = await printReceipt(app, entry, {
				locale: event.locals.locale,
				origin: event.url.origin,
				actor: actorOf(session),
				reprint: true
			});
			return { reprinted: receiptNumber(entry), printed: job !== null };
		}),
	void: (event) =>
		feesAction(event, async (form, session) => {
			const app = foyer();
			if (!session.staff.roles.some((r) => r === 'manager' || r === 'admin')) {
				throw new FoyerError('error.managerOnly', {}, 403);
			}
			const actor = actorOf(session);
			const reason = String(form.get('reason') ?? '');
			const entry = await app.fees.void(
				actor,
				{ id: session.staff.id, name: session.staff.displayName },
				{ entryId: String(form.get('entryId') ?? ''), reason },
				(original) => app.payments.refund(original, reason)
			);
			const printerId = printerFor(app, null);
			if (printerId) {
				await app.printing
					.enqueue(actor, {
						printerId,
						kind: 'void',
						document: voidSlip(app, entry, event.locals.locale, session.staff.displayName)
					})
					.catch((e: unknown) => console.error('Void slip could not be queued', e));
			}
			return { voided: entry.kind };
		})
};
