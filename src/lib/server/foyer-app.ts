// What a Foyer server is made of (the Foyer and its options), apart from how createFoyer in
// foyer.ts builds it: routes and services that only need the shape import it from here, through
// foyer.ts's re-export.
import type { Clock } from '$lib/domain/time';
import type { DomainEventBus } from './events';
import type { PrintQueue, VirtualPrinter } from './printing';
import type { Realtime } from './realtime/realtime';
import type { Leadership, LeaderSession } from './cluster/leader';
import type { AuditService } from './audit/audit';
import type { AuthService } from './staff/sessions';
import type { DeviceService } from './devices/devices';
import type { DeviceDesk } from './devices/device-desk';
import type { PrinterDesk } from './devices/printer-desk';
import type { FeesService } from './fees/ledger';
import type { PaymentService } from './fees/payments';
import type { BookingService } from './rooms/bookings';
import type { RoomSettings } from './rooms/settings';
import type { DoorPanel } from './rooms/door-panel';
import type { RoomDesk } from './rooms/room-desk';
import type { MeetingCheckIn } from './rooms/meeting-checkin';
import type { ServiceRatings } from './satisfaction/service-ratings';
import type { Satisfaction } from './satisfaction/satisfaction';
import type { Tracking } from './work-orders/tracking';
import type { SlaSettings } from './work-orders/sla-settings';
import type { WorkOrderService } from './work-orders/work-orders';
import type { WorkOrderDesk } from './work-orders/work-order-desk';
import type { KioskReports } from './work-orders/kiosk-reports';
import type { SandboxProvider } from './payments/sandbox';
import type { PaymentSettings } from './fees/payment-settings';
import type { Reconciliation } from './fees/reconciliation';
import type { ReceiptPrinting } from './fees/receipt-printing';
import type { CashierDesk } from './fees/cashier';
import type { DrawerClosing } from './fees/drawer-closing';
import type { TodayService } from './overview/today';
import type { BackupService } from './backup/backups';
import type { ExportService } from './exports/exports';
import type { ReportService } from './reports/reports';
import type { ReportPacks } from './reports/packs';
import type { GoLive } from './setup/go-live';
import type { AttemptLimiter } from './http/attempt-limiter';
import type { PhotoStore } from './work-orders/photos';
import type { ReportHandoffs } from './work-orders/handoffs';
import type { IdentifyService } from './site/identify';
import type { NoticeService } from './notices/notices';
import type { QueueService } from './queue/queue';
import type { KioskTickets } from './queue/kiosk-tickets';
import type { SiteService } from './site/site';
import type { SitePlaces } from './site/places';
import type { SiteRecords } from './site/records';
import type { SiteImports } from './site/import/imports';
import type { StaffService } from './staff/staff';
import type { People } from './staff/people';
import type { Company } from './company/company';
import type { FoyerStore } from './store/contract';
import type { Logger } from './ops/logger';
import type { FoyerMetrics } from './ops/metrics';
import type { Readiness } from './ops/readiness';
import type { SocketRouter } from './realtime/socket-router';
import type { PushRelay } from './realtime/push-relay';
import type { PgDatabase } from './store/pg/pg-database';

/** Everything one Foyer server owns: one store, one Socket.IO server, the services. */
export interface Foyer {
	/** The site this Foyer serves (`default` on a lobby PC): its rows, pushes and leader. */
	siteId: string;
	version: string;
	startedAt: Date;
	clock: Clock;
	/** The data folder (the embedded store's, and photos'). */
	dataDir: string;
	store: FoyerStore;
	events: DomainEventBus;
	/** Structured JSON logs (docs/operations.md). */
	logger: Logger;
	/** The Prometheus metrics at /api/metrics. */
	metrics: FoyerMetrics;
	/** METRICS_TOKEN: a scraper's bearer token for /api/metrics; null when unset. */
	metricsToken: string | null;
	/** /healthz/ready: the store answers and the server is not shutting down. */
	readiness: Readiness;
	realtime: Realtime;
	audit: AuditService;
	staff: StaffService;
	/** Everyone working here by id or username, the company's accounts too: names, technicians. */
	people: People;
	auth: AuthService;
	site: SiteService;
	/** The desk's site records (基础资料): lists, forms, deactivation. */
	records: SiteRecords;
	/** Buildings, counters, meeting rooms and common areas: the desk's create and edit forms. */
	places: SitePlaces;
	/** Imports of site records from .xlsx / .csv: preview, confirm, error rows. */
	imports: SiteImports;
	notices: NoticeService;
	queue: QueueService;
	/** The kiosk's tickets: take one, print its slip. */
	kioskTickets: KioskTickets;
	identify: IdentifyService;
	fees: FeesService;
	payments: PaymentService;
	/** The real providers' configuration at the desk (admins). */
	paymentSettings: PaymentSettings;
	/** The daily reconciliation with the providers' trade bills. */
	reconciliation: Reconciliation;
	sla: SlaSettings;
	workOrders: WorkOrderService;
	/** The work-order desk: workflow steps and reports taken at the desk. */
	workOrderDesk: WorkOrderDesk;
	ratings: ServiceRatings;
	rooms: RoomSettings;
	bookings: BookingService;
	/** A door panel's buttons (paired panel or the conference PIN). */
	doorPanel: DoorPanel;
	/** The rooms desk's bookings, AV checks, timings and PIN, checked against the permissions. */
	roomDesk: RoomDesk;
	/** A meeting guest's check-in at the kiosk. */
	meetingCheckIn: MeetingCheckIn;
	/** "Continue on your phone" drafts of reports. */
	handoffs: ReportHandoffs;
	/** Reports at the kiosk: filed, handed to the phone, their slips. */
	kioskReports: KioskReports;
	photos: PhotoStore;
	/** Tracking by number + phone tail: failures per request number and per client address. */
	trackLimits: { byNumber: AttemptLimiter; byClient: AttemptLimiter };
	/** Following a request by number + phone tail, limited by trackLimits. */
	tracking: Tracking;
	/** The month's satisfaction: work orders and service ratings. */
	satisfaction: Satisfaction;
	/** The manager's live "today" overview on the desk's home (概览). */
	today: TodayService;
	/** The go-live checklist of a new site. */
	goLive: GoLive;
	/** The manager's service-quality reports: figures of a period beside the previous one. */
	reports: ReportService;
	/** The report packs the manager hands in: drafts with comments, issued packs frozen. */
	reportPacks: ReportPacks;
	/** Exports (xlsx, csv) for the finance office, the committee, an audit. */
	exports: ExportService;
	/** Backups of the data folder: daily, from the desk, from `npm run backup`. */
	backups: BackupService;
	/** The sandbox payment provider (its phone page pays through it). */
	sandbox: SandboxProvider;
	printing: PrintQueue;
	/** Fee receipts, void slips and Z-reports, and where they print. */
	receipts: ReceiptPrinting;
	/** The cashier's counter: pay and print, reprint, void or refund with the slip. */
	cashier: CashierDesk;
	/** The daily close of a drawer and its Z-report. */
	drawerClosing: DrawerClosing;
	devices: DeviceService;
	/** The desk's device actions, checked against the permission table. */
	deviceDesk: DeviceDesk;
	/** The desk's printer actions (set up, test, probe, retry, cancel), checked likewise. */
	printerDesk: PrinterDesk;
	/** The loopback ESC/POS listener behind the printer target `virtual`. */
	virtualPrinter: VirtualPrinter;
	/** Whether this process runs the clock-driven work (always, embedded; one of a cluster). */
	leadership: Leadership;
	/**
	 * The company this site belongs to when one process serves several sites (docs/company.md):
	 * its accounts and every site's figures. Null on a lobby PC and for one site alone.
	 */
	company: Company | null;
	/** Asked for by the set-up walk-through of an empty site (SEED=none); printed on the console. */
	setupCode: string | null;
	/** Finishes writes in flight, closes sockets and releases the data folder. */
	close(): Promise<void>;
}

export interface FoyerOptions {
	dataDir: string;
	/** DATABASE_URL: keep everything in this PostgreSQL instead of the data folder's files. */
	databaseUrl?: string | undefined;
	/** The site this Foyer serves (`default`): one of SITES, or SITE; see sites/hosts.ts. */
	site?: string | undefined;
	/** Hands this site's Socket.IO requests to it: one router per HTTP server, for every site. */
	sockets: SocketRouter;
	/** The process's PostgreSQL database, shared by every site it serves (with DATABASE_URL). */
	database?: PgDatabase | undefined;
	/** Pushes between processes on PostgreSQL: the process's relay, shared by its sites. */
	relay?: PushRelay | undefined;
	/** The database session holding the leads of every site the process serves (PostgreSQL). */
	leaderSession?: LeaderSession | undefined;
	/** The process's metrics, shared by every site it serves (one of its own by default). */
	metrics?: FoyerMetrics;
	version: string;
	clock?: Clock;
	origin?: string | undefined;
	/** PRINTER: the first printer's target (tcp://host:port, a device path, or virtual). */
	printer?: string | undefined;
	/** BACKUP_DIR: where backups go; by default `backups` in the data folder's parent. */
	backupDir?: string | undefined;
	/** BACKUP_KEEP: how many backups to keep (14). */
	backupKeep?: number | undefined;
	/** PUBLIC_URL: the public HTTPS address providers' notifications reach, if there is one. */
	publicUrl?: string | undefined;
	/** Talks to the payment providers (tests point it, and the base URLs, at fakes). */
	fetch?: typeof fetch;
	/** PAYMENT_WINDOW_SECONDS: how long a kiosk QR can be paid (5 minutes). */
	paymentWindowMs?: number | undefined;
	/** Where operational lines go (server.js makes it from LOG_LEVEL/LOG_FORMAT); warnings and
	 * errors as JSON on stdout by default. */
	logger?: Logger;
	/** METRICS_TOKEN: lets a scraper read /api/metrics without a session. */
	metricsToken?: string | undefined;
	/**
	 * The company of a deployment serving several sites (the same object for every site's Foyer
	 * of the process): its accounts may sign in at this site's desk with their roles here. The
	 * caller adds the site to it (`company.addSite`) once the Foyer is built.
	 */
	company?: Company | undefined;
}
