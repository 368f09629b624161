import { FoyerError } from '$lib/domain/errors';
import { authorize } from '../staff/acting';
import type { Acting } from '$lib/domain/permissions';
import { newNoticeSchema, noticeSchema, type Notice } from '$lib/domain/notice';
import type { Clock } from '$lib/domain/time';
import type { DomainEventBus } from '../events';
import type { RecordLog } from '../store/contract';
import type { FoyerStore } from '../store/contract';
import type { AuditService } from '../audit/audit';

/** How far back start-up looks for notices still showing. */
const LIVE_DAYS = 90;

/** Notices on the lobby screens: published by staff, shown until cleared. */
export class NoticeService {
	readonly #live = new Map<string, Notice>();

	private constructor(
		private readonly log: RecordLog<Notice>,
		private readonly deps: { clock: Clock; audit: AuditService; events: DomainEventBus }
	) {}

	static async open(
		store: FoyerStore,
		deps: { clock: Clock; audit: AuditService; events: DomainEventBus }
	): Promise<NoticeService> {
		const log = await store.collection('notices', (d) => noticeSchema.parse(d));
		const service = new NoticeService(log, deps);
		for (const n of await log.recent(LIVE_DAYS)) if (!n.clearedAt) service.#live.set(n.id, n);
		// Published or cleared through another server process (several processes).
		log.watch((n) => (n.clearedAt ? service.#live.delete(n.id) : service.#live.set(n.id, n)));
		return service;
	}

	/** Notices showing now, newest first. */
	live(): Notice[] {
		return [...this.#live.values()].reverse();
	}

	async get(id: string): Promise<Notice | undefined> {
		return this.log.get(id);
	}

	async publish(who: Acting | null, input: unknown): Promise<Notice> {
		const actor = authorize(who, 'notices.publish');
		const v = newNoticeSchema.parse(input);
		// Screens are told as soon as the notice itself is on disk; its audit entry is written
		// next, and the answer waits for it (a failed audit write still fails the request, with
		// the notice stored and shown, as it is). Writing the audit entry first, or at the same
		// time, put its fdatasync before every push.
		const notice = await this.log.append({
			...v,
			createdBy: actor?.username ?? 'system',
			clearedAt: null,
			clearedBy: null
		});
		this.#live.set(notice.id, notice);
		this.deps.events.emit('notice:published', notice);
		await this.deps.audit.record(actor, 'notice.published', notice.id, {
			level: v.level,
			title: v.title
		});
		return notice;
	}

	async clear(who: Acting | null, id: string): Promise<Notice> {
		const actor = authorize(who, 'notices.publish');
		if (!this.#live.has(id)) throw new FoyerError('error.noticeNotFound', {}, 404);
		const cleared = await this.log.update(id, (n) => ({
			...n,
			clearedAt: this.deps.clock.now().toISOString(),
			clearedBy: actor?.username ?? 'system'
		}));
		if (!cleared) throw new FoyerError('error.noticeNotFound', {}, 404);
		this.#live.delete(id);
		await this.deps.audit.record(actor, 'notice.cleared', id);
		this.deps.events.emit('notice:cleared', cleared);
		return cleared;
	}
}
