/**
 * One resident's visit to the kiosk: every detail they enter lives here and nowhere else, so
 * ending the visit (idle reset) drops it all at once.
 */
import type { CheckedInMeeting } from '$lib/domain/booking';
import type { IntentView } from '$lib/domain/payment';
import type { QueueServiceKey, TicketView } from '$lib/domain/queue';
import type { Category } from '$lib/domain/work-order';
import type { TrackView } from '$lib/domain/work-order-track';

export type KioskScreen =
	'attract' | 'home' | 'pay' | 'notices' | 'help' | 'ticket' | 'report' | 'track' | 'checkin';

/** A report (报事报修) being put together, and what became of it. */
export interface ReportDraft {
	category: Category | null;
	/** The resident's own home (needs identification) or a public area. */
	where: 'unit' | 'area' | null;
	areaId: string | null;
	chips: string[];
	text: string;
	/** "Continue on your phone": the QR's address (it carries the draft's token) and expiry. */
	handoff: { url: string; expiresAt: string } | null;
	/** Submitted: its id, number and tracking page (whose token is the slip's print key). */
	result: { id: string; number: string; trackUrl: string } | null;
}

/** Looking up a request (查询进度): what was typed and what came back. */
export interface TrackDraft {
	number: string;
	numberDone: boolean;
	phoneTail: string;
	view: TrackView | null;
}

/** Meeting check-in (会议签到): the code typed so far, and the meeting once checked in. */
export interface CheckinDraft {
	code: string;
	meeting: CheckedInMeeting | null;
}

export function newCheckin(): CheckinDraft {
	return { code: '', meeting: null };
}

export function newReport(): ReportDraft {
	return {
		category: null,
		where: null,
		areaId: null,
		chips: [],
		text: '',
		handoff: null,
		result: null
	};
}

export function newTrack(): TrackDraft {
	return { number: '', numberDone: false, phoneTail: '', view: null };
}

/** An unpaid bill as the identified resident sees it. */
export interface KioskBill {
	id: string;
	name: string;
	nameEn?: string | undefined;
	period: string;
	amountFen: number;
	dueDate: string;
}

export interface TakenTicket {
	ticket: TicketView;
	/** The QR (data URL) that opens the ticket's page on a phone, and that page's address. */
	qr: string;
	trackUrl: string;
}

/** Who the resident proved to be (masked for the screen) and the token that proves it. */
export interface Identity {
	token: string;
	unitLabel: string;
	residentName: string;
}

/** What the resident has typed on the unit keypad so far. */
export interface IdentifyDraft {
	building: string;
	entrance: string;
	room: string;
	phoneTail: string;
}

export class KioskVisit {
	screen = $state<KioskScreen>('attract');
	/** The ticket taken in this visit. */
	ticket = $state<TakenTicket | null>(null);
	identity = $state<Identity | null>(null);
	/** The service chosen for a ticket, and whether the resident is identifying first. */
	ticketService = $state<QueueServiceKey | null>(null);
	identifying = $state(false);
	draft = $state<IdentifyDraft>({ building: '', entrance: '', room: '', phoneTail: '' });
	/** Paying fees: the unit's unpaid bills, the ones chosen, and the QR payment under way. */
	bills = $state<KioskBill[] | null>(null);
	chosen = $state<string[]>([]);
	intent = $state<IntentView | null>(null);
	report = $state<ReportDraft>(newReport());
	track = $state<TrackDraft>(newTrack());
	checkin = $state<CheckinDraft>(newCheckin());

	/** A QR is showing and not yet paid: the resident is busy on the phone, not idle. */
	get awaitingPayment(): boolean {
		return this.intent?.status === 'pending';
	}

	/**
	 * Opens a screen from the home tiles; a ticket, a report, a look-up or a check-in always
	 * starts afresh.
	 */
	open(screen: KioskScreen): void {
		if (screen === 'pay') {
			this.bills = null;
			this.chosen = [];
			this.intent = null;
		}
		if (screen === 'ticket') {
			this.ticket = null;
			this.ticketService = null;
			this.identifying = false;
		}
		if (screen === 'report') this.report = newReport();
		if (screen === 'track') this.track = newTrack();
		if (screen === 'checkin') this.checkin = newCheckin();
		this.screen = screen;
	}
}

/** How long a touch-less screen waits before warning, and how long the warning counts down. */
export interface IdlePolicy {
	idleMs: number;
	warnMs: number;
}

export const DEFAULT_IDLE: IdlePolicy = { idleMs: 60_000, warnMs: 30_000 };

/**
 * Watches for touches. After `idleMs` without one, `warning` counts down from `warnMs`; a
 * touch dismisses it; when it reaches zero, `onReset` ends the visit.
 */
export class IdleWatch {
	/** Seconds left on the warning; null while no warning shows. */
	warning = $state<number | null>(null);
	#lastTouch = Date.now();
	#active = false;

	constructor(
		private readonly policy: IdlePolicy,
		private readonly onReset: () => void
	) {}

	/** Whether the watch runs (not on the attract screen). */
	set active(on: boolean) {
		this.#active = on;
		this.touch();
	}

	touch = (): void => {
		this.#lastTouch = Date.now();
		this.warning = null;
	};

	/** Starts the watch; returns its cleanup. */
	listen(): () => void {
		const timer = setInterval(() => this.#check(), 250);
		return () => clearInterval(timer);
	}

	#check(): void {
		if (!this.#active) return;
		const idle = Date.now() - this.#lastTouch;
		if (idle < this.policy.idleMs) return;
		const left = this.policy.idleMs + this.policy.warnMs - idle;
		if (left <= 0) {
			this.warning = null;
			this.onReset();
		} else {
			this.warning = Math.ceil(left / 1000);
		}
	}
}
