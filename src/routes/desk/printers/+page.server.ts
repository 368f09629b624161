import { FoyerError } from '$lib/domain/errors';
import type { Role } from '$lib/domain/staff';
import { dateTime } from '$lib/domain/time';
import { foyer } from '$lib/server/foyer';
import { actorOf, formProblem, requireSection } from '$lib/server/http/respond';
import { PAPER_COLUMNS, testPageDocument, type PrintJob } from '$lib/server/printing';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { virtualPrints } from './virtual-jobs.server';

/** Today's jobs shown, newest first: a busy desk prints a few hundred a day. */
const JOB_LIMIT = 50;
/** What the virtual printer received, newest first. */
const VIRTUAL_LIMIT = 8;

/** Setting printers up changes where receipts go: admins and managers only. */
const canEdit = (roles: readonly Role[]) => roles.includes('admin') || roles.includes('manager');

/** A job as its row shows it: everything but the document. */
function row({ document: _document, ...job }: PrintJob) {
	return job;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const session = requireSection(locals, 'printers');
	const app = foyer();
	const columns = new Map(app.printing.printerList().map((p) => [p.id, p.columns]));
	const printers = app.printing
		.status()
		.map((p) => ({ ...p, cols: columns.get(p.id) ?? PAPER_COLUMNS[p.paper] }));
	const jobs = (await app.printing.list({ days: 1 })).slice(0, JOB_LIMIT).map(row);
	// ?job=<id>: the job whose paper strip is shown; it may be older than today.
	const jobId = url.searchParams.get('job');
	const job = jobId ? await app.printing.get(jobId) : undefined;
	return {
		printers,
		canEdit: canEdit(session.staff.roles),
		jobs,
		jobLimit: JOB_LIMIT,
		selected: job ? { job: row(job), preview: await app.printing.preview(job.id) } : null,
		missingJob: Boolean(jobId && !job),
		virtual: {
			url: app.virtualPrinter.url,
			prints: virtualPrints(app.virtualPrinter.jobs(), VIRTUAL_LIMIT)
		},
		timeZone: app.site.site.timeZone
	};
};

type Actor = ReturnType<typeof actorOf>;

/** Runs one action: section check, form, translated failure tagged with the action's name. */
async function printerAction<R extends Record<string, unknown>>(
	{ request, locals }: RequestEvent,
	action: string,
	act: (form: FormData, actor: Actor, roles: readonly Role[]) => Promise<R>
) {
	const session = requireSection(locals, 'printers');
	const form = await request.formData();
	try {
		return { action, ...(await act(form, actorOf(session), session.staff.roles)) };
	} catch (e) {
		return formProblem(e, locals.locale, { action });
	}
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

function printerOf(id: string) {
	const printer = foyer()
		.printing.printerList()
		.find((p) => p.id === id);
	if (!printer) throw new FoyerError('error.printerNotFound', {}, 404);
	return printer;
}

export const actions: Actions = {
	/** Adds a printer (`mode=add`) or changes one; the schema in savePrinter validates. */
	save: (event) =>
		printerAction(event, 'save', async (form, actor, roles) => {
			if (!canEdit(roles)) throw new FoyerError('error.forbidden', {}, 403);
			const id = text(form, 'id');
			const existing = foyer()
				.printing.printerList()
				.find((p) => p.id === id);
			if (form.get('mode') === 'add' && existing) {
				throw new FoyerError('error.printerIdTaken', { id }, 409);
			}
			const location = text(form, 'location');
			const printer = await foyer().printing.savePrinter(actor, {
				// Keep what this form does not show (columns, ack).
				...existing,
				id,
				name: text(form, 'name'),
				target: text(form, 'target'),
				paper: Number(form.get('paper')),
				location: location || undefined
			});
			return { saved: printer.name };
		}),
	test: (event) =>
		printerAction(event, 'test', async (form, actor) => {
			const app = foyer();
			const printer = printerOf(text(form, 'id'));
			const now = app.clock.now();
			const tz = app.site.site.timeZone;
			const document = testPageDocument({
				paper: printer.paper,
				columns: printer.columns,
				printerName: printer.name,
				target: printer.target,
				printedAt: dateTime(now, tz),
				// The origin is ASCII (an international domain comes punycoded), as a QR needs.
				qrData: `${event.url.origin}/desk/printers`
			});
			await app.printing.enqueue(actor, { printerId: printer.id, kind: 'test', document });
			return { tested: printer.name };
		}),
	probe: (event) =>
		printerAction(event, 'probe', async (form) => {
			const status = await foyer().printing.probe(printerOf(text(form, 'id')).id);
			return { probed: { name: status.name, state: status.state } };
		}),
	retry: (event) =>
		printerAction(event, 'retry', async (form, actor) => {
			await foyer().printing.retry(actor, text(form, 'job'));
			return { retried: true };
		}),
	cancel: (event) =>
		printerAction(event, 'cancel', async (form, actor) => {
			await foyer().printing.cancel(actor, text(form, 'job'));
			return { cancelled: true };
		})
};
