/**
 * One resident's visit to the kiosk: every detail they enter lives here and nowhere else, so
 * ending the visit (Done, Home, the idle reset, a server restart) drops it all at once by
 * replacing the object. Nothing of it is written to storage, the URL or the history.
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
	result: { id: string; number: string; trackUrl: string; respondBy: string | null } | null;
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
	/** The room number was confirmed and the phone tail is being typed. */
	roomDone: boolean;
	phoneTail: string;
}

export function newIdentifyDraft(): IdentifyDraft {
	return { building: '', entrance: '', room: '', roomDone: false, phoneTail: '' };
}

export class KioskVisit {
	screen = $state<KioskScreen>('attract');
	/** The ticket taken in this visit. */
	ticket = $state<TakenTicket | null>(null);
	identity = $state<Identity | null>(null);
	/** The service chosen for a ticket, and whether the resident is identifying first. */
	ticketService = $state<QueueServiceKey | null>(null);
	identifying = $state(false);
	draft = $state<IdentifyDraft>(newIdentifyDraft());
	/** "Another service" was chosen once: the identification served one more task, no more. */
	oneMore = $state(false);
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

	/** A finished task may offer one more with the same identification (an explicit choice). */
	get mayContinue(): boolean {
		return this.identity !== null && !this.oneMore;
	}

	/**
	 * "Another service": back to the tiles keeping who the resident is, for exactly one more
	 * task. What the finished task showed (ticket, bills, payment, report) is dropped.
	 */
	another(): void {
		this.ticket = null;
		this.ticketService = null;
		this.identifying = false;
		this.bills = null;
		this.chosen = [];
		this.intent = null;
		this.report = newReport();
		this.track = newTrack();
		this.checkin = newCheckin();
		this.oneMore = true;
		this.screen = 'home';
	}
}
