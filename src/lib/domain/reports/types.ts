import type { Category } from '../work-order-kinds';
import type { AgeBucket, PaymentMethod } from '../fees';
import type { QueueServiceKey } from '../queue-services';

/**
 * The shape of a service-quality report (/desk/reports): what the server computes from the
 * records for one period and the period before it. Every figure has one definition in
 * docs/reports.md. Conventions: money in integer fen, durations in ms, days YYYY-MM-DD and
 * months YYYY-MM in the site's time zone; a rate is 0–1, or null when nothing was counted
 * (the page shows "—", never 0% or 100%). People and places come with their id and their
 * Chinese and English names (`nameEn` undefined when the site has none).
 */

/** What a report covers: a month, a quarter, or any range of site days (inclusive). */
export interface ReportPeriod {
	kind: 'month' | 'quarter' | 'range';
	/** As typed and linked: `2026-11`, `2026-Q4` or `2026-10-01..2026-10-15`. */
	key: string;
	/** First and last site day, inclusive. */
	from: string;
	to: string;
	/** Number of days, from and to included. */
	days: number;
	/** The months the period touches, oldest first (a range may touch a month in part). */
	months: string[];
}

/** A count of ratings and how many were satisfied (score ≥ 4). */
export interface RatingTally {
	rated: number;
	satisfied: number;
	/** satisfied / rated; null with no ratings. */
	rate: number | null;
}

/**
 * Where a rating was given. kiosk / phone: the resident rated a work order at the kiosk or on
 * their phone (/w/…); followUp: staff recorded the follow-up call (回访); receipt: a payment's
 * service rated from the receipt's QR or the kiosk after paying; unknown: a resident's
 * work-order rating recorded before Foyer kept the channel.
 */
export const RATING_CHANNELS = ['kiosk', 'phone', 'followUp', 'receipt', 'unknown'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

/** A rating of 3 or less, with what was done about it. */
export interface LowScore {
	/** workOrder: a work order's rating (or follow-up call); service: a payment's service rating. */
	kind: 'workOrder' | 'service';
	/** The work order's id, or the service rating's id. */
	id: string;
	/** The work order's number, or the receipt's number. */
	number: string;
	category: Category | null;
	channel: RatingChannel;
	score: number;
	remarks: string;
	at: string;
	/** Work orders: whether the manager's low-score task was done (null: no task; services). */
	followedUp: boolean | null;
	followedUpAt: string | null;
}

/** A technician (staff member) named for a report. */
export interface StaffRef {
	/** Staff id; null for "not recorded" (older records). */
	id: string | null;
	/** Display name; '' when the id is null or the account is gone. */
	name: string;
}

export interface SatisfactionFigures extends RatingTally {
	/** SATISFACTION_TARGET, 0.95. */
	target: number;
	/** rate ≥ target; null with no ratings. */
	met: boolean | null;
	/** Every month the period touches, oldest first. */
	byMonth: (RatingTally & { month: string })[];
	byChannel: Record<RatingChannel, RatingTally>;
	/** Work-order ratings only (service ratings have no category). */
	byCategory: Record<Category, RatingTally>;
	/** Work-order ratings by the order's technician, most rated first; id null: none dispatched. */
	byTechnician: (RatingTally & { technician: StaffRef })[];
	/** Scores ≤ 3, lowest first then oldest first. */
	low: LowScore[];
}

/** Business-hours durations of a set of orders, ms; null with none measured. */
export interface DurationStats {
	count: number;
	p50Ms: number | null;
	p90Ms: number | null;
}

/** SLA compliance of one category (or all). */
export interface SlaFigures {
	/** Orders whose response is decided: responded, or still waiting past the target. */
	responseMeasured: number;
	responseMet: number;
	responseRate: number | null;
	resolutionMeasured: number;
	resolutionMet: number;
	resolutionRate: number | null;
	/** Report → first response (accepted/dispatched/resolved), business hours. */
	responseTime: DurationStats;
	/** Report → resolved, business hours, on-hold time excluded. */
	resolutionTime: DurationStats;
}

export interface WorkOrderFigures {
	/** Orders reported in the period (by the report's time), cancelled and rejected included. */
	created: number;
	byCategory: Record<Category, number>;
	bySource: Record<'kiosk' | 'phone' | 'desk', number>;
	/** Of the orders reported in the period: cancelled and rejected (by their status now). */
	cancelled: number;
	rejected: number;
	/** SLA of the period's orders, cancelled and rejected left out. */
	sla: SlaFigures;
	slaByCategory: Record<Category, SlaFigures>;
	/** Open at the period's end (reported by then, not resolved or finished by then) and past the target then. */
	overdueAtEnd: number;
	/** Open at the period's end and on hold then. */
	onHoldAtEnd: number;
	/** Orders put on hold during the period (a hold in their history inside the period). */
	heldInPeriod: number;
	/** Orders sent back to work after being resolved, from their history (in the period). */
	reopened: number;
	/** Orders dispatched again after a dispatch or a hold (another technician, a second visit). */
	redispatched: number;
	complaints: {
		/** Complaints reported in the period, cancelled and rejected left out. */
		count: number;
		/** Closed, with a follow-up call recorded. */
		closedWithFollowUp: number;
		/** … and resolved within the complaint resolution target. */
		closedWithinTarget: number;
		/** closedWithinTarget / count; null with no complaints. */
		rate: number | null;
	};
}

/** Billed and paid of a group of bills (a building, a fee item, the site). */
export interface CollectionFigures {
	billedFen: number;
	/** What was paid on these bills by the period's end, voided and refunded payments left out. */
	paidFen: number;
	/** paid / billed; null when nothing was billed. */
	rate: number | null;
}

export interface MoneyTally {
	count: number;
	amountFen: number;
}

export interface ArrearsPoint {
	/** The site day the arrears are counted at (the month's or the period's last day). */
	day: string;
	month: string;
	totalFen: number;
	unitsOwing: number;
	buckets: Record<AgeBucket, number>;
}

export interface FeeFigures {
	/** Bills whose billing month lies in the period (a range: whose month touches it). */
	billing: CollectionFigures;
	byBuilding: (CollectionFigures & { building: string; name: string })[];
	byItem: (CollectionFigures & { name: string; nameEn: string | undefined })[];
	/** Payments taken in the period (by business day), whether later voided or not. */
	payments: MoneyTally;
	/** Voids and refunds entered in the period (by business day). */
	voids: MoneyTally;
	refunds: MoneyTally;
	/** payments − voids − refunds of the period: what the ledger's net for these days is. */
	collectedFen: number;
	/** Payments of the period by method (gross, as taken). */
	methods: Record<PaymentMethod, MoneyTally>;
	/** What is owed at the period's last day, by age bucket. */
	arrears: ArrearsPoint;
	/** Arrears at the end of each month the period touches (the last: at the period's end). */
	arrearsTrend: ArrearsPoint[];
}

/** Waiting and service times of a group of tickets, ms. */
export interface TicketTimes {
	tickets: number;
	/** Tickets called (waited until a counter called them). */
	called: number;
	done: number;
	skipped: number;
	waitP50Ms: number | null;
	waitP90Ms: number | null;
	serviceP50Ms: number | null;
	serviceP90Ms: number | null;
}

export interface QueueFigures extends TicketTimes {
	/** Tickets taken in the period and sent on to another service. */
	transferred: number;
	/** Never called: still waiting when their day ended (left without being served). */
	uncalled: number;
	byService: (TicketTimes & { service: QueueServiceKey })[];
	/** Counters that called tickets, by counter number. */
	byCounter: (TicketTimes & {
		counterId: string;
		number: number | null;
		name: string;
		nameEn: string | undefined;
	})[];
	/** By who called: staff id null for tickets called before Foyer recorded it. */
	byStaff: (TicketTimes & { staff: StaffRef })[];
	/** Tickets taken, [weekday 0 = Monday … 6 = Sunday][hour 0–23], site time. */
	heatmap: number[][];
}

export interface RoomFigures {
	roomId: string;
	name: string;
	nameEn: string | undefined;
	/** Bookings whose start falls in the period, cancelled ones left out. */
	bookings: number;
	/** Booked start → end, summed (ms). */
	bookedMs: number;
	/** Meetings held: from check-in/start to the end (ms); no-shows and cancelled count 0. */
	usedMs: number;
	/** The center's opening hours in the period (business hours), ms. */
	openMs: number;
	/** bookedMs / openMs and usedMs / openMs; null when the center was never open. */
	bookedRate: number | null;
	usedRate: number | null;
	cancelled: number;
	/** Released by Foyer because nobody came (no-show). */
	noShows: number;
	avChecks: number;
	avFailures: number;
	feedback: { count: number; average: number | null; satisfied: number };
}

export interface RoomsFigures {
	rooms: RoomFigures[];
	total: Omit<RoomFigures, 'roomId' | 'name' | 'nameEn'>;
}

/** Every section's figures for one period. */
export interface ReportFigures {
	period: ReportPeriod;
	satisfaction: SatisfactionFigures;
	workOrders: WorkOrderFigures;
	fees: FeeFigures;
	queue: QueueFigures;
	rooms: RoomsFigures;
}

/** What GET /api/desk/reports and ReportService.report answer. */
export interface ServiceReport {
	site: { name: string; nameEn: string | undefined; timeZone: string };
	/** When it was computed (ISO). */
	generatedAt: string;
	/** The period asked for, and the period before it (previous month/quarter/same length). */
	current: ReportFigures;
	previous: ReportFigures;
}
