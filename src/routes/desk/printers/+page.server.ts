import { can, type Acting } from '$lib/domain/permissions';
import { foyer } from '$lib/server/foyer';
import { actingOf, formProblem, requireSection } from '$lib/server/http/respond';
import { PAPER_COLUMNS, type PrintJob } from '$lib/server/printing';
import { readForm } from '$lib/server/http/body';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { virtualPrints } from './virtual-jobs.server';

/** Today's jobs shown, newest first: a busy desk prints a few hundred a day. */
const JOB_LIMIT = 50;
/** What the virtual printer received, newest first. */
const VIRTUAL_LIMIT = 8;

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
		canEdit: can(session.staff.roles, 'printers.manage'),
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

/** Runs one action: section check, form, translated failure tagged with the action's name. */
async function printerAction<R extends Record<string, unknown>>(
	{ request, locals }: RequestEvent,
	action: string,
	act: (form: FormData, who: Acting) => Promise<R>
) {
	const session = requireSection(locals, 'printers');
	const form = await readForm(request, locals.locale);
	try {
		return { action, ...(await act(form, actingOf(session))) };
	} catch (e) {
		return formProblem(e, locals.locale, { action });
	}
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
	/** Adds a printer (`mode=add`) or changes one. */
	save: (event) =>
		printerAction(event, 'save', async (form, who) => {
			const printer = await foyer().printerDesk.save(who, {
				mode: form.get('mode') === 'add' ? 'add' : 'edit',
				id: text(form, 'id'),
				name: text(form, 'name'),
				target: text(form, 'target'),
				paper: Number(form.get('paper')),
				location: text(form, 'location')
			});
			return { saved: printer.name };
		}),
	test: (event) =>
		printerAction(event, 'test', async (form, who) => {
			const printer = await foyer().printerDesk.test(who, text(form, 'id'), event.url.origin);
			return { tested: printer.name };
		}),
	probe: (event) =>
		printerAction(event, 'probe', async (form, who) => {
			const status = await foyer().printerDesk.probe(who, text(form, 'id'));
			return { probed: { name: status.name, state: status.state } };
		}),
	retry: (event) =>
		printerAction(event, 'retry', async (form, who) => {
			await foyer().printerDesk.retry(who, text(form, 'job'));
			return { retried: true };
		}),
	cancel: (event) =>
		printerAction(event, 'cancel', async (form, who) => {
			await foyer().printerDesk.cancel(who, text(form, 'job'));
			return { cancelled: true };
		})
};
