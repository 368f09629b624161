import { z } from 'zod';
import { FoyerError } from '$lib/domain/errors';
import { demand, type Acting } from '$lib/domain/permissions';
import { packInputSchema, packPeriod, PACK_KINDS, type PackKind } from '$lib/domain/report-packs';
import type { ServiceReport } from '$lib/domain/reports/types';
import type { AuditService } from '../audit/audit';
import type { FoyerStore, RecordLog } from '../store/contract';

/** Who issued a pack (kept by name too: an account may be renamed or removed later). */
const issuerSchema = z.object({ id: z.string(), username: z.string(), displayName: z.string() });

/**
 * One report pack as stored in the record log `report-packs`. `report` is the whole report as
 * computed at the moment of issue (the service's JSON, whatever its shape was then), null while
 * a draft; it is never recomputed, so an issued pack shows what was handed in.
 */
const packSchema = z.object({
	id: z.string(),
	at: z.string(),
	kind: z.enum(PACK_KINDS),
	period: z.string(),
	comments: z.string(),
	/** Who last saved the draft's comments. */
	savedBy: issuerSchema,
	savedAt: z.string(),
	issuedBy: issuerSchema.nullable(),
	issuedAt: z.string().nullable(),
	report: z.record(z.string(), z.unknown()).nullable()
});
export type StoredPack = z.infer<typeof packSchema>;

/** A pack in the list: everything but the frozen figures. */
export type PackSummary = Omit<StoredPack, 'report'>;

/** A pack as the page shows it: an issued one with the report as it was issued. */
export type Pack = PackSummary & { report: ServiceReport | null };

/** What the packs need from the rest of the server. */
export interface PackDeps {
	audit: AuditService;
	/** The clock's now, as an ISO instant. */
	now: () => string;
	/** The report of a period, computed now from the records: what issuing freezes. */
	report: (who: Acting, period: string) => Promise<ServiceReport>;
}

/**
 * Report packs: drafts with the manager's comments, and issued packs, frozen. Reading needs
 * `reports.view`, saving comments and issuing `reports.issue`.
 */
export class ReportPacks {
	private constructor(
		private readonly log: RecordLog<StoredPack>,
		private readonly deps: PackDeps
	) {}

	static async open(store: FoyerStore, deps: PackDeps): Promise<ReportPacks> {
		const log = await store.collection('report-packs', (d) => packSchema.parse(d));
		return new ReportPacks(log, deps);
	}

	/** Every pack, issued ones newest first, then drafts. */
	async list(who: Acting): Promise<PackSummary[]> {
		demand(who.roles, 'reports.view');
		const all = await this.log.list();
		return all
			.map(({ report: _frozen, ...summary }) => summary)
			.sort((a, b) => (b.issuedAt ?? '9').localeCompare(a.issuedAt ?? '9'));
	}

	/** One pack with its frozen figures (null while a draft). */
	async get(who: Acting, id: string): Promise<Pack> {
		demand(who.roles, 'reports.view');
		const pack = await this.log.get(id);
		if (!pack) throw new FoyerError('error.reportPackNotFound', {}, 404);
		// Stored whole as ReportService made it when the pack was issued; never recomputed.
		return pack as Pack;
	}

	/** The draft of a kind and period, if its comments were saved before. */
	async draft(who: Acting, kind: PackKind, period: string): Promise<Pack | undefined> {
		demand(who.roles, 'reports.view');
		// A draft holds no report yet (null), so it is a Pack as it stands.
		return (await this.#draftOf(kind, period)) as Pack | undefined;
	}

	/** Saves a draft's comments (a new draft on the first save); an issued pack stays as it is. */
	async saveComments(who: Acting, input: unknown): Promise<StoredPack> {
		demand(who.roles, 'reports.issue');
		const { kind, period, comments } = packInputSchema.parse(input);
		packPeriod(kind, period);
		const by = issuer(who);
		const at = this.deps.now();
		const draft = await this.#draftOf(kind, period);
		const saved = draft
			? await this.log.update(draft.id, (p) => ({ ...p, comments, savedBy: by, savedAt: at }))
			: await this.log.append({
					kind,
					period,
					comments,
					savedBy: by,
					savedAt: at,
					issuedBy: null,
					issuedAt: null,
					report: null
				});
		if (!saved) throw new FoyerError('error.reportPackNotFound', {}, 404);
		await this.deps.audit.record(who, 'reports.commentsSaved', saved.id, { kind, period });
		return saved;
	}

	/**
	 * Issues the pack of a kind and period with these comments: computes the report now and
	 * keeps it, the comments, the issuer and the time as one record (the draft, if there was
	 * one, becomes the issued pack). A later issue of the same period is a new pack; this one
	 * never changes again.
	 */
	async issue(who: Acting, input: unknown): Promise<StoredPack> {
		demand(who.roles, 'reports.issue');
		const { kind, period, comments } = packInputSchema.parse(input);
		const report = await this.deps.report(who, packPeriod(kind, period).key);
		const by = issuer(who);
		const at = this.deps.now();
		// The report as JSON: plain data, frozen as it is now.
		const frozen = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
		const fields = {
			comments,
			savedBy: by,
			savedAt: at,
			issuedBy: by,
			issuedAt: at,
			report: frozen
		};
		const draft = await this.#draftOf(kind, period);
		const issued = draft
			? await this.log.update(draft.id, (p) => ({ ...p, ...fields }))
			: await this.log.append({ kind, period, ...fields });
		if (!issued) throw new FoyerError('error.reportPackNotFound', {}, 404);
		await this.deps.audit.record(who, 'reports.issued', issued.id, { kind, period });
		return issued;
	}

	async #draftOf(kind: PackKind, period: string): Promise<StoredPack | undefined> {
		const all = await this.log.list();
		return all.find((p) => p.kind === kind && p.period === period && p.issuedAt === null);
	}
}

function issuer(who: Acting): z.infer<typeof issuerSchema> {
	return { id: who.id, username: who.username, displayName: who.displayName };
}
