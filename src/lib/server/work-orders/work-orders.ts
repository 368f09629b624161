import { randomBytes } from 'node:crypto';
import { FoyerError } from '$lib/domain/errors';
import { ratingInputSchema } from '$lib/domain/rating';
import { actSchema, reportSchema } from '$lib/domain/work-order-input';
import { canWork, demand } from '$lib/domain/permissions';
import type { Role } from '$lib/domain/staff';
import { dayKey, type Clock } from '$lib/domain/time';
import {
	CHIPS,
	LOW_SCORE,
	NEEDS_TEXT,
	canClose,
	nextStatus,
	workOrderSchema,
	type Action,
	type WorkOrder
} from '$lib/domain/work-order';
import type { DomainEventBus } from '../events';
import type { FoyerStore, RecordLog, SectionLock } from '../store/contract';
import type { AuditService } from '../audit/audit';
import type { SiteService } from '../site/site';

/** Orders this many days old (and every one still open) stay in memory. */
const KEEP_DAYS = 120;

interface Deps {
	clock: Clock;
	audit: AuditService;
	events: DomainEventBus;
	site: SiteService;
	/** Staff roles by id, for dispatch targets (technicians). */
	rolesOf: (staffId: string) => readonly Role[] | null;
}

/** Who acts, with the roles that decide what they may do. */
export interface WorkActor {
	id: string;
	username: string;
	roles: readonly Role[];
}

/**
 * Work orders: reported at the kiosk, by phone or at the desk, worked by dispatchers and
 * technicians. Each order lives in the day file of the day it was reported; every change
 * rewrites only that day's file and is checked against the transition table first.
 */
export class WorkOrderService {
	readonly #mutex: SectionLock;
	readonly #orders = new Map<string, WorkOrder>();

	private constructor(
		private readonly log: RecordLog<WorkOrder>,
		private readonly deps: Deps,
		lock: SectionLock
	) {
		this.#mutex = lock;
	}

	static async open(store: FoyerStore, deps: Deps): Promise<WorkOrderService> {
		const log = await store.collection('workorders', (d) => workOrderSchema.parse(d));
		const s = new WorkOrderService(log, deps, store.lock('workorders'));
		// Orders reported or changed through another server process (several processes).
		log.watch((o) => s.#orders.set(o.id, o));
		const since = dayKey(new Date(deps.clock.now().getTime() - KEEP_DAYS * 86_400_000));
		for (const o of await log.list()) {
			if (o.at.slice(0, 10) >= since || !['closed', 'rejected', 'cancelled'].includes(o.status)) {
				s.#orders.set(o.id, o);
			}
		}
		return s;
	}

	/** An id for an order about to be reported (photos are stored under it first). */
	newId(): string {
		return this.log.newId();
	}

	/** Orders in memory (the last months and every open one), oldest first. */
	all(): WorkOrder[] {
		return [...this.#orders.values()];
	}

	/** The first site day whose orders are all in memory (`all()`): older ones only if open. */
	keptSince(): string {
		const tz = this.deps.site.site.timeZone;
		return dayKey(new Date(this.deps.clock.now().getTime() - (KEEP_DAYS - 1) * 86_400_000), tz);
	}

	/**
	 * Orders reported on the site days `from` to `to` (inclusive) as stored, the newest version
	 * of each, read from the store (older ones are not kept in memory): reports of past periods.
	 */
	reportedBetween(from: string, to: string): Promise<WorkOrder[]> {
		return this.log.list(from, to);
	}

	get(id: string): WorkOrder | undefined {
		return this.#orders.get(id);
	}

	byNumber(number: string): WorkOrder | undefined {
		const n = number.replace(/\D/g, '');
		return this.all().find((o) => o.number === n);
	}

	byRateToken(token: string): WorkOrder | undefined {
		return this.all().find((o) => o.rateToken === token);
	}

	/** A resident reports (kiosk, phone) or staff enter a report (desk). */
	async submit(
		input: unknown,
		who: {
			source: WorkOrder['source'];
			residentId: string | null;
			phoneTail: string | null;
			actor?: WorkActor | null;
			/** Photo files already stored for this order (see photos.ts), by the id to use. */
			photos?: string[];
			id?: string;
		}
	): Promise<WorkOrder> {
		const v = reportSchema.parse(input);
		const site = this.deps.site.site;
		if (v.location.kind === 'unit') {
			const unitId = v.location.unitId;
			if (!site.units.some((u) => u.id === unitId)) throw new FoyerError('error.unitNotFound');
		} else if (v.location.kind === 'room') {
			const roomId = v.location.roomId;
			if (!site.rooms.some((r) => r.id === roomId)) throw new FoyerError('error.roomRequired');
		} else {
			const areaId = v.location.areaId;
			// A deactivated area is gone from every form; a request naming it is refused too.
			if (!site.publicAreas.some((a) => a.id === areaId && a.active)) {
				throw new FoyerError('error.area');
			}
		}
		const chips = v.chips.filter((c) => CHIPS[v.category].includes(c));
		if (chips.length === 0 && !v.text) throw new FoyerError('error.describeProblem');
		return this.#mutex.run(async () => {
			const now = this.deps.clock.now();
			const day = dayKey(now, site.timeZone);
			const seq =
				this.all().filter((o) => dayKey(new Date(o.at), site.timeZone) === day).length + 1;
			const order = await this.log.append(
				{
					number: `${day.slice(2).replaceAll('-', '')}${String(seq).padStart(3, '0')}`,
					category: v.category,
					source: who.source,
					location: v.location,
					chips,
					text: v.text,
					photos: who.photos ?? [],
					residentId: who.residentId,
					phoneTail: who.phoneTail,
					status: 'submitted',
					technicianId: null,
					history: [
						{
							at: now.toISOString(),
							by: who.actor?.username ?? null,
							action: 'submit',
							from: null,
							to: 'submitted',
							note: null
						}
					],
					pauses: [],
					respondedAt: null,
					resolvedAt: null,
					closedAt: null,
					followUp: null,
					rating: null,
					lowScoreTask: null,
					rateToken: randomBytes(12).toString('base64url')
				},
				who.id
			);
			this.#orders.set(order.id, order);
			await this.deps.audit.record(who.actor ?? null, 'workOrder.submitted', order.id, {
				number: order.number,
				category: order.category
			});
			this.deps.events.emit('workOrder:changed', order);
			return order;
		});
	}

	/** One step of the workflow, checked against the transition table and the actor's roles. */
	async act(actor: WorkActor, id: string, input: unknown): Promise<WorkOrder> {
		const v = actSchema.parse(input);
		return this.#mutex.run(async () => {
			const order = this.#orders.get(id);
			if (!order) throw new FoyerError('error.workOrderNotFound', {}, 404);
			this.#allow(actor, order, v.action);
			const to = nextStatus(order.status, v.action);
			if (!to) {
				throw new FoyerError('error.transition', { action: v.action, status: order.status }, 409);
			}
			if (NEEDS_TEXT.includes(v.action) && v.note.length < 2) throw new FoyerError('error.reason');
			const now = this.deps.clock.now().toISOString();
			const change: Partial<WorkOrder> = { status: to };
			if (v.action === 'accept') change.respondedAt = now;
			if (v.action === 'dispatch') {
				const roles = v.technicianId ? this.deps.rolesOf(v.technicianId) : null;
				if (!roles?.includes('technician')) throw new FoyerError('error.technician');
				change.technicianId = v.technicianId;
				change.respondedAt = order.respondedAt ?? now;
			}
			if (v.action === 'hold') change.pauses = [...order.pauses, { from: now, to: null }];
			if (v.action === 'resume' || (v.action === 'dispatch' && order.status === 'onHold')) {
				change.pauses = order.pauses.map((p) => (p.to ? p : { ...p, to: now }));
			}
			if (v.action === 'resolve') {
				change.resolvedAt = now;
				change.respondedAt = order.respondedAt ?? now;
			}
			if (v.action === 'close') {
				if (!canClose(order)) throw new FoyerError('error.complaintNeedsFollowUp', {}, 409);
				change.closedAt = now;
			}
			if (v.action === 'followUp') {
				if (v.score === undefined) throw new FoyerError('error.score');
				const rating = { score: v.score, remarks: v.remarks, at: now, via: 'followUp' as const };
				change.followUp = { ...rating, by: actor.username };
				// One task per order: a later low score does not wipe who followed up the first.
				if (v.score <= LOW_SCORE && !order.lowScoreTask) {
					change.lowScoreTask = { openedAt: now, doneAt: null, by: null };
				}
			}
			const next = await this.#write(order, {
				...change,
				history: [
					...order.history,
					{
						at: now,
						by: actor.username,
						action: v.action,
						from: order.status,
						to,
						note: v.note || (v.action === 'dispatch' ? v.technicianId : null) || null
					}
				]
			});
			await this.deps.audit.record(actor, `workOrder.${v.action}`, id, {
				number: order.number,
				from: order.status,
				to
			});
			return next;
		});
	}

	/** The resident's own rating (QR on the slip, the kiosk): once per order, once resolved. */
	async rate(token: string, input: unknown, channel?: 'kiosk' | 'phone'): Promise<WorkOrder> {
		const v = ratingInputSchema.parse(input);
		return this.#mutex.run(async () => {
			const order = this.byRateToken(token);
			if (!order) throw new FoyerError('error.workOrderNotFound', {}, 404);
			if (!order.resolvedAt) throw new FoyerError('error.notYetResolved', {}, 409);
			if (order.rating) throw new FoyerError('error.alreadyRated', {}, 409);
			const now = this.deps.clock.now().toISOString();
			const rating = {
				score: v.score,
				remarks: v.remarks,
				at: now,
				via: 'resident' as const,
				by: null,
				...(channel ? { channel } : {})
			};
			const next = await this.#write(order, {
				rating,
				...(v.score <= LOW_SCORE && !order.lowScoreTask
					? { lowScoreTask: { openedAt: now, doneAt: null, by: null } }
					: {})
			});
			await this.deps.audit.record(null, 'workOrder.rated', order.id, { score: v.score });
			return next;
		});
	}

	/** The manager followed up a low score. */
	async taskDone(actor: WorkActor, id: string): Promise<WorkOrder> {
		return this.#mutex.run(async () => {
			const order = this.#orders.get(id);
			if (!order?.lowScoreTask) throw new FoyerError('error.workOrderNotFound', {}, 404);
			demand(actor.roles, 'satisfaction.lowScoreTask');
			// Done once: who followed it up, and when, is not overwritten.
			if (order.lowScoreTask.doneAt) return order;
			const now = this.deps.clock.now().toISOString();
			const next = await this.#write(order, {
				lowScoreTask: { ...order.lowScoreTask, doneAt: now, by: actor.username }
			});
			await this.deps.audit.record(actor, 'workOrder.taskDone', id, { number: order.number });
			return next;
		});
	}

	#allow(actor: WorkActor, order: WorkOrder, action: Action): void {
		// A technician works only the orders dispatched to them.
		if (!canWork(actor, order, action)) throw new FoyerError('error.forbidden', {}, 403);
	}

	async #write(order: WorkOrder, change: Partial<WorkOrder>): Promise<WorkOrder> {
		const next = await this.log.update(order.id, (o) => ({ ...o, ...change }));
		if (!next) throw new Error(`work order ${order.id} vanished`);
		this.#orders.set(next.id, next);
		this.deps.events.emit('workOrder:changed', next);
		return next;
	}
}
