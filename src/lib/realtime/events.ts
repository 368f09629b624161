/**
 * Foyer's realtime contract: the one declaration of every Socket.IO event, used by the server
 * and the browser alike. Two namespaces, by audience:
 *
 * - `/public`: kiosks, wall displays, door panels. Gets projections redacted on the server
 *   (no names, phones, full unit numbers or amounts owed) and can change nothing.
 * - `/desk`: staff, authenticated from the session cookie; a foreign Origin is refused.
 *
 * On every (re)connect the server sends `snapshot`. Every later push carries the `epoch` of
 * the process that sent it (one per process start) and its `version` (+1 per push of that
 * process in the namespace). Several processes may push to one screen (a cluster, through the
 * adapter), so a client counts versions per epoch: a push from another process is applied, a
 * version it already has is ignored, and one that comes before its predecessor waits for it
 * (push-order.ts) or, failing that, the client asks for `snapshot:get` and starts over.
 */
import type { DeviceState } from '$lib/domain/device';
import type { Problem } from '$lib/domain/errors';
import type { Notice, PublicNotice } from '$lib/domain/notice';
import type { IntentView } from '$lib/domain/payment';
import type { PublicCall, PublicQueue } from '$lib/domain/queue';
import type { PublicRoomsBoard } from '$lib/domain/rooms-board';
import type { Role } from '$lib/domain/staff';
import type { TodayOverview } from '$lib/domain/today';
import type { BackOfficeBoard, PublicWorkBoard } from '$lib/domain/work-order-board';

export const PUBLIC_NAMESPACE = '/public';
export const DESK_NAMESPACE = '/desk';

/** What every push and snapshot carries so a client can tell whether it missed something. */
export interface Versioned {
	epoch: string;
	version: number;
}

export interface PublicSite {
	name: string;
	/** The English name, shown when a public screen is in English. */
	nameEn?: string | undefined;
	timeZone: string;
	ready: boolean;
	/** For the kiosk's unit keypad: buildings and their entrance counts (nothing personal). */
	buildings: { id: string; name: string; entrances: number }[];
}

export interface PublicSnapshot extends Versioned {
	/** The server's clock when this was sent (ISO); screens show time from it. */
	serverTime: string;
	site: PublicSite;
	notices: PublicNotice[];
	queue: PublicQueue;
	/** The lobby's work-order board (masked; complaints only as counts). */
	workOrders: PublicWorkBoard;
	/** Every meeting room now (private titles hidden). */
	rooms: PublicRoomsBoard;
	/** Kept by clients: the last call pushed, with the client's count of pushes applied when it
	 * came (a recall of the same ticket gets a new one, so a board can flash again). */
	lastCall?: (PublicCall & { version: number }) | null;
	/** Kept by clients: the last version applied from each other process (by epoch). */
	origins?: Record<string, number>;
	/** Kept by clients: pushes applied by this screen (it marks `lastCall` and the desk's
	 * `last…`; versions of two processes may be equal, this count never repeats). */
	applied?: number;
}

export interface DeskSnapshot extends PublicSnapshot {
	me: { id: string; displayName: string; roles: Role[] };
	/** Sockets connected now. */
	clients: { public: number; desk: number };
	/** Kept by clients: the last change of fees, payments or printing they heard of, so a page
	 * showing them knows to reload its data (each carries the version of its push). */
	lastFees?: (DeskPushes['fees:changed'] & { version: number }) | null;
	lastFlag?: (DeskPushes['payment:flagged'] & { version: number }) | null;
	lastPrint?: (DeskPushes['print:changed'] & { version: number }) | null;
	lastWorkOrder?: (DeskPushes['workOrder:changed'] & { version: number }) | null;
	lastBooking?: (DeskPushes['booking:changed'] & { version: number }) | null;
	lastRating?: (DeskPushes['rating:added'] & { version: number }) | null;
}

/** Pushes to public screens: event name → payload (without the version fields). */
export interface PublicPushes {
	'notice:published': PublicNotice;
	'notice:cleared': { id: string };
	'site:updated': PublicSite;
	/** The whole (small) public queue; `call` is set when a ticket was (re)called. */
	'queue:updated': { queue: PublicQueue; call: PublicCall | null };
	/** The whole public work-order board: on every change, and each minute as SLAs run. */
	'workOrders:updated': { board: PublicWorkBoard };
	/** The whole rooms board: on every booking change, and as rooms change state by the clock. */
	'rooms:updated': { board: PublicRoomsBoard };
}

/** Pushes to the desk. */
export interface DeskPushes extends PublicPushes {
	'clients:changed': { public: number; desk: number };
	/** A unit's bills or payments changed (unitId null: many units, e.g. a bill run). */
	'fees:changed': { unitId: string | null; entryId: string | null };
	/** Money arrived that could not be settled as it was (see PaymentIntent.flags). */
	'payment:flagged': { intentId: string; unitId: string };
	/** A print job or printer changed state. */
	'print:changed': { printerId: string; jobId: string | null };
	/** A work order was reported or changed. */
	'workOrder:changed': { id: string; number: string; status: string };
	/** A booking was made or changed. */
	'booking:changed': { id: string; roomId: string; status: string };
	/** A resident rated a payment's service (receipt QR, kiosk): satisfaction moved. */
	'rating:added': { score: number };
}

type Pushes<P> = { [K in keyof P]: (payload: P[K] & Versioned) => void };

export interface PublicServerToClient extends Pushes<PublicPushes> {
	snapshot: (snapshot: PublicSnapshot) => void;
	/** To a paired screen only (it connected with `auth: { device: token }`): what it is and
	 * which board it shows; null when the token is unknown (pair again). Not versioned. */
	'device:state': (state: DeviceState | null) => void;
	/** To a paired screen only: reload the page. */
	'device:reload': () => void;
	/** To the kiosk watching a QR payment (payment:watch) only: its new status. Not versioned. */
	'payment:updated': (intent: IntentView) => void;
	/** To screens paired as back-office only: the detailed work-order board, on connect and on
	 * every change. Not versioned (it is whole each time). */
	'backoffice:workOrders': (board: BackOfficeBoard) => void;
}

export interface PublicClientToServer {
	'snapshot:get': (ack: (snapshot: PublicSnapshot) => void) => void;
	/**
	 * The kiosk showing a QR asks to hear that payment's status (`payment:updated`); acked with
	 * where it stands now, or null. Intent ids are unguessable; this changes nothing.
	 */
	'payment:watch': (intentId: string, ack: (intent: IntentView | null) => void) => void;
}

export interface DeskServerToClient extends Pushes<DeskPushes> {
	snapshot: (snapshot: DeskSnapshot) => void;
	/**
	 * To desks whose person may see it (`overview.view`: managers, admins) only: the whole
	 * "today" overview, on connect and whenever a figure changed (at most every 500 ms, and
	 * each minute as waits and SLAs run). Not versioned: it is whole each time, and other
	 * desks never get it, so it cannot count in the namespace's versions.
	 */
	'overview:today': (overview: TodayOverview) => void;
}

/** A notice as the desk's form has it: text fields, validated by the server. */
export interface NoticeForm {
	level: string;
	title: string;
	body: string;
}

/** What a desk request is answered with: what it made, or why not (translated). */
export type DeskAnswer<T> = ({ ok: true } & T) | { ok: false; problem: Problem };

export interface DeskClientToServer {
	'snapshot:get': (ack: (snapshot: DeskSnapshot) => void) => void;
	/**
	 * Publish a notice (`{ level, title, body }`), as `/desk/notices?/publish` does: the same
	 * permission, validation and audit. Acked once the notice is stored and pushed.
	 */
	'notice:publish': (
		input: NoticeForm,
		ack: (answer: DeskAnswer<{ notice: Notice }>) => void
	) => void;
}

/** A message from the server as a listener gets it: `[event, payload]`, one member per event
 * (`payload` is undefined for an event sent with none). */
export type MessageOf<M> = {
	[K in keyof M]: M[K] extends (...args: infer A) => void ? [event: K, payload: A[0]] : never;
}[keyof M];

/** Messages to one public screen only, not versioned: what it is (paired screens), a reload,
 * the QR payment it watches, the back-office detail. */
export type ScreenMessage = MessageOf<Omit<PublicServerToClient, keyof PublicPushes | 'snapshot'>>;

/** How each push changes a snapshot (the `version` it is given is the client's `applied`
 * count, unique on this screen, not the sender's). A desk-only push on a
 * public snapshot would only add a field nobody reads; the server never sends one there. */
const REDUCERS: {
	[K in keyof DeskPushes]: <S extends PublicSnapshot>(
		state: S,
		payload: DeskPushes[K] & Versioned
	) => S;
} = {
	'notice:published': (state, n) => ({
		...state,
		notices: [n, ...state.notices.filter((x) => x.id !== n.id)]
	}),
	'notice:cleared': (state, { id }) => ({
		...state,
		notices: state.notices.filter((x) => x.id !== id)
	}),
	'site:updated': (state, { epoch: _e, version: _v, ...site }) => ({ ...state, site }),
	'queue:updated': (state, { queue, call, version }) => ({
		...state,
		queue,
		lastCall: call ? { ...call, version } : (state.lastCall ?? null)
	}),
	'workOrders:updated': (state, { board }) => ({ ...state, workOrders: board }),
	'rooms:updated': (state, { board }) => ({ ...state, rooms: board }),
	'clients:changed': (state, { epoch: _e, version: _v, ...clients }) => ({ ...state, clients }),
	// Changes a desk snapshot only keeps the last of, with the version that carried it.
	'fees:changed': (state, { epoch: _e, ...lastFees }) => ({ ...state, lastFees }),
	'payment:flagged': (state, { epoch: _e, ...lastFlag }) => ({ ...state, lastFlag }),
	'print:changed': (state, { epoch: _e, ...lastPrint }) => ({ ...state, lastPrint }),
	'workOrder:changed': (state, { epoch: _e, ...lastWorkOrder }) => ({ ...state, lastWorkOrder }),
	'booking:changed': (state, { epoch: _e, ...lastBooking }) => ({ ...state, lastBooking }),
	'rating:added': (state, { epoch: _e, ...lastRating }) => ({ ...state, lastRating })
};

/** True for the name of a versioned push (desk pushes include the public ones). */
export function isPush(event: string): event is keyof DeskPushes {
	return Object.hasOwn(REDUCERS, event);
}

/**
 * What a client does with a push: apply it, ignore it (already seen), or hold it (`early`: a
 * version of its process is missing before it). Versions count per process (epoch): the
 * snapshot's process moves `version`, any other process its entry in `origins`. The first
 * push seen from another process is applied: nothing came from it before to compare with.
 */
export function receive<S extends PublicSnapshot, P extends Versioned>(
	state: S,
	event: string,
	payload: P
): { apply: S } | 'seen' | 'early' {
	const own = payload.epoch === state.epoch;
	const last = own ? state.version : state.origins?.[payload.epoch];
	if (last !== undefined && payload.version <= last) return 'seen';
	if (last !== undefined && payload.version !== last + 1) return 'early';
	const applied = (state.applied ?? 0) + 1;
	const next: S = own
		? { ...state, version: payload.version, applied }
		: { ...state, origins: { ...state.origins, [payload.epoch]: payload.version }, applied };
	// An event this client does not know (a newer server) still moves the version on.
	if (!isPush(event)) return { apply: next };
	// The wire edge, and the one assertion: the server emits pushes only through namespaces
	// typed by this contract, so a known name carries that push's payload.
	const pushed: Versioned & object = { ...payload, version: applied };
	return { apply: applyPublic(next, event, pushed as DeskPushes[typeof event] & Versioned) };
}

/** Applies one push to a snapshot (versions already counted). Pure: the same code runs in
 * tests and browsers. */
export function applyPublic<S extends PublicSnapshot, K extends keyof DeskPushes>(
	state: S,
	event: K,
	payload: DeskPushes[K] & Versioned
): S {
	return REDUCERS[event](state, payload);
}
