import { z } from 'zod';
import type { RecordLog } from '../store/contract';
import type { FoyerStore } from '../store/contract';

export const auditEntrySchema = z.object({
	id: z.string(),
	at: z.string(),
	actor: z.object({ id: z.string(), username: z.string() }).nullable(),
	action: z.string(),
	target: z.string().nullable(),
	detail: z.record(z.string(), z.unknown()).nullable()
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Who did something; null for the system itself (seeding, automatic releases). */
export type Actor = { id: string; username: string } | null;

/** Every state change, with who and when. Append-only, one file per day. */
export class AuditService {
	private constructor(private readonly log: RecordLog<AuditEntry>) {}

	static async open(store: FoyerStore): Promise<AuditService> {
		return new AuditService(await store.collection('audit', (d) => auditEntrySchema.parse(d)));
	}

	record(
		actor: Actor,
		action: string,
		target: string | null = null,
		detail: Record<string, unknown> | null = null
	): Promise<AuditEntry> {
		return this.log.append({ actor, action, target, detail });
	}

	/** The last `days` days of entries, newest first. */
	async recent(days = 7): Promise<AuditEntry[]> {
		return (await this.log.recent(days)).reverse();
	}
}
