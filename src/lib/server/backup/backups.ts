import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
	backupDue,
	backupFileName,
	backupsToPrune,
	backupWarning,
	type BackupStatus
} from '$lib/domain/backup';
import { demand, type Acting } from '$lib/domain/permissions';
import type { Clock } from '$lib/domain/time';
import type { AuditService } from '../audit/audit';
import type { Doc, FoyerStore } from '../store/contract';
import type { Store } from '../store/store';

/** A store that can be backed up (the embedded one; PostgreSQL's snapshot() says it cannot). */
type BackupStore = FoyerStore & Pick<Store, 'snapshot'>;
import { writeArchive } from './archive';

const statusSchema = z.object({
	last: z
		.object({ file: z.string(), at: z.string(), bytes: z.number(), files: z.number() })
		.nullable(),
	lastAttempt: z
		.object({ at: z.string(), ok: z.boolean(), error: z.string().optional() })
		.nullable()
});

/** How often the scheduler looks at the clock. */
const TICK_MS = 60_000;

export interface BackupOptions {
	/** Where archives go (BACKUP_DIR; by default `backups` beside the data folder). */
	dir: string;
	/** How many archives to keep there (BACKUP_KEEP, 14 by default). */
	keep: number;
	version: string;
}

/** The desk's view of backups: the status and where they go. */
export interface BackupView extends BackupStatus {
	dir: string;
	keep: number;
	warning: ReturnType<typeof backupWarning>;
	running: boolean;
}

/**
 * Backups of the whole data folder while Foyer runs: a consistent snapshot from the store
 * (Store.snapshot), written as one .tar.gz with a manifest and SHA-256 checksums
 * (archive.ts); daily by the clock, on demand from the desk (admin) or `npm run backup`
 * (which signals this process; see main.ts). Keeps the newest `keep` archives.
 */
export class BackupService {
	#running: Promise<BackupStatus['last']> | null = null;

	private constructor(
		private readonly doc: Doc<BackupStatus>,
		private readonly deps: { store: BackupStore; clock: Clock; audit: AuditService },
		readonly options: BackupOptions
	) {}

	static async open(
		deps: { store: BackupStore; clock: Clock; audit: AuditService },
		options: BackupOptions
	): Promise<BackupService> {
		const doc = await deps.store.doc<BackupStatus>('backups', {
			defaults: { last: null, lastAttempt: null },
			parse: (d) => statusSchema.parse(d) as BackupStatus
		});
		return new BackupService(doc, deps, options);
	}

	/** What the desk shows (admins only). */
	view(acting: Acting): BackupView {
		demand(acting.roles, 'backup.run');
		return this.#view();
	}

	/** The warning for the desk's overview, or null (also null for those who may not see backups). */
	warningFor(acting: Acting): BackupView['warning'] {
		try {
			return this.view(acting).warning;
		} catch {
			return null;
		}
	}

	#view(): BackupView {
		const status = this.doc.data;
		return {
			...status,
			dir: this.options.dir,
			keep: this.options.keep,
			warning: backupWarning(this.deps.clock.now(), status),
			running: this.#running !== null
		};
	}

	/** A backup now, by someone at the desk. */
	async runBy(acting: Acting): Promise<BackupView> {
		demand(acting.roles, 'backup.run');
		await this.run({ id: acting.id, username: acting.username }).catch(() => {});
		return this.#view();
	}

	/**
	 * Takes a backup (or joins the one being taken) and resolves with it; rejects when it
	 * failed, which the status then says too.
	 */
	run(actor: { id: string; username: string } | null = null): Promise<BackupStatus['last']> {
		this.#running ??= this.#take(actor).finally(() => (this.#running = null));
		return this.#running;
	}

	async #take(actor: { id: string; username: string } | null): Promise<BackupStatus['last']> {
		const at = this.deps.clock.now();
		try {
			const snapshot = await this.deps.store.snapshot();
			let written;
			try {
				const file = join(this.options.dir, backupFileName(at));
				written = await writeArchive(snapshot.folder, snapshot.files, file, {
					foyer: this.options.version,
					createdAt: at
				});
				written = { file, ...written };
			} finally {
				snapshot.release();
			}
			const last = {
				file: written.file,
				at: at.toISOString(),
				bytes: written.bytes,
				files: written.manifest.files.length
			};
			await this.#prune();
			await this.doc.update((d) => {
				d.last = last;
				d.lastAttempt = { at: at.toISOString(), ok: true };
			});
			await this.deps.audit.record(actor, 'backup.made', last.file, {
				bytes: last.bytes,
				files: last.files
			});
			return last;
		} catch (e) {
			const error = e instanceof Error ? e.message : String(e);
			await this.doc.update((d) => {
				d.lastAttempt = { at: at.toISOString(), ok: false, error };
			});
			await this.deps.audit.record(actor, 'backup.failed', null, { error });
			throw e;
		}
	}

	async #prune(): Promise<void> {
		const names = await readdir(this.options.dir);
		for (const name of backupsToPrune(names, this.options.keep)) {
			await rm(join(this.options.dir, name), { force: true });
		}
	}

	/** Resolves once no backup is being taken (before the store closes). */
	async settled(): Promise<void> {
		await this.#running?.catch(() => {});
	}

	/** One look at the clock: takes the daily backup when it is due. */
	async tick(): Promise<void> {
		if (this.#running || !backupDue(this.deps.clock.now(), this.doc.data)) return;
		await this.run(null);
	}

	/** Starts the daily schedule; returns the stop function. */
	start(log: (message: string, error: unknown) => void): () => void {
		const timer = setInterval(() => {
			this.tick().catch((e: unknown) => log('The scheduled backup failed', e));
		}, TICK_MS);
		timer.unref();
		return () => clearInterval(timer);
	}
}
