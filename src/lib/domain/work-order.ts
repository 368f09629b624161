import { z } from 'zod';
import { scoreSchema } from './rating';
import { CATEGORIES, type Category } from './work-order-kinds';

/**
 * Work orders (工单): repairs, environment requests, paid services, complaints and suggestions,
 * from a resident's report to the follow-up call. The allowed moves are one table
 * (TRANSITIONS); the server checks every change against it.
 */

// The kinds, their phrases and the number format live in a module without zod, so screens
// (the kiosk) use them without shipping the validation library; re-exported for everyone else.
export { CATEGORIES, CHIPS, formatNumber, type Category } from './work-order-kinds';

export const STATUSES = [
	'submitted',
	'accepted',
	'dispatched',
	'inProgress',
	'onHold',
	'resolved',
	'followedUp',
	'closed',
	'rejected',
	'cancelled'
] as const;
export type Status = (typeof STATUSES)[number];

/** Finished: nothing more happens to the order. */
export const FINAL: readonly Status[] = ['closed', 'rejected', 'cancelled'];

export const ACTIONS = [
	'accept',
	'reject',
	'dispatch',
	'start',
	'hold',
	'resume',
	'resolve',
	'followUp',
	'close',
	'cancel',
	'note'
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Every allowed move: action → the statuses it may start from → where it leads (null: stays).
 * Anything else is refused. `resolve` may skip dispatch (a suggestion answered, a phone fix);
 * a complaint may not close before its follow-up call (see canClose).
 */
export const TRANSITIONS: Record<Action, { from: readonly Status[]; to: Status | null }> = {
	accept: { from: ['submitted'], to: 'accepted' },
	reject: { from: ['submitted'], to: 'rejected' },
	dispatch: { from: ['accepted', 'dispatched', 'onHold'], to: 'dispatched' },
	start: { from: ['dispatched'], to: 'inProgress' },
	hold: { from: ['dispatched', 'inProgress'], to: 'onHold' },
	resume: { from: ['onHold'], to: 'inProgress' },
	resolve: { from: ['accepted', 'dispatched', 'inProgress'], to: 'resolved' },
	followUp: { from: ['resolved'], to: 'followedUp' },
	close: { from: ['resolved', 'followedUp'], to: 'closed' },
	cancel: { from: ['submitted', 'accepted', 'dispatched', 'onHold'], to: 'cancelled' },
	note: {
		from: ['submitted', 'accepted', 'dispatched', 'inProgress', 'onHold', 'resolved', 'followedUp'],
		to: null
	}
};

/** Actions that need a reason or note typed in. */
export const NEEDS_TEXT: readonly Action[] = ['reject', 'hold', 'cancel', 'note'];

// Who may take which step: see canWork in permissions.ts.

/** Where an action leads from `status`, or null when the move is not allowed. */
export function nextStatus(status: Status, action: Action): Status | null {
	const t = TRANSITIONS[action];
	if (!t.from.includes(status)) return null;
	return t.to ?? status;
}

/** A complaint closes only after its follow-up call (回访); others may close once resolved. */
export function canClose(order: { category: Category; status: Status }): boolean {
	if (order.category === 'complaint') return order.status === 'followedUp';
	return order.status === 'resolved' || order.status === 'followedUp';
}

/** A score at or below this opens a follow-up task for the manager. */
export const LOW_SCORE = 3;

export const locationSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('unit'), unitId: z.string() }),
	z.object({ kind: z.literal('area'), areaId: z.string() }),
	/** A meeting room (a failed AV check reports its room). */
	z.object({ kind: z.literal('room'), roomId: z.string() })
]);
export type WorkOrderLocation = z.infer<typeof locationSchema>;

export const historyEntrySchema = z.object({
	at: z.string(),
	/** Username, or null for the resident (kiosk, phone). */
	by: z.string().nullable(),
	action: z.union([z.enum(ACTIONS), z.literal('submit'), z.literal('rate')]),
	from: z.enum(STATUSES).nullable(),
	to: z.enum(STATUSES),
	note: z.string().nullable()
});

export const ratingSchema = z.object({
	score: scoreSchema,
	remarks: z.string().max(500),
	at: z.string(),
	/** Who gave it: the resident (QR, kiosk) or staff recording a follow-up call. */
	via: z.enum(['resident', 'followUp']),
	by: z.string().nullable(),
	/** Where a resident rated: at the kiosk or on their phone (/w/…). Absent on follow-up
	 * calls and on ratings from before Foyer kept it (reports: "channel unknown"). */
	channel: z.enum(['kiosk', 'phone']).optional()
});
export type Rating = z.infer<typeof ratingSchema>;

export const workOrderSchema = z.object({
	id: z.string(),
	at: z.string(),
	/** What residents type and staff read out: YYMMDD and a 3-digit daily number, 261126003. */
	number: z.string(),
	category: z.enum(CATEGORIES),
	source: z.enum(['kiosk', 'phone', 'desk']),
	location: locationSchema,
	chips: z.array(z.string()),
	text: z.string().max(1000),
	/** Photos sent from the phone: file names under photos/<order id>/ (staff only). */
	photos: z.array(z.string()).default([]),
	/** The resident who reported it (for the follow-up call); null when anonymous. */
	residentId: z.string().nullable(),
	/** Last 4 digits the resident may track it with (null: only staff can look it up). */
	phoneTail: z.string().nullable(),
	status: z.enum(STATUSES),
	technicianId: z.string().nullable(),
	history: z.array(historyEntrySchema),
	/** On-hold spans (the SLA clock stops); `to` null while on hold. */
	pauses: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
	respondedAt: z.string().nullable(),
	resolvedAt: z.string().nullable(),
	closedAt: z.string().nullable(),
	/** The follow-up call's verdict (staff) and the resident's own rating. */
	followUp: ratingSchema.nullable(),
	rating: ratingSchema.nullable(),
	/** A low score opened a task for the manager; done when they followed it up. */
	lowScoreTask: z
		.object({ openedAt: z.string(), doneAt: z.string().nullable(), by: z.string().nullable() })
		.nullable(),
	/** Unguessable: the rating QR on a closed order's slip and the resident's receipt. */
	rateToken: z.string()
});
export type WorkOrder = z.infer<typeof workOrderSchema>;
